using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>
/// A reader given a path opens the file when enumeration starts and closes it when enumeration ends; a reader given a
/// caller's <see cref="TextReader"/> leaves it open. Decoding failures are one <see cref="DataFormatException"/>
/// naming the source and the line.
/// </summary>
public sealed class ReaderOwnershipTests
{
    private const string Brown = "The/at dog/nn ./.\n";
    private const string Conll = "EU NNP B-NP B-ORG\n";
    private static readonly string Conllu = string.Join('\t', "1", "Hi", "hi", "INTJ", "UH", "_", "0", "root", "0:root", "_") + "\n";

    public static TheoryData<string, string, Func<string, IEnumerable<object>>> PathReaders() => new()
    {
        { "brown.txt", Brown, p => BrownReader.Read(p) },
        { "conll.txt", Conll, p => Conll2003Reader.Read(p) },
        { "en.conllu", Conllu, p => ConlluReader.Read(p) },
        { "lines.txt", "a b\nc\n", p => PlainTextReader.ReadLines(p) },
        { "tokens.txt", "a b\nc\n", p => PlainTextReader.ReadTokenLines(p) },
        { "blocks.txt", "abcdefgh", p => PlainTextReader.ReadBlocks(p, 3) },
    };

    [Theory]
    [MemberData(nameof(PathReaders))]
    public void AFileIsHeldOpenWhileEnumeratingAndClosedAtTheEnd(string name, string text, Func<string, IEnumerable<object>> read)
    {
        using var folder = new TempFolder();
        var path = folder.Write(name, text);

        using (var items = read(path).GetEnumerator())
        {
            Assert.True(items.MoveNext());
            Assert.Throws<IOException>(() => OpenExclusively(path));
            while (items.MoveNext())
            {
            }

            OpenExclusively(path).Dispose();
        }
    }

    public static TheoryData<string, Func<TextReader, IEnumerable<object>>> ReaderReaders() => new()
    {
        { Brown, r => BrownReader.Read(r) },
        { Conll, r => Conll2003Reader.Read(r) },
        { Conllu, r => ConlluReader.Read(r) },
        { "a b\nc\n", r => PlainTextReader.ReadLines(r) },
        { "a b\nc\n", r => PlainTextReader.ReadTokenLines(r) },
        { "abcdefgh", r => PlainTextReader.ReadBlocks(r, 3) },
    };

    [Theory]
    [MemberData(nameof(ReaderReaders))]
    public void ACallersReaderIsLeftOpen(string text, Func<TextReader, IEnumerable<object>> read)
    {
        using var reader = new StringReader(text);
        Assert.NotEmpty(read(reader).ToList());
        Assert.Equal(-1, reader.Peek()); // would throw ObjectDisposedException had the reader been disposed
    }

    [Fact]
    public void BlocksStopAtTheFirstShortBlockWithoutReadingAgain()
    {
        using var reader = new EndsOnceReader("abcdefgh");
        Assert.Equal(["abc", "def", "gh"], PlainTextReader.ReadBlocks(reader, 3).ToArray());
    }

    [Fact]
    public void AnEmptyTextHasNoBlocksAndAnExactMultipleNoEmptyLastBlock()
    {
        Assert.Empty(PlainTextReader.ReadBlocks(new StringReader(""), 3));
        Assert.Equal(["abc", "def"], PlainTextReader.ReadBlocks(new StringReader("abcdef"), 3).ToArray());
    }

    [Fact]
    public void ABlockLengthBelowOneIsRejected()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.txt", "abc");
        Assert.Equal("blockLength", Assert.Throws<ArgumentOutOfRangeException>(() => PlainTextReader.ReadBlocks(path, 0)).ParamName);
        Assert.Equal("blockLength", Assert.Throws<ArgumentOutOfRangeException>(() => PlainTextReader.ReadBlocks(new StringReader("abc"), 0)).ParamName);
        Assert.Equal(["a", "b", "c"], PlainTextReader.ReadBlocks(path, 1).ToArray());
    }

    [Fact]
    public void InvalidUtf8IsNamedAsSuchWithTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.txt");
        File.WriteAllBytes(path, [(byte)'a', 0xFF, (byte)'\n']);

        var e = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadText(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal("the text is not valid UTF-8", e.Problem);
        e = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadBlocks(path, 2).ToList());
        Assert.Equal("the text is not valid UTF-8", e.Problem);
        e = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadLines(path).ToList());
        Assert.Equal(1, e.LineNumber);
        Assert.Equal("the text is not valid UTF-8 (at or after this line)", e.Problem);
    }

    [Fact]
    public void CorruptCompressedDataFromACallersReaderIsNamedAsSuch()
    {
        var e = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadBlocks(CorruptGzipReader(), 4).ToList());
        Assert.Equal("the compressed data is corrupt", e.Problem);
        e = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadLines(CorruptGzipReader(), "corpus.gz").ToList());
        Assert.Equal("corpus.gz", e.FilePath);
        Assert.Equal(1, e.LineNumber);
        Assert.Equal("the compressed data is corrupt (at or after this line)", e.Problem);
    }

    [Fact]
    public void TheLineOfAnInvalidByteIsTheFirstLineNotYetReturned()
    {
        var bytes = Encoding.UTF8.GetBytes("one\ntwo\n").Concat(new byte[] { 0xFF, (byte)'\n' }).ToArray();
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), false, bufferSize: 1);
        var lines = new List<string>();
        var e = Assert.Throws<DataFormatException>(() =>
        {
            foreach (var line in PlainTextReader.ReadLines(reader, "t.txt"))
            {
                lines.Add(line);
            }
        });
        Assert.Equal(lines.Count + 1, e.LineNumber);
    }

    private static TextReader CorruptGzipReader()
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(new string('x', 1000)));
        }

        var bytes = compressed.ToArray();
        bytes[12] ^= 0xFF; // inside the deflate data
        bytes[13] ^= 0xFF;
        return new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
    }

    private static FileStream OpenExclusively(string path) =>
        new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

    /// <summary>A reader that fails if asked for more after it has reported its end (a pipe that has closed).</summary>
    private sealed class EndsOnceReader(string text) : TextReader
    {
        private int _position;
        private bool _ended;

        public override int Read(char[] buffer, int index, int count) => ReadBlock(buffer, index, count);

        public override int ReadBlock(char[] buffer, int index, int count)
        {
            Assert.False(_ended, "read again after the end");
            var n = Math.Min(count, text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            _ended = n < count;
            return n;
        }
    }
}
