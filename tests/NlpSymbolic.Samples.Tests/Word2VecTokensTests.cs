using System.Collections.Generic;
using System.IO;
using System.Linq;
using NlpSymbolic.Samples.Word2Vec;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary>word2vec's words: punctuation trimmed (the default) or split off into words (<c>--keep-punctuation</c>).</summary>
public class Word2VecTokensTests
{
    [Theory]
    [InlineData("Citizen:", "citizen", "citizen :")]
    [InlineData("``", "", "``")]
    [InlineData(".", "", ".")]
    [InlineData("--", "", "--")]
    [InlineData("(Paris),", "paris", "( paris ) ,")]
    [InlineData("\"Hello...\"", "hello", "\" hello ... \"")]
    [InlineData("'s", "s", "'s")]
    [InlineData("'re", "re", "'re")]
    [InlineData("'Paris'", "paris", "' paris '")]
    [InlineData("''Yes", "yes", "'' yes")]
    [InlineData("U.S.", "u.s", "u.s.")]
    [InlineData("U.S.).", "u.s", "u.s. ) .")]
    [InlineData("end.", "end", "end .")]
    [InlineData("1996-08-22", "1996-08-22", "1996-08-22")]
    [InlineData("don't", "don't", "don't")]
    public void Splits_or_trims_a_token(string raw, string trimmed, string kept)
    {
        Assert.Equal(Words(trimmed), Split(raw, keepPunctuation: false));
        Assert.Equal(Words(kept), Split(raw, keepPunctuation: true));
    }

    [Fact]
    public void With_keep_punctuation_the_vectors_have_punctuation_words()
    {
        var output = SampleRun.TempOutput();
        var corpus = Path.Combine(output, "text.txt");
        File.WriteAllLines(corpus, Enumerable.Repeat("The man (a friend) saw the dog, then the cat.", 40));
        var vectors = Path.Combine(output, "vectors.txt");
        foreach (var keep in new[] { false, true })
        {
            string[] flag = keep ? ["--keep-punctuation"] : [];
            var run = SampleRun.Of(["--output", output, "--quiet", "word2vec", "--data", corpus, "--epochs", "1", "--dim", "4", "--min-count", "2",
                "--save-vectors", vectors, .. flag]);
            Assert.True(run.ExitCode == 0, run.Output);
            var words = File.ReadLines(vectors).Skip(1).Select(line => line.Split(' ')[0]).ToHashSet();
            Assert.Contains("friend", words);
            Assert.Equal(keep, words.Contains("."));
            Assert.Equal(keep, words.Contains(","));
            Assert.Equal(keep, words.Contains("("));
        }
    }

    private static List<string> Split(string raw, bool keepPunctuation)
    {
        var words = new List<string>();
        Word2VecTokens.Split(raw, keepPunctuation, words);
        return words;
    }

    private static string[] Words(string text) => text.Split(' ', System.StringSplitOptions.RemoveEmptyEntries);
}
