using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NlpSymbolic.Data;
using RecurrentLoop;
using Xunit;

namespace NlpSymbolic.Tests.Docs;

/// <summary>
/// docs/recurrent-loop.md shows CharLstm.cs, RecurrentLoop.cs and Example.cs whole; this test keeps the page and the files equal,
/// and runs the loop: the loss falls, a run resumed from its checkpoint (carried state included) continues
/// bit-identically, and generation after priming gives text of the asked length.
/// </summary>
public sealed class RecurrentLoopDocTests : IDisposable
{
    private const string Text = "the cat sat on the mat. the dog sat on the log. the cat and the dog sat. ";

    private readonly string folder = Directory.CreateTempSubdirectory("nlpsym-lstm-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NlpSymbolic.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("NlpSymbolic.sln not found");
    }

    private static string Normalize(string code) => code.Replace("\r\n", "\n").Trim();

    [Theory]
    [InlineData("CharLstm.cs")]
    [InlineData("RecurrentLoop.cs")]
    [InlineData("Example.cs")]
    public void ThePageShowsTheTestedFilesWhole(string file)
    {
        var root = Root();
        var page = File.ReadAllText(Path.Combine(root, "docs", "recurrent-loop.md")).Replace("\r\n", "\n");
        var block = Regex.Match(page, $@"<!-- {Regex.Escape(file)} -->\n```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, $"docs/recurrent-loop.md has no ```csharp block after <!-- {file} -->");
        Assert.Equal(Normalize(File.ReadAllText(Path.Combine(root, "tests", "NlpSymbolic.Tests", "Docs", file))), Normalize(block.Groups[1].Value));
    }

    private static Vocabulary Characters()
    {
        var counts = new TokenCounts();
        counts.AddCharacters(Text);
        return Vocabulary.Build(counts, new VocabularyOptions { Specials = SpecialTokens.NoUnknown });
    }

    [Fact]
    public void TheLoopLearnsResumesWithItsStateAndGenerates()
    {
        var characters = Characters();
        var text = string.Concat(Enumerable.Repeat(Text, 8));
        var straight = new RecurrentLoop.RecurrentLoop(text, characters, streams: 4, chunk: 12, hidden: 24, seed: 1);
        var first = straight.TrainStep();
        var losses = Enumerable.Range(0, 119).Select(_ => straight.TrainStep()).ToList();
        Assert.True(losses.TakeLast(10).Average() < first * 0.6, $"mean loss per character {first:F3} → {losses.TakeLast(10).Average():F3}");

        // Stop at step 60 (mid-epoch: the streams carry a state), resume in a new process's objects, compare.
        var path = Path.Combine(folder, "lstm.safetensors");
        var interrupted = new RecurrentLoop.RecurrentLoop(text, characters, 4, 12, 24, seed: 1);
        for (var i = 0; i < 60; i++)
        {
            interrupted.TrainStep();
        }

        interrupted.Save(path);
        var resumed = new RecurrentLoop.RecurrentLoop(text, characters, 4, 12, 24, seed: 99);
        resumed.Resume(path);
        Assert.Equal(60, resumed.Step);
        var continued = Enumerable.Range(0, 60).Select(_ => resumed.TrainStep()).ToList();
        Assert.Equal(losses.Skip(59).Take(60), continued);

        var generated = straight.Generate(characters, "the cat ", 20);
        Assert.Equal(28, generated.Length);
        Assert.StartsWith("the cat ", generated);
    }

    [Fact]
    public void WithoutTheSavedStateTheResumedRunWouldDiffer()
    {
        // The test above can fail: restarting the streams from a zero state changes the next losses.
        var characters = Characters();
        var text = string.Concat(Enumerable.Repeat(Text, 8));
        var a = new RecurrentLoop.RecurrentLoop(text, characters, 4, 12, 24, seed: 1);
        for (var i = 0; i < 10; i++)
        {
            a.TrainStep();
        }

        var path = Path.Combine(folder, "state.safetensors");
        a.Save(path);
        var withState = new RecurrentLoop.RecurrentLoop(text, characters, 4, 12, 24, seed: 1);
        withState.Resume(path);
        var zeroState = new RecurrentLoop.RecurrentLoop(text, characters, 4, 12, 24, seed: 1);
        zeroState.Resume(path);
        zeroState.GetType().GetMethod("ResetState", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.Invoke(zeroState, null);
        Assert.NotEqual(withState.TrainStep(), zeroState.TrainStep());
    }

    [Fact]
    public void TheExampleTrainsCheckpointsResumesAndGenerates()
    {
        var text = string.Concat(Enumerable.Repeat("ROMEO:\nthe cat sat on the mat.\n", 20));
        var path = Path.Combine(folder, "lstm.safetensors");
        var first = new StringWriter();
        var generated = RecurrentLoop.Example.Run(text, path, steps: 3, first);
        Assert.Equal("step 3: ", first.ToString()[..8]);
        Assert.True(File.Exists(path));
        Assert.Equal(7 + 200, generated.Length);

        var second = new StringWriter();
        RecurrentLoop.Example.Run(text, path, steps: 5, second);
        var lines = second.ToString().Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("resumed from step 3", lines[0]);
        Assert.StartsWith("step 5: ", lines[1]);
    }
}
