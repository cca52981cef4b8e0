using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Samples.CharRnn;
using NlpSymbolic.Samples.Hosting;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary>
/// Every input or output the user names fails as one line naming the path and the problem, with its documented exit
/// code, before any training when it can be known then, and never with a stack trace or a half-written file.
/// </summary>
public class BadInputAndOutputTests
{
    private const string Sentence =
        "1\tThe\t_\tDET\t_\t_\t_\t_\t_\t_\n" +
        "2\tdog\t_\tNOUN\t_\t_\t_\t_\t_\t_\n" +
        "3\tbarks\t_\tVERB\t_\t_\t_\t_\t_\t_\n" +
        "4\t.\t_\tPUNCT\t_\t_\t_\t_\t_\t_\n\n";

    private static string Repeat(int sentences) => string.Concat(Enumerable.Range(0, sentences).Select(i => $"# sent_id = s{i}\n" + Sentence));

    private static void AssertOneLine(SampleRun run, int exitCode, params string[] phrases)
    {
        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}, expected {exitCode}:\n{run.Output}");
        Assert.DoesNotContain("   at ", run.Output);
        var error = run.Output.Split('\n').Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToList();
        Assert.True(error.Count == 1, run.Output);
        foreach (var phrase in phrases)
        {
            Assert.Contains(phrase, PosTests.Flat(run.Output));
        }
    }

    /// <summary>A tiny UD folder, gzip-compressed like the shipped one.</summary>
    private static string GzipCorpus(Func<byte[], byte[]>? damageDev = null)
    {
        var folder = Scratch.Folder("gz-");
        foreach (var split in new[] { "train", "dev", "test" })
        {
            using var memory = new MemoryStream();
            using (var gzip = new GZipStream(memory, CompressionLevel.Optimal))
            {
                gzip.Write(Encoding.UTF8.GetBytes(Repeat(split == "train" ? 40 : 125)));
            }

            var bytes = memory.ToArray();
            File.WriteAllBytes(Path.Combine(folder, $"en_ewt-ud-{split}.conllu.gz"), split == "dev" && damageDev is not null ? damageDev(bytes) : bytes);
        }

        return folder;
    }

    [Fact]
    public void A_truncated_gz_split_is_exit_3_naming_the_file()
    {
        // Cut inside the data, and whole but missing its 8-byte trailer: both used to read as a shorter dev set.
        foreach (var damage in new Func<byte[], byte[]>[] { b => b[..(b.Length / 2)], b => b[..^8] })
        {
            var run = SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--data", GzipCorpus(damage), "--epochs", "1", "--hidden", "4");
            AssertOneLine(run, ExitCodes.BadInput, "en_ewt-ud-dev.conllu.gz", "truncated gzip data");
        }
    }

    [Fact]
    public void A_truncated_gz_text_for_charrnn_is_exit_3()
    {
        var text = File.ReadAllBytes(CharText.ShippedTinyShakespeare);
        var path = Path.Combine(SampleRun.TempOutput(), "cut.txt.gz");
        File.WriteAllBytes(path, text[..(text.Length / 3)]);
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "charrnn", "--data", path, "--iterations", "5");
        AssertOneLine(run, ExitCodes.BadInput, "cut.txt.gz", "truncated gzip data");
    }

    [Fact]
    public void An_output_that_is_a_file_is_exit_5_and_the_file_is_untouched()
    {
        var file = Path.Combine(SampleRun.TempOutput(), "notes.txt");
        File.WriteAllText(file, "mine");
        var run = SampleRun.Of("--output", file, "pos", "--max-sentences", "20", "--epochs", "1");
        AssertOneLine(run, ExitCodes.CannotWrite, file, "a file is in the way");
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void An_unwritable_output_folder_is_exit_5_before_any_data_is_read()
    {
        // /proc/self is a folder nobody can create files in, root included (a chmod'ed folder would not stop root).
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self"))
        {
            return;
        }

        var missingData = Path.Combine(Path.GetTempPath(), "nlpsym-no-data-" + Guid.NewGuid().ToString("N"));
        foreach (var output in new[] { "/proc/self", "/proc/self/nlpsym-output" })
        {
            var run = SampleRun.Of("--output", output, "pos", "--data", missingData);
            AssertOneLine(run, ExitCodes.CannotWrite, "--output " + output, "cannot be written");
        }
    }

    [Fact]
    public void A_full_disk_under_an_output_is_exit_5_naming_it()
    {
        // /dev/full answers every write with "no space left on device", as a full disk does.
        if (!OperatingSystem.IsLinux() || !File.Exists("/dev/full"))
        {
            return;
        }

        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--max-sentences", "20", "--epochs", "1", "--hidden", "4", "--log", "/dev/full");
        AssertOneLine(run, ExitCodes.CannotWrite, "--log /dev/full", "cannot append to the run log");
    }

    [Fact]
    public void A_resume_that_is_a_folder_is_exit_2_before_the_data_are_read()
    {
        var folder = SampleRun.TempOutput();
        var missingData = Path.Combine(Path.GetTempPath(), "nlpsym-no-data-" + Guid.NewGuid().ToString("N"));
        foreach (var command in new[] { "pos", "ner", "word2vec", "charrnn" })
        {
            var run = SampleRun.Of("--output", SampleRun.TempOutput(), command, "--data", missingData, "--resume", folder);
            AssertOneLine(run, ExitCodes.MissingData, folder, "is a folder, not a checkpoint file");
        }
    }

    [Fact]
    public void A_resume_that_is_a_pipe_is_exit_3_without_waiting_for_a_writer()
    {
        var pipe = Path.Combine(SampleRun.TempOutput(), "pipe");
        try
        {
            using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", pipe) { RedirectStandardError = true })!;
            mkfifo.WaitForExit();
            if (mkfifo.ExitCode != 0)
            {
                return;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return;   // no mkfifo on this machine
        }

        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--resume", pipe);
        AssertOneLine(run, ExitCodes.BadInput, pipe, "not a checkpoint file");
    }

    [Fact]
    public void A_resume_that_is_no_checkpoint_is_exit_3_and_a_missing_one_exit_2()
    {
        var junk = Path.Combine(SampleRun.TempOutput(), "junk.safetensors");
        File.WriteAllText(junk, "this is not a safetensors file at all");
        AssertOneLine(SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--resume", junk), ExitCodes.BadInput, junk, "not a valid checkpoint");
        var missing = Path.Combine(SampleRun.TempOutput(), "missing.safetensors");
        AssertOneLine(SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--resume", missing), ExitCodes.MissingData, missing, "no such checkpoint");
    }

    [Fact]
    public void Resume_says_where_it_continues_and_another_seed_is_one_plain_line()
    {
        var output = SampleRun.TempOutput();
        var first = SampleRun.Of("--output", output, "pos", "--max-sentences", "40", "--epochs", "1", "--hidden", "8");
        Assert.True(first.ExitCode == 0, first.Output);
        var checkpoint = Path.Combine(output, "pos.safetensors");

        var resumed = SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--max-sentences", "40", "--epochs", "2", "--hidden", "8", "--resume", checkpoint);
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Matches(@"resumed from step [0-9,]+, epoch 2 \(", resumed.Output);

        var otherSeed = SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--max-sentences", "40", "--epochs", "2", "--hidden", "8", "--seed", "2", "--resume", checkpoint);
        AssertOneLine(otherSeed, ExitCodes.BadInput, checkpoint, "cannot continue that run");
        Assert.DoesNotContain("(Parameter", otherSeed.Output);
    }

    [Fact]
    public void A_non_finite_parameter_refusing_a_checkpoint_is_exit_4_naming_it()
    {
        var set = new ParameterSet();
        var embeddings = set.Add("L", Init.Zeros(2, 3));
        embeddings.Values[5] = double.NaN;
        var path = Path.Combine(SampleRun.TempOutput(), "model.safetensors");
        var error = Assert.Throws<NonFiniteParameterException>(() => Checkpoint.Save(path, set));

        var (_, message, code) = CommandErrors.Describe(error);
        Assert.Equal(ExitCodes.Diverged, code);
        Assert.Contains("parameter \"L\"", message);
        Assert.Contains("row 1, column 2", message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Anything_unexpected_is_still_one_line_exit_70()
    {
        var (prefix, message, code) = CommandErrors.Describe(new InvalidOperationException("boom"));
        Assert.Equal(ExitCodes.Internal, code);
        Assert.Contains("InvalidOperationException", prefix);
        Assert.Equal("boom", message);
    }
}
