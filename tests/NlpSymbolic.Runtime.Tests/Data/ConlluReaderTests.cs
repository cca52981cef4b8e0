using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

public sealed class ConlluReaderTests
{
    private static string Line(params string[] columns) => string.Join('\t', columns) + "\n";

    private static readonly string Sample =
        "# newdoc id = doc1\n" +
        "# sent_id = s1\n" +
        "# text = I don't know.\n" +
        Line("1", "I", "I", "PRON", "PRP", "Case=Nom", "4", "nsubj", "4:nsubj", "_") +
        Line("2-3", "don't", "_", "_", "_", "_", "_", "_", "_", "_") +
        Line("2", "do", "do", "AUX", "VBP", "_", "4", "aux", "4:aux", "_") +
        Line("3", "n't", "not", "PART", "RB", "_", "4", "advmod", "4:advmod", "_") +
        Line("4", "know", "know", "VERB", "VB", "_", "0", "root", "0:root", "SpaceAfter=No") +
        Line("4.1", "know", "know", "VERB", "VB", "_", "_", "_", "4:conj", "CopyOf=4") +
        Line("5", ".", ".", "PUNCT", ".", "_", "4", "punct", "4:punct", "_") +
        "\n" +
        "# sent_id = s2\n" +
        "# text = Hi\n" +
        Line("1", "Hi", "hi", "INTJ", "UH", "_", "0", "root", "0:root", "_") +
        "\n";

    [Fact]
    public void ReadsSyntacticWordsSkippingRangesAndEmptyNodes()
    {
        var sentences = ConlluReader.Read(new StringReader(Sample), "en.conllu").ToList();

        Assert.Equal(2, sentences.Count);
        var first = sentences[0];
        Assert.Equal(new[] { "I", "do", "n't", "know", "." }, first.Words);
        Assert.Equal(new[] { "I", "do", "not", "know", "." }, first.Lemmas);
        Assert.Equal(new[] { "PRON", "AUX", "PART", "VERB", "PUNCT" }, first.UniversalTags);
        Assert.Equal(new[] { "PRP", "VBP", "RB", "VB", "." }, first.LanguageTags);
        Assert.Equal(new[] { 4, 6, 7, 8, 10 }, first.SourceLines);
    }

    [Fact]
    public void KeepsSentenceIdAndText()
    {
        var sentences = ConlluReader.Read(new StringReader(Sample)).ToList();

        Assert.Equal("s1", sentences[0].SentenceId);
        Assert.Equal("I don't know.", sentences[0].Text);
        Assert.Equal("s2", sentences[1].SentenceId);
        Assert.Equal("Hi", sentences[1].Text);
    }

    [Fact]
    public void ConvertsToTaggedSentence()
    {
        var sentence = ConlluReader.Read(new StringReader(Sample)).First();

        Assert.Equal(sentence.UniversalTags, sentence.ToTaggedSentence().Tags);
        Assert.Equal(sentence.LanguageTags, sentence.ToTaggedSentence(ConlluColumn.LanguagePartOfSpeech).Tags);
        Assert.Equal(sentence.Lemmas, sentence.ToTaggedSentence(ConlluColumn.Lemma).Tags);
        Assert.Equal(8, sentence.ToTaggedSentence().LineOf(3));
    }

    [Fact]
    public void AWrongColumnCountIsAFormatError()
    {
        var text = Line("1", "Hi", "hi", "INTJ", "UH", "_", "0", "root", "0:root");

        var error = Assert.Throws<DataFormatException>(() => ConlluReader.Read(new StringReader(text), "en.conllu").ToList());

        Assert.Equal("en.conllu:1: expected 10 tab-separated columns \"ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC\", found 9", error.Message);
    }

    [Fact]
    public void SpacesDoNotSeparateColumns()
    {
        var text = "1 Hi hi INTJ UH _ 0 root 0:root _\n";

        var error = Assert.Throws<DataFormatException>(() => ConlluReader.Read(new StringReader(text)).ToList());

        Assert.Contains("found 1", error.Message);
    }

    [Fact]
    public void AGapInWordIdsIsAFormatError()
    {
        var text = Line("1", "a", "a", "X", "_", "_", "0", "root", "_", "_") + Line("3", "b", "b", "X", "_", "_", "1", "dep", "_", "_");

        var error = Assert.Throws<DataFormatException>(() => ConlluReader.Read(new StringReader(text)).ToList());

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("expected word ID 2, found 3", error.Message);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("1-")]
    [InlineData("1.x")]
    public void AnInvalidIdIsAFormatError(string id)
    {
        var text = Line(id, "a", "a", "X", "_", "_", "0", "root", "_", "_");

        var error = Assert.Throws<DataFormatException>(() => ConlluReader.Read(new StringReader(text)).ToList());

        Assert.Contains($"ID \"{id}\"", error.Message);
    }

    [Fact]
    public void AnEmptyColumnIsAFormatError()
    {
        var text = Line("1", "a", "", "X", "_", "_", "0", "root", "_", "_");

        var error = Assert.Throws<DataFormatException>(() => ConlluReader.Read(new StringReader(text)).ToList());

        Assert.Contains("column 3 (LEMMA) is empty", error.Message);
    }

    [Fact]
    public void CommentOnlyBlocksYieldNothingAndDoNotLeakMetadata()
    {
        var text = "# sent_id = lost\n# text = lost\n\n" + Line("1", "a", "a", "X", "_", "_", "0", "root", "_", "_");

        var sentence = Assert.Single(ConlluReader.Read(new StringReader(text)));

        Assert.Null(sentence.SentenceId);
        Assert.Null(sentence.Text);
    }
}
