using System;
using System.IO;
using System.Linq;
using NlpSymbolic.Samples.Hosting;
using NlpSymbolic.Samples.Window;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

public class PosTests
{
    [Fact]
    public void Pos_trains_on_a_slice_of_the_shipped_data_and_reports_test_accuracy()
    {
        var output = SampleRun.TempOutput();
        var run = SampleRun.Of("--quiet", "--output", output, "pos", "--sentences", "300", "--epochs", "1", "--hidden", "50");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("300 training sentences", run.Output);
        Assert.Contains("test accuracy (%)", run.Output);
        Assert.Contains("95–96 %", run.Output);
        Assert.True(File.Exists(Path.Combine(output, "pos.safetensors")), run.Output);
        Assert.True(File.Exists(Path.Combine(output, "pos-dev-accuracy.png")), run.Output);
        Assert.True(Accuracy(run.Output) > 50, run.Output);
    }

    [Fact]
    public void Missing_data_folder_is_exit_2_with_the_folder_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "nlpsym-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--data", missing);
        Assert.Equal(ExitCodes.MissingData, run.ExitCode);
        Assert.Contains("not found", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void Malformed_conllu_line_is_exit_3_with_file_and_line()
    {
        var folder = Corpus(train: Good + "3\tbroken\tline\n\n");
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--data", folder);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("en_ewt-ud-train.conllu:7", Flat(run.Output));
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void Unknown_tag_in_the_test_data_is_named_with_its_line()
    {
        var folder = Corpus(test: Good.Replace("\tNOUN\t", "\tNOUNS\t"));
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--data", folder);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("tag \"NOUNS\" is not in the tag set", Flat(run.Output));
        Assert.Contains("en_ewt-ud-test.conllu:", Flat(run.Output));
    }

    [Fact]
    public void Resuming_from_a_checkpoint_of_another_model_is_exit_3_naming_the_tensors()
    {
        var output = SampleRun.TempOutput();
        var first = SampleRun.Of("--output", output, "pos", "--sentences", "50", "--epochs", "1", "--hidden", "8");
        Assert.True(first.ExitCode == 0, first.Output);
        var checkpoint = Path.Combine(output, "pos.safetensors");
        var other = SampleRun.Of("--output", SampleRun.TempOutput(), "pos", "--sentences", "50", "--epochs", "1", "--hidden", "9", "--resume", checkpoint);
        Assert.Equal(ExitCodes.BadInput, other.ExitCode);
        Assert.Contains("another model", Flat(other.Output));
        Assert.Contains("\"W\"", Flat(other.Output));
        Assert.DoesNotContain("   at ", other.Output);
    }

    internal static double Accuracy(string output)
    {
        var line = output.Split('\n').First(l => l.Contains("test accuracy (%)", StringComparison.Ordinal));
        return double.Parse(line.Split('│', StringSplitOptions.RemoveEmptyEntries)[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The console wraps long lines; the tests look for phrases across the breaks.</summary>
    internal static string Flat(string output) => output.Replace("\r", string.Empty).Replace("\n", string.Empty);

    private const string Good =
        "# sent_id = a\n" +
        "1\tThe\t_\tDET\t_\t_\t_\t_\t_\t_\n" +
        "2\tdog\t_\tNOUN\t_\t_\t_\t_\t_\t_\n" +
        "3\tbarks\t_\tVERB\t_\t_\t_\t_\t_\t_\n" +
        "4\t.\t_\tPUNCT\t_\t_\t_\t_\t_\t_\n\n";

    /// <summary>A folder with a tiny train/dev/test split in the shipped layout.</summary>
    private static string Corpus(string? train = null, string? dev = null, string? test = null)
    {
        var folder = Scratch.Folder("ewt-");
        File.WriteAllText(Path.Combine(folder, "en_ewt-ud-train.conllu"), train ?? Good + Good);
        File.WriteAllText(Path.Combine(folder, "en_ewt-ud-dev.conllu"), dev ?? Good);
        File.WriteAllText(Path.Combine(folder, "en_ewt-ud-test.conllu"), test ?? Good);
        return folder;
    }
}

/// <summary>The main job: no arguments at all run pos on the shipped data (a slice, through the variable the option reads).</summary>
public class MainJobTests
{
    [Fact]
    public void No_arguments_run_pos_on_the_shipped_data() => RunsPos();

    [Fact]
    public void Root_options_alone_run_pos_too() => RunsPos("--quiet", "--output", SampleRun.TempOutput());

    [Fact]
    public void Help_alone_stays_the_root_help()
    {
        var run = SampleRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("training sentences", run.Output);
        Assert.Contains("charrnn", run.Output);
    }

    private static void RunsPos(params string[] args)
    {
        var before = Environment.GetEnvironmentVariable(WindowOptions.SentencesVariable);
        Environment.SetEnvironmentVariable(WindowOptions.SentencesVariable, "200");
        try
        {
            var run = SampleRun.Of(args);
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("UD English EWT from", run.Output);
            Assert.Contains(Path.Combine("data", "ud-english-ewt"), PosTests.Flat(run.Output));
            Assert.Contains("200 training sentences", run.Output);
            Assert.Contains("│ command            │ pos", run.Output);
            Assert.True(PosTests.Accuracy(run.Output) > 30, run.Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable(WindowOptions.SentencesVariable, before);
        }
    }
}
