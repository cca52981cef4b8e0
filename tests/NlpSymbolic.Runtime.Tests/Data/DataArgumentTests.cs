using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>
/// Every public entry of the data readers rejects a null argument at the call, naming the parameter, and rejects
/// parallel arrays of different lengths with a message that says what must match.
/// </summary>
public sealed class DataArgumentTests
{
    public static TheoryData<string, Action> NullArguments() => new()
    {
        { "path", () => BrownReader.Read((string)null!) },
        { "reader", () => BrownReader.Read((TextReader)null!) },
        { "directory", () => BrownReader.ReadDirectory(null!) },
        { "path", () => Conll2003Reader.Read((string)null!) },
        { "reader", () => Conll2003Reader.Read((TextReader)null!) },
        { "path", () => ConlluReader.Read((string)null!) },
        { "reader", () => ConlluReader.Read((TextReader)null!) },
        { "path", () => PlainTextReader.ReadText(null!) },
        { "path", () => PlainTextReader.ReadBlocks((string)null!, 4) },
        { "reader", () => PlainTextReader.ReadBlocks((TextReader)null!, 4) },
        { "path", () => PlainTextReader.ReadLines((string)null!) },
        { "reader", () => PlainTextReader.ReadLines((TextReader)null!) },
        { "path", () => PlainTextReader.ReadTokenLines((string)null!) },
        { "reader", () => PlainTextReader.ReadTokenLines((TextReader)null!) },
        { "words", () => new TaggedSentence(null!, []) },
        { "tags", () => new TaggedSentence([], null!) },
        { "words", () => new Conll2003Sentence(null!, [], [], []) },
        { "partOfSpeechTags", () => new Conll2003Sentence([], null!, [], []) },
        { "chunkTags", () => new Conll2003Sentence([], [], null!, []) },
        { "entityTags", () => new Conll2003Sentence([], [], [], null!) },
        { "words", () => new ConlluSentence(null!, [], [], []) },
        { "lemmas", () => new ConlluSentence([], null!, [], []) },
        { "universalTags", () => new ConlluSentence([], [], null!, []) },
        { "languageTags", () => new ConlluSentence([], [], [], null!) },
        { "tags", () => TagSet.FromTags(null!) },
        { "sentences", () => TagSet.FromSentences(null!) },
        { "path", () => TagSet.Load(null!) },
        { "path", () => TagSet.FromTags(["O"]).Save(null!) },
        { "tag", () => TagSet.FromTags(["O"]).TryGetIndex(null!, out _) },
        { "sentence", () => TagSet.FromTags(["O"]).Encode(null!) },
        { "sentence", () => TagSet.FromTags(["O"]).Encode(null!, Span<int>.Empty) },
        { "token", () => new TokenCounts().Add(null!) },
        { "tokens", () => new TokenCounts().AddRange(null!) },
        { "tokens", () => Vocabulary.Build((IEnumerable<string>)null!) },
        { "counts", () => Vocabulary.Build((TokenCounts)null!) },
        { "path", () => Vocabulary.Load(null!) },
        { "path", () => Vocabulary.Build(["a"]).Save(null!) },
        { "word", () => Vocabulary.Build(["a"]).TryGetIndex(null!, out _) },
        { "words", () => Vocabulary.Build(["a"]).Encode((IReadOnlyList<string>)null!) },
    };

    [Theory]
    [MemberData(nameof(NullArguments))]
    public void ANullArgumentIsRejectedAtTheCallNamingTheParameter(string parameter, Action call)
    {
        var e = Assert.Throws<ArgumentNullException>(call);
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void ANegativeCountIsRejectedAndCountsAddToTheTotal()
    {
        var counts = new TokenCounts();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => counts.Add("a", -1));
        Assert.Equal("count", e.ParamName);

        counts.Add("a", 3);
        counts.Add("b", 2);
        counts.Add("a");
        Assert.Equal(4, counts["a"]);
        Assert.Equal(6, counts.Total);
    }

    [Theory]
    [InlineData(1, 2, "a sentence needs one tag per word: 1 words but 2 tags", "tags")]
    [InlineData(2, 1, "a sentence needs one tag per word: 2 words but 1 tags", "tags")]
    public void ASentenceNeedsOneTagPerWord(int words, int tags, string message, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => new TaggedSentence(new string[words], new string[tags]));
        Assert.StartsWith(message, e.Message);
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void ASentenceNeedsOneSourceLinePerWord()
    {
        var e = Assert.Throws<ArgumentException>(() => new TaggedSentence(["a", "b"], ["X", "Y"], "f", [1]));
        Assert.StartsWith("a sentence needs one source line per word: 2 words but 1 lines", e.Message);
        Assert.Equal("sourceLines", e.ParamName);
    }

    [Fact]
    public void ASentenceKnowsItsLinesOnlyWhenGivenThem()
    {
        var without = new TaggedSentence(["a", "b"], ["X", "Y"]);
        Assert.Equal(0, without.LineOf(1));
        var with = new TaggedSentence(["a", "b"], ["X", "Y"], "f", [3, 4]);
        Assert.Equal(4, with.LineOf(1));
    }

    [Fact]
    public void ASentenceDeconstructsAndPrintsAsWordSlashTagPairs()
    {
        var sentence = new TaggedSentence(["The", "dog"], ["at", "nn"]);
        var (words, tags) = sentence;
        Assert.Same(sentence.Words, words);
        Assert.Same(sentence.Tags, tags);
        Assert.Equal("The/at dog/nn", sentence.ToString());
        Assert.Equal("", new TaggedSentence([], []).ToString());
    }

    public static TheoryData<Action> Conll2003ColumnMismatches() => new()
    {
        () => new Conll2003Sentence(["a"], [], ["c"], ["e"]),
        () => new Conll2003Sentence(["a"], ["p"], [], ["e"]),
        () => new Conll2003Sentence(["a"], ["p"], ["c"], []),
        () => new Conll2003Sentence(["a"], ["p"], ["c"], ["e"], "f", [1, 2]),
    };

    [Theory]
    [MemberData(nameof(Conll2003ColumnMismatches))]
    public void EveryColumnOfACoNll2003SentenceNeedsOneEntryPerWord(Action call)
    {
        var e = Assert.Throws<ArgumentException>(call);
        Assert.Equal("every column of a CoNLL-2003 sentence needs one entry per word", e.Message);
    }

    public static TheoryData<Action> ConlluColumnMismatches() => new()
    {
        () => new ConlluSentence(["a"], [], ["u"], ["l"]),
        () => new ConlluSentence(["a"], ["m"], [], ["l"]),
        () => new ConlluSentence(["a"], ["m"], ["u"], []),
        () => new ConlluSentence(["a"], ["m"], ["u"], ["l"], sourceLines: [1, 2]),
    };

    [Theory]
    [MemberData(nameof(ConlluColumnMismatches))]
    public void EveryColumnOfACoNllUSentenceNeedsOneEntryPerWord(Action call)
    {
        var e = Assert.Throws<ArgumentException>(call);
        Assert.Equal("every column of a CoNLL-U sentence needs one entry per word", e.Message);
    }

    [Fact]
    public void SentencesWithLinesMatchingTheirWordsAreAccepted()
    {
        Assert.Equal([7], new Conll2003Sentence(["a"], ["p"], ["c"], ["e"], "f", [7]).SourceLines!);
        Assert.Equal([7], new ConlluSentence(["a"], ["m"], ["u"], ["l"], sourceLines: [7]).SourceLines!);
    }

    [Fact]
    public void AColumnThatIsNotATagColumnIsNamedInTheError()
    {
        var conll = new Conll2003Sentence(["a"], ["p"], ["c"], ["e"]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => conll.ToTaggedSentence((Conll2003Column)99));
        Assert.Equal("column", e.ParamName);
        Assert.StartsWith("not a CoNLL-2003 tag column", e.Message);

        var conllu = new ConlluSentence(["a"], ["m"], ["u"], ["l"]);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => conllu.ToTaggedSentence((ConlluColumn)99));
        Assert.Equal("column", e.ParamName);
        Assert.StartsWith("not a CoNLL-U tag column", e.Message);
    }

    [Fact]
    public void TagSetEncodeNeedsOneSlotPerTag()
    {
        var tags = TagSet.FromTags(["B-PER", "O"]);
        var sentence = new TaggedSentence(["a", "b"], ["O", "B-PER"]);
        var e = Assert.Throws<ArgumentException>(() => tags.Encode(sentence, new int[3]));
        Assert.Equal("destination", e.ParamName);
        Assert.StartsWith("the destination has 3 slots for 2 tags", e.Message);
        var ids = new int[2];
        tags.Encode(sentence, ids);
        Assert.Equal([1, 0], ids);
    }

    [Fact]
    public void VocabularyEncodeNeedsOneSlotPerItem()
    {
        var vocabulary = Vocabulary.Build(["a", "b"]);
        var e = Assert.Throws<ArgumentException>(() => vocabulary.Encode(["a", "b"], new int[3]));
        Assert.Equal("destination", e.ParamName);
        Assert.StartsWith("the destination has 3 slots for 2 items", e.Message);
        e = Assert.Throws<ArgumentException>(() => vocabulary.EncodeCharacters("ab", new int[3]));
        Assert.Equal("destination", e.ParamName);
        Assert.StartsWith("the destination has 3 slots for 2 items", e.Message);
    }
}
