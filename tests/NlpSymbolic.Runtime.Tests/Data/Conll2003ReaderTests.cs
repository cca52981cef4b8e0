using System;
using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

public sealed class Conll2003ReaderTests
{
    private const string Sample =
        "-DOCSTART- -X- -X- O\n" +
        "\n" +
        "EU NNP I-NP I-ORG\n" +
        "rejects VBZ I-VP O\n" +
        "German JJ I-NP I-MISC\n" +
        "\n" +
        "Peter NNP I-NP I-PER\n" +
        "Blackburn NNP I-NP I-PER\n" +
        "\n" +
        "-DOCSTART- -X- O O\n" +
        "\n" +
        "BRUSSELS NNP I-NP I-LOC\n";

    [Fact]
    public void ReadsSentencesSkippingDocumentStarts()
    {
        var sentences = Conll2003Reader.Read(new StringReader(Sample), "sample").ToList();

        Assert.Equal(3, sentences.Count);
        Assert.Equal(new[] { "EU", "rejects", "German" }, sentences[0].Words);
        Assert.Equal(new[] { "NNP", "VBZ", "JJ" }, sentences[0].PartOfSpeechTags);
        Assert.Equal(new[] { "I-NP", "I-VP", "I-NP" }, sentences[0].ChunkTags);
        Assert.Equal(new[] { "I-ORG", "O", "I-MISC" }, sentences[0].EntityTags);
        Assert.Equal(new[] { "Peter", "Blackburn" }, sentences[1].Words);
        Assert.Equal(new[] { "BRUSSELS" }, sentences[2].Words);
    }

    [Fact]
    public void RecordsTheLineOfEveryToken()
    {
        var sentences = Conll2003Reader.Read(new StringReader(Sample), "sample").ToList();

        Assert.Equal("sample", sentences[1].SourceFile);
        Assert.Equal(new[] { 3, 4, 5 }, sentences[0].SourceLines);
        Assert.Equal(new[] { 7, 8 }, sentences[1].SourceLines);
        Assert.Equal(new[] { 12 }, sentences[2].SourceLines);
    }

    [Fact]
    public void ConvertsToTaggedSentenceForAnyColumn()
    {
        var sentence = Conll2003Reader.Read(new StringReader(Sample)).First();

        Assert.Equal(new[] { "I-ORG", "O", "I-MISC" }, sentence.ToTaggedSentence().Tags);
        Assert.Equal(new[] { "NNP", "VBZ", "JJ" }, sentence.ToTaggedSentence(Conll2003Column.PartOfSpeech).Tags);
        Assert.Same(sentence.Words, sentence.ToTaggedSentence(Conll2003Column.Chunk).Words);
    }

    [Fact]
    public void ToleratesCrLfTrailingSpacesAndAMissingFinalBlankLine()
    {
        var text = "a DT B-NP O \r\n\r\n\r\nb NN I-NP B-LOC\r\nc NN I-NP I-LOC";

        var sentences = Conll2003Reader.Read(new StringReader(text)).ToList();

        Assert.Equal(2, sentences.Count);
        Assert.Equal(new[] { "B-LOC", "I-LOC" }, sentences[1].EntityTags);
    }

    [Fact]
    public void EqualStringsAreShared()
    {
        var sentences = Conll2003Reader.Read(new StringReader(Sample)).ToList();

        Assert.Same(sentences[0].ChunkTags[0], sentences[1].ChunkTags[0]);
        Assert.Same(sentences[1].EntityTags[0], sentences[1].EntityTags[1]);
    }

    [Fact]
    public void AWrongColumnCountNamesFileLineAndExpectation()
    {
        var text = "EU NNP I-NP I-ORG\nrejects VBZ\n";

        var error = Assert.Throws<DataFormatException>(() => Conll2003Reader.Read(new StringReader(text), "eng.train").ToList());

        Assert.Equal("eng.train:2: expected 4 columns \"word POS chunk NER\", found 2", error.Message);
        Assert.Equal("eng.train", error.FilePath);
        Assert.Equal(2, error.LineNumber);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Theory]
    [InlineData("EU NNP I-NP PER", "NER tag \"PER\"")]
    [InlineData("EU NNP I-NP X-PER", "NER tag \"X-PER\"")]
    [InlineData("EU NNP I-NP I-", "NER tag \"I-\"")]
    [InlineData("EU NNP NP O", "chunk tag \"NP\"")]
    public void AMalformedTagIsAFormatError(string line, string expected)
    {
        var error = Assert.Throws<DataFormatException>(() => Conll2003Reader.Read(new StringReader(line + "\n")).ToList());

        Assert.Contains(expected, error.Message);
        Assert.StartsWith("line 1: ", error.Message);
    }

    [Fact]
    public void AMissingFileThrowsAtTheCallNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "eng.train");

        var error = Assert.Throws<FileNotFoundException>(() => Conll2003Reader.Read(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ReadsFilesAndGzipFilesAndRereadsPerEnumeration()
    {
        using var folder = new TempFolder();
        var plain = folder.Write("eng.sample", Sample);
        var gzip = folder.WriteGzip("eng.sample.gz", Sample);

        var fromPlain = Conll2003Reader.Read(plain);
        var fromGzip = Conll2003Reader.Read(gzip).ToList();

        Assert.Equal(3, fromPlain.Count());
        Assert.Equal(3, fromPlain.Count());
        Assert.Equal(fromPlain.SelectMany(s => s.Words), fromGzip.SelectMany(s => s.Words));
        Assert.Equal(gzip, fromGzip[0].SourceFile);
    }

    [Fact]
    public void ErrorsInFilesCarryThePath()
    {
        using var folder = new TempFolder();
        var path = folder.Write("bad.conll", "a b O O\n\nx y z\n");

        var error = Assert.Throws<DataFormatException>(() => Conll2003Reader.Read(path).ToList());

        Assert.Equal(path, error.FilePath);
        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void InvalidUtf8IsAFormatErrorNotReplacementCharacters()
    {
        using var folder = new TempFolder();
        var path = folder.File("latin1.conll");
        File.WriteAllBytes(path, new byte[] { (byte)'S', 0xE9, (byte)' ', (byte)'N', (byte)' ', (byte)'O', (byte)' ', (byte)'O', (byte)'\n' });

        var error = Assert.Throws<DataFormatException>(() => Conll2003Reader.Read(path).ToList());

        Assert.Contains("UTF-8", error.Message);
    }
}
