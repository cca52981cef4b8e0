using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>The figures and the one-line summary of <see cref="WordVectorAlignment.Align"/>.</summary>
public sealed class WordVectorAlignmentTests
{
    // "a" ×5, "b" ×3, "c" ×3, "d" ×1, then "e".."l" once each: the vocabulary orders them so, ties in ordinal order.
    private static readonly string[] Training =
        [.. Enumerable.Repeat("a", 5), .. Enumerable.Repeat("c", 3), .. Enumerable.Repeat("b", 3), "d", .. "efghijkl".Select(c => c.ToString())];

    private static Vocabulary Build() => Vocabulary.Build(Training, new VocabularyOptions { MinCount = 1 });

    [Fact]
    public void Coverage_counts_file_words_found_words_and_training_tokens()
    {
        var vocabulary = Build();
        var file = new[] { new WordVector("a", [1f]), new WordVector("zzz", [2f]), new WordVector("d", [3f]), new WordVector("a", [4f]) };
        var assigned = new List<(string, float)>();
        var coverage = WordVectorAlignment.Align(vocabulary, file, (i, v) => assigned.Add((vocabulary.WordAt(i), v[0])), Training);

        Assert.Equal([("a", 1f), ("d", 3f)], assigned);
        Assert.Equal(4, coverage.FileWords);
        Assert.Equal(2, coverage.Found);
        Assert.Equal(12, coverage.VocabularyWords);
        Assert.Equal(Training.Length, coverage.TrainingTokens);
        Assert.Equal(6, coverage.TrainingTokensFound);
        Assert.Equal(100.0 * 6 / 20, coverage.TokenSharePercent);
    }

    [Fact]
    public void Missing_words_come_most_frequent_in_the_training_text_first_then_in_vocabulary_order()
    {
        var vocabulary = Build();
        var coverage = WordVectorAlignment.Align(vocabulary, [new WordVector("a", [1f])], (_, _) => { }, ["l", "b", "l", "k", "l", "k"]);
        Assert.Equal(["l", "k", "b", "c", "d", "e", "f", "g", "h", "i", "j"], coverage.Missing);

        // Without training text every count is 0: vocabulary order alone.
        coverage = WordVectorAlignment.Align(vocabulary, [new WordVector("d", [1f])], (_, _) => { });
        Assert.Equal(["a", "b", "c", "e", "f", "g", "h", "i", "j", "k", "l"], coverage.Missing);
    }

    [Fact]
    public void The_summary_gives_every_figure_and_the_first_eight_missing_words()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var vocabulary = Build();
            var coverage = WordVectorAlignment.Align(vocabulary, [new WordVector("a", [1f]), new WordVector("x", [1f])], (_, _) => { }, Training);
            Assert.Equal(
                "1 of 12 vocabulary words found (11 missing, keeping their random initialisation), covering 25.0 % of 20 training tokens;"
                + " 2 words in the file; missing e.g. b, c, d, e, f, g, h, i",
                coverage.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Without_training_text_or_missing_words_the_summary_says_less()
    {
        var vocabulary = Vocabulary.Build(["a", "b"], new VocabularyOptions { MinCount = 1 });
        var coverage = WordVectorAlignment.Align(vocabulary, [new WordVector("b", [1f]), new WordVector("a", [2f])], (_, _) => { });
        Assert.Equal(0, coverage.TrainingTokens);
        Assert.Equal(0, coverage.TokenSharePercent);
        Assert.Empty(coverage.Missing);
        Assert.Equal("2 of 2 vocabulary words found (0 missing, keeping their random initialisation); 2 words in the file", coverage.ToString());
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        var vocabulary = Build();
        WordVector[] file = [new WordVector("a", [1f])];
        Assert.Equal("vocabulary", Assert.Throws<ArgumentNullException>(() => WordVectorAlignment.Align(null!, file, (_, _) => { })).ParamName);
        Assert.Equal("vectors", Assert.Throws<ArgumentNullException>(() => WordVectorAlignment.Align(vocabulary, null!, (_, _) => { })).ParamName);
        Assert.Equal("assign", Assert.Throws<ArgumentNullException>(() => WordVectorAlignment.Align(vocabulary, file, null!)).ParamName);
    }
}
