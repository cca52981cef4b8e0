using System;
using System.IO;
using System.IO.Compression;
using System.IO.Pipes;
using System.Linq;
using System.Text;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>
/// The member header of RFC 1952 with its optional fields (FEXTRA, FNAME, FCOMMENT, FHCRC), cut at every byte; the
/// magic bytes and reserved flags; the exact messages for a trailer cut short or damaged; the stream's own contract.
/// </summary>
public sealed class VerifiedGzipHeaderTests : IDisposable
{
    private const string Text = "the first line\nthe second line\n";
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    /// <summary>The optional header fields a flag announces, as <c>gzip</c> writes them.</summary>
    private static byte[] Field(int flag) => flag switch
    {
        4 => [5, 0, .. "extra"u8],
        8 => [.. "name.txt"u8, 0],
        16 => [.. "a comment"u8, 0],
        2 => [0x12, 0x34],
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };

    /// <summary>A member whose header carries the fields of <paramref name="flags"/> (in RFC order), and where they end.</summary>
    private static (byte[] Member, int HeaderEnd) WithFields(byte[] member, int flags)
    {
        byte[] fields = [.. new[] { 4, 8, 16, 2 }.Where(f => (flags & f) != 0).SelectMany(Field)];
        byte[] header = [.. member[..3], (byte)flags, .. member[4..10], .. fields];
        return ([.. header, .. member[10..]], header.Length);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string ErrorOf(string path) => Assert.Throws<DataFormatException>(() => PlainTextReader.ReadText(path)).Message;

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(2)]
    [InlineData(4 | 8 | 16 | 2)]
    public void Optional_header_fields_are_skipped(int flags)
    {
        var path = Write("fields.txt.gz", WithFields(Gzip(Text), flags).Member);
        Assert.Equal(Text, PlainTextReader.ReadText(path));
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(8, 0)]
    [InlineData(16, 0)]
    [InlineData(2, 0)]
    [InlineData(4 | 8 | 16 | 2, 0)]
    [InlineData(4, 1)]
    [InlineData(8, 1)]
    [InlineData(16, 1)]
    [InlineData(2, 1)]
    public void A_file_cut_inside_the_optional_header_fields_names_the_member(int flags, int wholeMembersBefore)
    {
        var before = Enumerable.Repeat(Gzip("before\n"), wholeMembersBefore).SelectMany(b => b).ToArray();
        var (member, headerEnd) = WithFields(Gzip(Text), flags);
        for (var cut = 10; cut < headerEnd; cut++)
        {
            var path = Write($"cut{cut}.txt.gz", [.. before, .. member[..cut]]);
            Assert.Equal($"{path}: truncated gzip header of member {wholeMembersBefore + 1}", ErrorOf(path));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_file_cut_inside_the_fixed_header_names_the_byte(int wholeMembersBefore)
    {
        var before = Enumerable.Repeat(Gzip("before\n"), wholeMembersBefore).SelectMany(b => b).ToArray();
        var member = Gzip(Text);
        for (var cut = 1; cut < 10; cut++)
        {
            var path = Write($"cut{cut}.txt.gz", [.. before, .. member[..cut]]);
            Assert.Equal($"{path}: truncated gzip header at byte {before.Length:N0}", ErrorOf(path));
        }
    }

    [Fact]
    public void A_file_ending_right_after_its_header_is_cut_inside_the_member()
    {
        var (member, headerEnd) = WithFields(Gzip(Text), 2);
        var path = Write("header-only.txt.gz", member[..headerEnd]);
        Assert.Equal($"{path}: truncated gzip data: the file ends inside member 1 (after 0 decompressed bytes, before its CRC-32 and length)", ErrorOf(path));
    }

    [Theory]
    [InlineData(0, 0x1E)]
    [InlineData(1, 0x8C)]
    [InlineData(2, 7)]
    [InlineData(3, 0x20)]
    [InlineData(3, 0x40)]
    [InlineData(3, 0x80)]
    public void A_wrong_magic_byte_method_or_reserved_flag_is_not_gzip(int index, byte value)
    {
        var member = Gzip(Text);
        member[index] = value;
        var path = Write("magic.txt.gz", member);
        Assert.Equal($"{path}: not gzip data (no gzip header at its start)", ErrorOf(path));

        var first = Gzip("first\n");
        path = Write("magic2.txt.gz", [.. first, .. member]);
        Assert.Equal($"{path}: unexpected bytes after gzip member 1 (at byte {first.Length:N0})", ErrorOf(path));
    }

    [Fact]
    public void An_empty_file_and_a_file_of_zeros_are_not_gzip()
    {
        var path = Write("empty.txt.gz", []);
        Assert.Equal($"{path}: the file is empty, not gzip data", ErrorOf(path));
        path = Write("zeros.txt.gz", new byte[64]);
        Assert.Equal($"{path}: not gzip data (no gzip header at its start)", ErrorOf(path));
    }

    [Fact]
    public void Corrupt_deflate_data_names_the_member()
    {
        // 0x07: a final block of the reserved type 3.
        var first = Gzip("first\n");
        var path = Write("corrupt.txt.gz", [.. first, .. Gzip(Text)[..10], 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.StartsWith($"{path}: corrupt gzip data in member 2 (", ErrorOf(path));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    public void A_file_cut_inside_its_trailer_is_truncated(int missing)
    {
        var member = Gzip(Text);
        var path = Write("cut-trailer.txt.gz", member[..^missing]);
        var length = Encoding.UTF8.GetByteCount(Text);
        Assert.Equal($"{path}: truncated gzip data: the file ends inside member 1 (after {length:N0} decompressed bytes, before its CRC-32 and length)", ErrorOf(path));
    }

    [Theory]
    [InlineData(-8, 0)]
    [InlineData(-1, 0)]
    [InlineData(-8, 20_000)]
    [InlineData(-1, 100)]
    public void A_damaged_trailer_is_damage_not_truncation(int fromEnd, int bytesAfter)
    {
        // Small or followed by more bytes: the decoder reads the whole member in one block or not.
        var member = Gzip(Text);
        member[^-fromEnd] ^= 0x5A;
        var after = new byte[bytesAfter];
        new Random(1).NextBytes(after);
        var path = Write("damaged.txt.gz", [.. member, .. after]);
        var length = Encoding.UTF8.GetByteCount(Text);
        Assert.Equal($"{path}: gzip member 1 does not match its trailer (CRC-32 or length of its {length:N0} decompressed bytes): the file is damaged", ErrorOf(path));
    }

    [Fact]
    public void Reading_nothing_returns_nothing_and_leaves_the_text_whole()
    {
        var path = Write("whole.txt.gz", [.. Gzip(Text), .. Gzip(Text)]);
        using var gzip = new VerifiedGZipStream(File.OpenRead(path), path);
        Assert.Equal(0, gzip.Read(Span<byte>.Empty));
        var first = new byte[5];
        gzip.ReadExactly(first);
        Assert.Equal(0, gzip.Read(Span<byte>.Empty));
        using var rest = new MemoryStream();
        gzip.CopyTo(rest);
        Assert.Equal(Text + Text, Encoding.UTF8.GetString([.. first, .. rest.ToArray()]));
        Assert.Equal(0, gzip.Read(new byte[10]));
    }

    [Fact]
    public void The_stream_reads_only_and_needs_a_seekable_file()
    {
        var path = Write("whole.txt.gz", Gzip(Text));
        using (var gzip = new VerifiedGZipStream(File.OpenRead(path), path))
        {
            Assert.True(gzip.CanRead);
            Assert.False(gzip.CanSeek);
            Assert.False(gzip.CanWrite);
        }

        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var error = Assert.Throws<ArgumentException>(() => new VerifiedGZipStream(pipe, "pipe"));
        Assert.Equal("raw", error.ParamName);
        Assert.StartsWith("the compressed stream must be seekable", error.Message);
    }

    [Fact]
    public void Disposing_the_stream_closes_the_file()
    {
        var path = Write("whole.txt.gz", Gzip(Text));
        var gzip = new VerifiedGZipStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), path);
        gzip.ReadExactly(new byte[3]);
        FileAssert.IsOpen(path);
        gzip.Dispose();
        FileAssert.IsClosed(path);
    }
}
