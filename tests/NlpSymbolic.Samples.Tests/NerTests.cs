using System;
using System.IO;
using NlpSymbolic.Samples.Hosting;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

public class NerTests
{
    /// <summary>CoNLL-2003 is never in the repository: these runs return early on a fresh clone without ../shared.</summary>
    private static string? Conll => SampleContext.SharedData is { } shared && File.Exists(Path.Combine(shared, "conll2003", "eng.train"))
        ? Path.Combine(shared, "conll2003")
        : null;

    [Theory]
    [InlineData("softmax")]
    [InlineData("hinge")]
    public void Ner_trains_on_a_slice_and_reports_entity_f1(string loss)
    {
        if (Conll is null)
        {
            return;
        }

        var output = SampleRun.TempOutput();
        var run = SampleRun.Of("--output", output, "ner", "--loss", loss, "--sentences", "300", "--epochs", "1", "--hidden", "50");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("eng.testb entity F1", run.Output);
        Assert.Contains("79.53", run.Output);
        Assert.Contains("FB1", run.Output); // conlleval's own layout
        Assert.True(File.Exists(Path.Combine(output, $"ner-{loss}.safetensors")), run.Output);
    }

    [Fact]
    public void Missing_conll_folder_is_exit_2_with_where_to_get_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "nlpsym-no-conll-" + Guid.NewGuid().ToString("N"));
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "ner", "--data", missing);
        Assert.Equal(ExitCodes.MissingData, run.ExitCode);
        Assert.Contains("--data", PosTests.Flat(run.Output));
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void Unknown_entity_tag_in_the_test_file_is_named_with_its_line()
    {
        var folder = Scratch.Folder("conll-");
        const string good = "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\n";
        File.WriteAllText(Path.Combine(folder, "eng.train"), good + good);
        File.WriteAllText(Path.Combine(folder, "eng.testa"), good);
        File.WriteAllText(Path.Combine(folder, "eng.testb"), good.Replace("I-MISC", "I-MISCELLANY"));
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "ner", "--data", folder, "--hidden", "8");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        // Read as IOB2, the entity's first tag is B-MISCELLANY; the message names the file's line.
        Assert.Contains("eng.testb:3: tag \"B-MISCELLANY\" is not in the tag set", PosTests.Flat(run.Output));
    }
}
