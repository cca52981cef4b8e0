using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using NlpSymbolic.Samples.Hosting;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary>The pipeline on small slices: word2vec's vectors out, into pos; the sentence-level loss trains, saves and resumes.</summary>
public class PipelineTests
{
    [Fact]
    public void Word2vec_vectors_open_as_a_word_vector_file_and_initialise_pos()
    {
        var output = SampleRun.TempOutput();
        var corpus = Path.Combine(output, "text.txt");
        File.WriteAllLines(corpus, Enumerable.Repeat("the man saw a dog in the park . the woman saw a cat in the house .", 50));
        var vectors = Path.Combine(output, "vectors.txt");
        var run = SampleRun.Of("--output", output, "--quiet", "word2vec", "--data", corpus, "--epochs", "1", "--dim", "12",
            "--min-count", "2", "--save-vectors", vectors);
        Assert.True(run.ExitCode == 0, run.Output);
        using (var reader = WordVectorFile.Open(vectors, WordVectorFormat.Word2VecText))
        {
            Assert.Equal(12, reader.Dimension);
            Assert.Contains("the", reader.Vectors().Select(v => v.Word));
        }

        var pos = SampleRun.Of("--output", output, "--quiet", "pos", "--sentences", "100", "--epochs", "1", "--hidden", "16",
            "--embeddings", vectors);
        Assert.True(pos.ExitCode == 0, pos.Output);
        var flat = PosTests.Flat(pos.Output);
        Assert.Contains("word vectors from", flat);
        Assert.Matches(@"[1-9]\d* of [\d,]+ vocabulary words found", flat);
        Assert.Contains("word 12", flat); // the file set the dimension
        Assert.Matches(@"scaled from RMS [\d.]+ to 0\.0577 per value", flat);

        var clash = SampleRun.Of("--output", output, "pos", "--sentences", "20", "--dim", "50", "--embeddings", vectors);
        Assert.Equal(ExitCodes.Usage, clash.ExitCode);
        Assert.Contains("--dim 50 disagrees with", PosTests.Flat(clash.Output));
    }

    [Fact]
    public void Dropout_trains_with_the_sentence_level_loss_only()
    {
        var output = SampleRun.TempOutput();
        var run = SampleRun.Of("--output", output, "--quiet", "pos", "--loss", "sll", "--dropout", "0.3", "--sentences", "60", "--epochs", "1",
            "--hidden", "8", "--batch-size", "4");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.InRange(PosTests.Accuracy(run.Output), 0, 100);

        var softmax = SampleRun.Of("--output", output, "pos", "--dropout", "0.3", "--sentences", "20", "--hidden", "8");
        Assert.Equal(ExitCodes.Usage, softmax.ExitCode);
        Assert.Contains("--dropout applies to --loss sll only", PosTests.Flat(softmax.Output));
        var rate = SampleRun.Of("--output", output, "pos", "--loss", "sll", "--dropout", "1", "--sentences", "20");
        Assert.Equal(ExitCodes.Usage, rate.ExitCode);
        Assert.Contains("--dropout must be in [0, 1)", PosTests.Flat(rate.Output));
    }

    [Fact]
    public void A_malformed_vector_file_is_exit_3_naming_file_and_line()
    {
        var output = SampleRun.TempOutput();
        var vectors = Path.Combine(output, "bad.txt");
        File.WriteAllText(vectors, "2 3\nthe 1 2 3\nof 1 2\n");
        var run = SampleRun.Of("--output", output, "pos", "--sentences", "20", "--hidden", "8", "--embeddings", vectors);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("bad.txt:3: \"of\" has 2 values", PosTests.Flat(run.Output));
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void Pos_with_the_sentence_level_loss_trains_saves_and_resumes()
    {
        var output = SampleRun.TempOutput();
        var first = SampleRun.Of("--output", output, "--quiet", "pos", "--loss", "sll", "--sentences", "120", "--epochs", "1", "--hidden", "16", "--batch-size", "4");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.InRange(PosTests.Accuracy(first.Output), 0, 100);
        var checkpoint = Path.Combine(output, "pos-sll.safetensors");
        Assert.True(File.Exists(checkpoint), first.Output);

        var resumed = SampleRun.Of("--output", output, "--quiet", "pos", "--loss", "sll", "--sentences", "120", "--epochs", "2", "--hidden", "16",
            "--batch-size", "4", "--resume", checkpoint);
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("2 epochs", PosTests.Flat(resumed.Output));
    }
}
