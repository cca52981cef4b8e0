using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NlpSymbolic.Samples.Hosting;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary><c>word2vec</c> on tiny corpora the tests write (never npm or the network), and its bad-input cases.</summary>
public class Word2VecTests
{
    [Fact]
    public void TrainsOnASyntheticCorpusAndPrintsNeighbours()
    {
        var output = SampleRun.TempOutput();
        var corpus = Path.Combine(output, "synthetic.txt");
        File.WriteAllText(corpus, SyntheticCorpus(sentences: 800, seed: 3));

        var run = SampleRun.Of("--output", output, "--quiet", "word2vec", "--data", corpus, "--epochs", "2", "--dim", "16",
            "--min-count", "2", "--subsample", "0", "--batch-size", "16", "--words", "man,city,three,nonexistent");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("nearest neighbours", run.Output);
        Assert.Contains("s per epoch", run.Output);
        Assert.Contains("(not in the vocabulary)", run.Output);
        // The grammar's word classes come back: the three nearest words of "man" are the other people.
        var near = Regex.Match(run.Output, @"near ""man""\s+│ (\w+), (\w+), (\w+),");
        Assert.True(near.Success, run.Output);
        Assert.Equal(["boy", "girl", "woman"], new[] { near.Groups[1].Value, near.Groups[2].Value, near.Groups[3].Value }.Order());
        Assert.True(File.Exists(Path.Combine(output, "word2vec.safetensors")), run.Output);
        Assert.True(File.Exists(Path.Combine(output, "word2vec.vocab.txt")), run.Output);
        Assert.True(File.Exists(Path.Combine(output, "word2vec-train-loss.png")), run.Output);
    }

    [Fact]
    public void ResumingAFinishedRunSaysNothingWasLeftInsteadOfAThroughput()
    {
        var output = SampleRun.TempOutput();
        var corpus = Path.Combine(output, "synthetic.txt");
        File.WriteAllText(corpus, SyntheticCorpus(sentences: 200, seed: 5));
        string[] options = ["word2vec", "--data", corpus, "--epochs", "1", "--dim", "8", "--min-count", "2", "--batch-size", "32"];
        var first = SampleRun.Of(["--output", output, "--quiet", .. options]);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Matches(@"trained [\d,]+ center words in", first.Output);

        var again = SampleRun.Of(["--output", SampleRun.TempOutput(), "--quiet", .. options, "--resume", Path.Combine(output, "word2vec.safetensors")]);

        Assert.True(again.ExitCode == 0, again.Output);
        // The earlier run's words were trained in another process: counting them against this run's second gave
        // millions of words/s.
        Assert.Contains("nothing left to train: the resumed run had already finished its 1 of 1 epochs", again.Output);
        Assert.DoesNotContain("center words in", again.Output);
        Assert.Contains("none trained in this run", again.Output);
    }

    [Fact]
    public void SameNeighboursWithOneOrTwoWorkers()
    {
        var output = SampleRun.TempOutput();
        var corpus = Path.Combine(output, "synthetic.txt");
        File.WriteAllText(corpus, SyntheticCorpus(sentences: 300, seed: 4));
        string Neighbours(string workers)
        {
            var run = SampleRun.Of("--output", output, "--quiet", "word2vec", "--data", corpus, "--epochs", "1", "--dim", "8",
                "--min-count", "2", "--batch-size", "32", "--workers", workers, "--words", "man,three");
            Assert.True(run.ExitCode == 0, run.Output);
            return string.Join("\n", run.Output.Split('\n').Where(l => l.Contains("near \"") || l.StartsWith("│ man") || l.StartsWith("│ three")));
        }

        var one = Neighbours("1");
        Assert.Contains("near \"man\"", one);
        Assert.Equal(one, Neighbours("2"));
    }

    [Fact]
    public void ReadsABrownFolder()
    {
        var output = SampleRun.TempOutput();
        var folder = Directory.CreateDirectory(Path.Combine(output, "brown")).FullName;
        var text = SyntheticCorpus(sentences: 300, seed: 5);
        File.WriteAllText(Path.Combine(folder, "ca01"),
            string.Join("\n\n", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "\t" + string.Join(' ', l.Split(' ').Select(w => w + "/nn")))));
        File.WriteAllText(Path.Combine(folder, "README"), "not a corpus file / ignored");

        var run = SampleRun.Of("--output", output, "--quiet", "word2vec", "--data", folder, "--epochs", "1", "--dim", "8", "--min-count", "2");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Brown corpus", run.Output);
    }

    [Fact]
    public void OptionalTinyShakespeareSlice()
    {
        if (SampleContext.SharedData is not { } shared || !File.Exists(Path.Combine(shared, "tinyshakespeare", "input.txt")))
        {
            return;
        }

        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "--quiet", "word2vec", "--data", Path.Combine(shared, "tinyshakespeare", "input.txt"),
            "--max-tokens", "5000", "--epochs", "1", "--dim", "16", "--min-count", "3", "--words", "king,good");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("words read", run.Output);
        Assert.Contains("nearest neighbours", run.Output);
    }

    [Fact]
    public void MissingDataExitsWithTwo()
    {
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "word2vec", "--data", "/no/such/corpus.txt");

        Assert.Equal(ExitCodes.MissingData, run.ExitCode);
        Assert.Contains("no such file or folder", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void EmptyCorpusIsAClearError()
    {
        var output = SampleRun.TempOutput();
        var corpus = Path.Combine(output, "empty.txt");
        File.WriteAllText(corpus, "\n  \n");

        var run = SampleRun.Of("--output", output, "word2vec", "--data", corpus);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the corpus has no words", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void TooFewFrequentWordsIsAClearError()
    {
        var output = SampleRun.TempOutput();
        var corpus = Path.Combine(output, "rare.txt");
        File.WriteAllText(corpus, "every word here occurs once\n");

        var run = SampleRun.Of("--output", output, "word2vec", "--data", corpus);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--min-count", run.Output);
    }

    [Fact]
    public void MalformedBrownTokenNamesFileAndLine()
    {
        var output = SampleRun.TempOutput();
        var folder = Directory.CreateDirectory(Path.Combine(output, "brown")).FullName;
        File.WriteAllText(Path.Combine(folder, "ca01"), "\tThe/at jury/nn said/vbd ./.\n\n\tIt/pps had/hvd no-tag-here ./.\n");

        var run = SampleRun.Of("--output", output, "word2vec", "--data", folder);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("ca01:3", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void BadOptionIsAUsageError()
    {
        var run = SampleRun.Of("--output", SampleRun.TempOutput(), "word2vec", "--dim", "0");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--dim", run.Output);
    }

    /// <summary>Sentences from a tiny grammar, so words of a kind share contexts ("the man saw three cities").</summary>
    internal static string SyntheticCorpus(int sentences, int seed)
    {
        string[] people = ["man", "woman", "boy", "girl"];
        string[] places = ["city", "town", "house", "village"];
        string[] numbers = ["three", "four", "five", "two"];
        string[] verbs = ["saw", "visited", "left", "liked"];
        var random = new Random(seed);
        string Pick(string[] words) => words[random.Next(words.Length)];
        var text = new StringBuilder();
        for (int i = 0; i < sentences; i++)
        {
            text.Append($"The {Pick(people)} {Pick(verbs)} {Pick(numbers)} {Pick(places)} , said the {Pick(people)}.\n");
        }

        return text.ToString();
    }
}
