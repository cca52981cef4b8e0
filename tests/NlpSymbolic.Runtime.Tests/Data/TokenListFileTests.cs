using System;
using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>
/// Vocabularies and tag sets on disk (one token per line, UTF-8 without a byte-order mark, written atomically), the
/// positions of their reserved tokens, and the messages of their option checks.
/// </summary>
public sealed class TokenListFileTests
{
    [Fact]
    public void ASavedListHasNoByteOrderMark()
    {
        using var folder = new TempFolder();
        var path = folder.File("vocab.txt");
        Vocabulary.Build(["été"]).Save(path);
        Assert.Equal("<unk>\nété\n"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void ATokenThatCannotBeEncodedFailsTheSaveAndLeavesTheOldFileAndNoTemporary()
    {
        using var folder = new TempFolder();
        var path = folder.Write("vocab.txt", "<unk>\nold\n");
        var vocabulary = Vocabulary.Build(["lone\uD800surrogate"]);

        Assert.ThrowsAny<ArgumentException>(() => vocabulary.Save(path));

        Assert.Equal("<unk>\nold\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData("\nfirst", "token 1 (\" first\")")]
    [InlineData("la\rst", "token 1 (\"la st\")")]
    public void ALineBreakAnywhereInATokenIsNamedInTheError(string token, string named)
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<ArgumentException>(() => Vocabulary.Build([token]).Save(folder.File("v.txt")));
        Assert.Equal("tokens", e.ParamName);
        Assert.StartsWith($"cannot save vocabulary: {named} contains a line break", e.Message);
        e = Assert.Throws<ArgumentException>(() => TagSet.FromTags(["A", token]).Save(folder.File("t.txt")));
        Assert.Contains("cannot save tag set: token", e.Message);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void SavingToAPathWithoutAFolderSaysSo()
    {
        var e = Assert.Throws<ArgumentException>(() => Vocabulary.Build(["a"]).Save("/"));
        Assert.Equal("path", e.ParamName);
        Assert.StartsWith("cannot save vocabulary to /: no folder", e.Message);
    }

    [Fact]
    public void LoadErrorsNameWhatWasBeingRead()
    {
        using var folder = new TempFolder();
        var duplicate = folder.Write("dup.txt", "<unk>\na\na\n");

        var e = Assert.Throws<DataFormatException>(() => Vocabulary.Load(duplicate, null, SpecialTokens.NoUnknown));
        Assert.Contains("duplicate token \"a\" in vocabulary (first on line 2)", e.Message);
        e = Assert.Throws<DataFormatException>(() => TagSet.Load(duplicate));
        Assert.Contains("duplicate token \"a\" in tag set (first on line 2)", e.Message);
        var missing = Assert.Throws<FileNotFoundException>(() => TagSet.Load(folder.File("absent.txt")));
        Assert.StartsWith("tag set not found: ", missing.Message);
        missing = Assert.Throws<FileNotFoundException>(() => Vocabulary.Load(folder.File("absent.txt")));
        Assert.StartsWith("vocabulary not found: ", missing.Message);
    }

    [Fact]
    public void SentenceBoundariesFirstInAVocabularyWithoutUnknownAreFoundAtZero()
    {
        var vocabulary = Vocabulary.Build(["a"], new VocabularyOptions { Specials = SpecialTokens.SentenceBoundaries | SpecialTokens.NoUnknown });
        Assert.Equal(["<s>", "</s>", "a"], vocabulary.Words);
        Assert.Equal(0, vocabulary.SentenceStartIndex);
        Assert.Equal(1, vocabulary.SentenceEndIndex);
    }

    [Fact]
    public void ASentenceEndAtLineOneOfAFileIsFoundAtZero()
    {
        using var folder = new TempFolder();
        var vocabulary = Vocabulary.Load(folder.Write("v.txt", "</s>\n<unk>\n<s>\na\n"));
        Assert.Equal(0, vocabulary.SentenceEndIndex);
        Assert.Equal(2, vocabulary.SentenceStartIndex);
    }

    [Fact]
    public void WithoutSentenceBoundariesBothIndicesSayHowToGetThem()
    {
        var vocabulary = Vocabulary.Build(["a", "b"]);
        Assert.Contains("no </s>; build it with SpecialTokens.SentenceBoundaries",
            Assert.Throws<InvalidOperationException>(() => vocabulary.SentenceEndIndex).Message);
        Assert.Contains("no <s>; build it with SpecialTokens.SentenceBoundaries",
            Assert.Throws<InvalidOperationException>(() => vocabulary.SentenceStartIndex).Message);
    }

    [Fact]
    public void OptionErrorsNameTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(["a"], new VocabularyOptions { MinCount = 0 }));
        Assert.Equal("options.MinCount", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(["a"], new VocabularyOptions { MaxWords = -1 }));
        Assert.Equal("options.MaxWords", e.ParamName);
        Assert.StartsWith("must be null or at least 0", e.Message);
    }

    [Fact]
    public void MaxWordsZeroKeepsOnlyTheReservedTokens()
    {
        var vocabulary = Vocabulary.Build(["a", "b", "a"], new VocabularyOptions { MaxWords = 0, Specials = SpecialTokens.Padding });
        Assert.Equal(["<pad>", "<unk>"], vocabulary.Words);
    }

    [Theory]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void ATagSetIsShortenedInMessagesOnlyPastTwentyTags(int count, bool shortened)
    {
        var tags = TagSet.FromTags(Enumerable.Range(0, count).Select(i => $"T{i:00}"));
        var message = Assert.Throws<UnknownTagException>(() => tags.IndexOf("X")).Message;
        Assert.Equal(shortened, message.Contains("more"));
        Assert.Contains($"{count} tags: T00, T01", message);
    }
}
