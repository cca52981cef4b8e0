using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>
/// Compressed corpora are read to their end or not at all: a .gz file cut anywhere (inside the deflate data, at a line
/// boundary of the text, inside or before its 8-byte trailer), with a damaged CRC-32 or length, or with garbage after
/// it throws <see cref="DataFormatException"/> naming the file; whole files, several members and zero padding read as gzip does.
/// </summary>
public sealed class VerifiedGzipTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string Text(int lines, int seed)
    {
        var random = new Random(seed);
        return string.Concat(Enumerable.Range(0, lines).Select(i => $"line {i}: {string.Join(' ', Enumerable.Range(0, 8).Select(_ => random.Next(100_000)))}\n"));
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void AWholeFileReadsAsGzipStreamReadsIt()
    {
        var text = Text(3000, 1);
        var path = WriteBytes("whole.txt.gz", Gzip(text));
        Assert.Equal(text, PlainTextReader.ReadText(path));
    }

    [Fact]
    public void SeveralMembersAndZeroPaddingAreOneText()
    {
        var (a, b) = (Text(500, 2), Text(700, 3));
        var path = WriteBytes("members.txt.gz", [.. Gzip(a), .. Gzip(b), .. new byte[512]]);
        Assert.Equal(a + b, PlainTextReader.ReadText(path));
    }

    [Fact]
    public void AnEmptyMemberIsAnEmptyTextAndAnEmptyFileIsAnError()
    {
        // What `gzip < /dev/null` writes: a header, an empty final deflate block, CRC 0 and length 0.
        byte[] empty = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal("", PlainTextReader.ReadText(WriteBytes("empty-member.txt.gz", empty)));
        var error = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadText(WriteBytes("empty.txt.gz", [])));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void AFileCutAnywhereIsAnErrorNamingIt()
    {
        var bytes = Gzip(Text(400, 4));
        var cuts = Enumerable.Range(1, 40).Select(i => i * (bytes.Length - 1) / 40)
            .Concat(Enumerable.Range(1, 12).Select(i => bytes.Length - i))   // inside or before the trailer
            .Distinct();
        foreach (var cut in cuts)
        {
            var path = WriteBytes($"cut{cut}.txt.gz", bytes[..cut]);
            var error = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadText(path));
            Assert.StartsWith(path + ": ", error.Message);
            Assert.Contains("gzip", error.Message);
        }
    }

    [Fact]
    public void AFileCutAtALineBoundaryOfItsTextIsAnError()
    {
        // Two members, the second missing: what `gzip -c head >> file` interrupted leaves. The first member is whole.
        var first = Gzip(Text(100, 5));
        var second = Gzip(Text(100, 6));
        var path = WriteBytes("lines.conllu.gz", [.. first, .. second[..(second.Length / 2)]]);
        var error = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadLines(path).ToList());
        Assert.Contains("member 2", error.Message);
    }

    [Theory]
    [InlineData(-8, "CRC-32")]
    [InlineData(-1, "length")]
    public void ADamagedTrailerIsAnError(int fromEnd, string what)
    {
        var bytes = Gzip(Text(300, 7));
        bytes[^-fromEnd] ^= 0x5A;
        var path = WriteBytes("damaged.txt.gz", bytes);
        var error = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadText(path));
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void GarbageAfterTheLastMemberIsAnError()
    {
        var path = WriteBytes("garbage.txt.gz", [.. Gzip(Text(50, 8)), .. "trailing text"u8.ToArray()]);
        var error = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadText(path));
        Assert.Contains("after gzip member 1", error.Message);
    }

    [Fact]
    public void AFileThatIsNotGzipIsAnError()
    {
        var path = folder.Write("plain.txt.gz", "not compressed\n");
        var error = Assert.Throws<DataFormatException>(() => PlainTextReader.ReadText(path));
        Assert.Contains("not gzip data", error.Message);
    }

    [Fact]
    public void ACutCorpusStopsTheReaderAtTheDamage()
    {
        var conllu = string.Concat(Enumerable.Range(0, 200).Select(i => $"# sent_id = {i}\n1\tword{i}\tword\tNOUN\t_\t_\t0\troot\t_\t_\n\n"));
        var bytes = Gzip(conllu);
        var path = WriteBytes("cut.conllu.gz", bytes[..(bytes.Length - 8)]);
        Assert.Throws<DataFormatException>(() => ConlluReader.Read(path).ToList());
    }
}
