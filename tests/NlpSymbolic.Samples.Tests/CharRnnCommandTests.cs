using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Samples.CharRnn;
using NlpSymbolic.Samples.Hosting;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary><c>charrnn</c> and <c>gru</c> on the shipped Tiny Shakespeare for a few hundred updates, and their bad inputs.</summary>
public class CharRnnCommandTests
{
    private static string TinyShakespeare => CharText.ShippedTinyShakespeare;

    // −ln(1/65)·25: Tiny Shakespeare has 65 distinct characters.
    private static readonly string InitialLoss = (-Math.Log(1.0 / 65) * 25).ToString("F2", CultureInfo.InvariantCulture);

    [Fact]
    public void CharRnnStartsAtTheUniformLossAndLearns()
    {
        var output = SampleRun.TempOutput();
        var run = SampleRun.Of("--output", output, "--quiet", "charrnn", "--data", TinyShakespeare, "--iterations", "300", "--sample-every", "100", "--sample-length", "50");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"rnn: iteration 0, smoothed loss {InitialLoss} (−ln(1/65)·25 = {InitialLoss})", run.Output);
        Assert.Contains("sample at iteration 200", run.Output);
        var final = Number(run.Output, @"smoothed loss @ iteration 300\s*│\s*([0-9.]+)");
        Assert.True(final < 104.36 - 1, $"smoothed loss {final} did not decrease\n{run.Output}");
        Assert.True(File.Exists(Path.Combine(output, "charrnn.safetensors")));
        Assert.True(File.Exists(Path.Combine(output, "charrnn-rnn-smoothed_loss.png")));

        // Resuming continues from the saved iteration.
        var resumed = SampleRun.Of("--output", output, "--quiet", "charrnn", "--data", TinyShakespeare, "--iterations", "350", "--sample-every", "0",
            "--resume", Path.Combine(output, "charrnn.safetensors"));
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.True(Number(resumed.Output, @"smoothed loss @ iteration 350\s*│\s*([0-9.]+)") < final + 1, resumed.Output);
    }

    /// <summary>The checkpoint keeps the carried hidden state, and --resume continues from it (not from zero).</summary>
    [Fact]
    public void ResumeRestoresTheHiddenState()
    {
        var text = CharText.Load(TinyShakespeare, 25);
        var model = new RnnLanguageModel(text.Vocabulary, 16, 1);
        var trainer = new SequentialTrainer(model, text.Ids, 25, 0.1, 5);
        for (var i = 0; i < 7; i++)
        {
            trainer.Step();
        }

        var path = Path.Combine(SampleRun.TempOutput(), "rnn.safetensors");
        CharRun.Save(path, trainer, text);

        var again = new SequentialTrainer(new RnnLanguageModel(text.Vocabulary, 16, 2), text.Ids, 25, 0.1, 5);
        CharRun.Resume(path, again, text);
        Assert.Equal(7, again.Iteration);
        Assert.True(trainer.State.L2Norm() > 0);
        Assert.Equal(trainer.State, again.State);
        Assert.Equal(trainer.Step(), again.Step(), 12);
    }

    [Fact]
    public void GruComparesWithTheRnnAtEqualParameterCount()
    {
        var output = SampleRun.TempOutput();
        var run = SampleRun.Of("--output", output, "--quiet", "gru", "--data", TinyShakespeare, "--iterations", "200", "--sample-every", "0");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("RNN hidden 100: 23,165 parameters; GRU hidden 54: 23,015 parameters (-0.6%)", run.Output);
        Assert.Contains($"gru: iteration 0, smoothed loss {InitialLoss}", run.Output);
        Assert.Contains($"rnn: iteration 0, smoothed loss {InitialLoss}", run.Output);
        Assert.True(Number(run.Output, @"GRU smoothed loss @ iteration 200\s*│\s*([0-9.]+)") < 104.36 - 1, run.Output);
        Assert.Contains("equal time", run.Output);
        Assert.True(File.Exists(Path.Combine(output, "gru-comparison-iteration.png")));
    }

    [Fact]
    public void TheParameterCountsMatch()
    {
        // The lecture's text: V = 93, hidden 100 → GRU hidden 54, within 1.1 %.
        var rnn = CharRnnModel.ParameterCount(93, 100);
        var gru = GruModel.ParameterCount(93, GruModel.HiddenMatching(93, rnn));
        Assert.Equal(54, GruModel.HiddenMatching(93, rnn));
        Assert.True(Math.Abs(gru - rnn) < 0.02 * rnn);
    }

    [Theory]
    [InlineData("charrnn")]
    [InlineData("gru")]
    public void MissingDataExitsTwo(string command)
    {
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "--quiet", command, "--data", "/no/such/input.txt");
        Assert.Equal(ExitCodes.MissingData, run.ExitCode);
        Assert.Contains("/no/such/input.txt", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Theory]
    [InlineData("charrnn")]
    [InlineData("gru")]
    public void EmptyFileIsRejected(string command)
    {
        var empty = Path.Combine(SampleRun.TempOutput(), "empty.txt");
        File.WriteAllText(empty, string.Empty);
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "--quiet", command, "--data", empty);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("the file is empty", run.Output);
    }

    [Fact]
    public void ACheckpointOfAnotherHiddenSizeExitsThree()
    {
        var output = SampleRun.TempOutput();
        var first = SampleRun.Of("--output", output, "--quiet", "charrnn", "--data", TinyShakespeare, "--iterations", "5", "--hidden", "20", "--sample-every", "0");
        Assert.True(first.ExitCode == 0, first.Output);
        var run = SampleRun.Of("--output", output, "--quiet", "charrnn", "--data", TinyShakespeare, "--iterations", "10", "--hidden", "30",
            "--resume", Path.Combine(output, "charrnn.safetensors"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("belongs to another model", run.Output);
        Assert.Contains("[30, 30]", run.Output);
    }

    [Fact]
    public void ACheckpointOfAnotherModelExitsThree()
    {
        // A tagger-like checkpoint (weights W, b and Adam's state), as another command would write.
        var path = Path.Combine(SampleRun.TempOutput(), "tagger.safetensors");
        var parameters = new ParameterSet();
        parameters.Add("W", Init.Zeros(5, 3));
        parameters.Add("b", Init.Zeros(5));
        Checkpoint.Save(path, parameters, new Adam(1e-3));
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "--quiet", "charrnn", "--data", TinyShakespeare, "--iterations", "10", "--resume", path);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("belongs to another model", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void TheDefaultDataIsBigTxtWhenSharedDataIsPresent()
    {
        var expected = SampleContext.SharedData is { } shared && File.Exists(Path.Combine(shared, "norvig-big", "big.txt"))
            ? Path.Combine(shared, "norvig-big", "big.txt")
            : TinyShakespeare;
        Assert.Equal(expected, CharText.DefaultPath());
        Assert.True(File.Exists(TinyShakespeare));
    }

    private static double Number(string output, string pattern)
    {
        var match = Regex.Match(output, pattern);
        Assert.True(match.Success, $"'{pattern}' not found in:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
