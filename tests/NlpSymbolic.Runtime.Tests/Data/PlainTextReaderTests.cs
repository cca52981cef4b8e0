using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

public sealed class PlainTextReaderTests
{
    private const string Sample = "First Citizen:\nBefore we proceed any further, hear me speak.\n\n  All:\tSpeak, speak.\n";

    [Fact]
    public void ReadsWholeTextFromPlainAndGzipFiles()
    {
        using var folder = new TempFolder();

        Assert.Equal(Sample, PlainTextReader.ReadText(folder.Write("input.txt", Sample)));
        Assert.Equal(Sample, PlainTextReader.ReadText(folder.WriteGzip("input.txt.gz", Sample)));
    }

    [Fact]
    public void BlocksCoverTheTextExactly()
    {
        var blocks = PlainTextReader.ReadBlocks(new StringReader(Sample), 10).ToList();

        Assert.Equal(Sample, string.Concat(blocks));
        Assert.All(blocks.SkipLast(1), b => Assert.Equal(10, b.Length));
        Assert.InRange(blocks[^1].Length, 1, 10);
    }

    [Fact]
    public void BlocksOfAFileCanBeReadTwice()
    {
        using var folder = new TempFolder();
        var blocks = PlainTextReader.ReadBlocks(folder.Write("input.txt", Sample), 7);

        Assert.Equal(Sample, string.Concat(blocks));
        Assert.Equal(Sample, string.Concat(blocks));
    }

    [Fact]
    public void TokenLinesSplitOnWhitespaceAndSkipBlankLines()
    {
        var lines = PlainTextReader.ReadTokenLines(new StringReader(Sample)).ToList();

        Assert.Equal(3, lines.Count);
        Assert.Equal(new[] { "First", "Citizen:" }, lines[0]);
        Assert.Equal(new[] { "All:", "Speak,", "speak." }, lines[2]);
    }

    [Fact]
    public void LongLinesKeepEveryToken()
    {
        var line = string.Join(' ', Enumerable.Range(0, 200).Select(i => "w" + i));

        var tokens = Assert.Single(PlainTextReader.ReadTokenLines(new StringReader(line)));

        Assert.Equal(200, tokens.Length);
        Assert.Equal("w199", tokens[199]);
    }

    [Fact]
    public void LinesAreReturnedAsIs()
    {
        Assert.Equal(Sample.TrimEnd('\n').Split('\n'), PlainTextReader.ReadLines(new StringReader(Sample)));
    }

    [Fact]
    public void MissingFilesThrowAtTheCall()
    {
        Assert.Throws<FileNotFoundException>(() => PlainTextReader.ReadText("/no/such/input.txt"));
        Assert.Throws<FileNotFoundException>(() => PlainTextReader.ReadBlocks("/no/such/input.txt", 100));
        Assert.Throws<FileNotFoundException>(() => PlainTextReader.ReadTokenLines("/no/such/input.txt"));
        Assert.Throws<FileNotFoundException>(() => PlainTextReader.ReadLines("/no/such/input.txt"));
    }

    [Fact]
    public void InvalidUtf8IsAFormatError()
    {
        using var folder = new TempFolder();
        var path = folder.File("latin1.txt");
        File.WriteAllBytes(path, new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'\n' });

        Assert.Throws<DataFormatException>(() => PlainTextReader.ReadText(path));
        Assert.Throws<DataFormatException>(() => PlainTextReader.ReadBlocks(path, 2).ToList());
    }

    [Fact]
    public void ACorruptGzipFileIsAFormatError()
    {
        using var folder = new TempFolder();
        var path = folder.File("broken.txt.gz");
        File.WriteAllBytes(path, new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff });

        var error = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadLines(path).ToList());

        Assert.Equal(path, error.FilePath);
    }
}
