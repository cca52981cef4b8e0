using System;
using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

public sealed class VocabularyTests
{
    private static readonly string[] Corpus = "the cat sat on the mat the cat ran a dog ran".Split(' ');

    [Fact]
    public void OrdersByDescendingCountThenOrdinally()
    {
        var vocabulary = Vocabulary.Build(Corpus);

        // the:3, cat:2, ran:2, then the count-1 words in ordinal order.
        Assert.Equal(new[] { "<unk>", "the", "cat", "ran", "a", "dog", "mat", "on", "sat" }, vocabulary.Words);
        Assert.Equal(0, vocabulary.UnknownIndex);
    }

    [Fact]
    public void TheOrderDoesNotDependOnTheInputOrder()
    {
        var reversed = Vocabulary.Build(Corpus.Reverse());

        Assert.Equal(Vocabulary.Build(Corpus).Words, reversed.Words);
    }

    [Fact]
    public void MinCountAndMaxWordsCutTheTail()
    {
        Assert.Equal(new[] { "<unk>", "the", "cat", "ran" }, Vocabulary.Build(Corpus, new VocabularyOptions { MinCount = 2 }).Words);
        Assert.Equal(new[] { "<unk>", "the", "cat" }, Vocabulary.Build(Corpus, new VocabularyOptions { MaxWords = 2 }).Words);
        Assert.Equal(new[] { "<unk>" }, Vocabulary.Build(Corpus, new VocabularyOptions { MinCount = 4 }).Words);
    }

    [Fact]
    public void SpecialTokensComeFirstWithPaddingAtZero()
    {
        var vocabulary = Vocabulary.Build(Corpus, new VocabularyOptions { Specials = SpecialTokens.Padding | SpecialTokens.SentenceBoundaries, MaxWords = 1 });

        Assert.Equal(new[] { "<pad>", "<unk>", "<s>", "</s>", "the" }, vocabulary.Words);
        Assert.Equal(0, vocabulary.PaddingIndex);
        Assert.Equal(1, vocabulary.UnknownIndex);
        Assert.Equal(2, vocabulary.SentenceStartIndex);
        Assert.Equal(3, vocabulary.SentenceEndIndex);
        Assert.True(vocabulary.HasPadding);
    }

    [Fact]
    public void AbsentSpecialTokensSayHowToGetThem()
    {
        var vocabulary = Vocabulary.Build(Corpus);

        Assert.False(vocabulary.HasPadding);
        Assert.Contains("SpecialTokens.Padding", Assert.Throws<InvalidOperationException>(() => vocabulary.PaddingIndex).Message);
        Assert.Contains("SpecialTokens.SentenceBoundaries", Assert.Throws<InvalidOperationException>(() => vocabulary.SentenceStartIndex).Message);
    }

    [Fact]
    public void AWordThatIsAReservedTokenIsNotAddedTwice()
    {
        var vocabulary = Vocabulary.Build(new[] { "<unk>", "<unk>", "<unk>", "a" });

        Assert.Equal(new[] { "<unk>", "a" }, vocabulary.Words);
        Assert.Equal(0, vocabulary.IndexOf("<unk>"));
    }

    [Fact]
    public void UnknownWordsMapToUnk()
    {
        var vocabulary = Vocabulary.Build(Corpus);

        Assert.Equal(1, vocabulary.IndexOf("the"));
        Assert.Equal(vocabulary.UnknownIndex, vocabulary.IndexOf("zebra"));
        Assert.False(vocabulary.TryGetIndex("zebra", out _));
        Assert.False(vocabulary.Contains("The"));
        Assert.Equal("cat", vocabulary.WordAt(2));
        Assert.Equal(new[] { 1, 2, 0 }, vocabulary.Encode(new[] { "the", "cat", "zebra" }));
    }

    [Fact]
    public void TheNormalizerMergesCountsAndAppliesToLookups()
    {
        var words = new[] { "The", "the", "THE", "1996", "2003", "Paris" };

        var vocabulary = Vocabulary.Build(words, new VocabularyOptions { Normalizer = WordNormalizer.LowerCaseAndDigits, MinCount = 2 });

        Assert.Equal(new[] { "<unk>", "the", "0000" }, vocabulary.Words);
        Assert.Equal(1, vocabulary.IndexOf("tHe"));
        Assert.Equal(2, vocabulary.IndexOf("1871"));
        Assert.Equal(0, vocabulary.IndexOf("Paris"));
    }

    [Fact]
    public void EncodesIntoASpan()
    {
        var vocabulary = Vocabulary.Build(Corpus);
        Span<int> ids = stackalloc int[3];

        vocabulary.Encode(new[] { "a", "dog", "cow" }, ids);

        Assert.Equal(new[] { 4, 5, 0 }, ids.ToArray());
        Assert.Throws<ArgumentException>(() => vocabulary.Encode(new[] { "a" }, new int[2]));
    }

    [Fact]
    public void CharacterVocabulariesEncodeWithoutAllocating()
    {
        var counts = new TokenCounts();
        counts.AddCharacters("abracadabra");
        var vocabulary = Vocabulary.Build(counts);
        var ids = new int[4];
        vocabulary.EncodeCharacters("cab!", ids);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            vocabulary.EncodeCharacters("cab!", ids);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(new[] { "<unk>", "a", "b", "r", "c", "d" }, vocabulary.Words);
        Assert.Equal(new[] { 4, 1, 2, 0 }, ids);
        Assert.Equal(11, counts.Total);
        Assert.Equal(5, counts["a"]);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(Corpus, new VocabularyOptions { MinCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(Corpus, new VocabularyOptions { MaxWords = -1 }));
    }

    [Fact]
    public void SaveAndLoadRoundTrip()
    {
        using var folder = new TempFolder();
        var path = folder.File("vocab.txt");
        var vocabulary = Vocabulary.Build(Corpus.Append("naïve"), new VocabularyOptions { Specials = SpecialTokens.Padding });

        vocabulary.Save(path);
        var loaded = Vocabulary.Load(path);

        Assert.Equal(vocabulary.Words, loaded.Words);
        Assert.Equal(vocabulary.PaddingIndex, loaded.PaddingIndex);
        Assert.Equal(vocabulary.UnknownIndex, loaded.UnknownIndex);
        Assert.Equal(string.Join("\n", vocabulary.Words) + "\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void SaveReplacesAnExistingFile()
    {
        using var folder = new TempFolder();
        var path = folder.Write("vocab.txt", "old\ncontents\nthat are longer than the new list\n");

        Vocabulary.Build(new[] { "x" }).Save(path);

        Assert.Equal("<unk>\nx\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void LoadTakesTheNormalizerBack()
    {
        using var folder = new TempFolder();
        var path = folder.File("vocab.txt");
        Vocabulary.Build(new[] { "Paris" }, new VocabularyOptions { Normalizer = WordNormalizer.LowerCase }).Save(path);

        var loaded = Vocabulary.Load(path, WordNormalizer.LowerCase);

        Assert.Equal(1, loaded.IndexOf("PARIS"));
    }

    [Fact]
    public void ATokenWithALineBreakCannotBeSaved()
    {
        using var folder = new TempFolder();
        var vocabulary = Vocabulary.Build(new[] { "two\nlines" });

        Assert.Throws<ArgumentException>(() => vocabulary.Save(folder.File("vocab.txt")));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void LoadRejectsDuplicatesAndAMissingUnk()
    {
        using var folder = new TempFolder();

        var duplicate = Assert.Throws<DataFormatException>(() => Vocabulary.Load(folder.Write("dup.txt", "<unk>\na\nb\na\n")));
        var noUnk = Assert.Throws<DataFormatException>(() => Vocabulary.Load(folder.Write("nounk.txt", "a\nb\n")));

        Assert.Equal(4, duplicate.LineNumber);
        Assert.Contains("duplicate token \"a\" in vocabulary (first on line 2)", duplicate.Message);
        Assert.Contains("<unk>", noUnk.Message);
        Assert.Throws<FileNotFoundException>(() => Vocabulary.Load(folder.File("absent.txt")));
    }
}
