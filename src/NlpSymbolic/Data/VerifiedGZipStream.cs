using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace NlpSymbolic.Data;

/// <summary>
/// Decompresses a gzip file member by member and checks each member to its end: the header, the deflate data, and
/// the trailer's CRC-32 and length against the bytes actually decompressed. <see cref="GZipStream"/> reports neither
/// a file cut short (inside the deflate data, or before the 8-byte trailer) nor a missing trailer: it just ends, and a
/// reader takes the first part of a corpus for the whole. Here any such file throws <see cref="DataFormatException"/>
/// naming the file and the problem when the reader reaches the damage.
/// </summary>
/// <remarks>
/// The raw file must be seekable. Each member's deflate data is inflated by a raw <see cref="DeflateStream"/> fed
/// through <see cref="Feed"/>, which remembers the file range of the last block it handed over: the deflate data end
/// inside that block, so the trailer is found there as the first 8 bytes equal to the expected CRC-32 and length
/// (a chance match is one in 2⁶⁴). Zero bytes after the last member are tolerated, as gzip does.
/// </remarks>
internal sealed class VerifiedGZipStream : Stream
{
    private readonly Stream raw;
    private readonly string path;
    private readonly Feed feed;
    private DeflateStream? member;
    private Crc32 crc;
    private long length;
    private int members;
    private long dataStart;
    private bool done;

    public VerifiedGZipStream(Stream raw, string path)
    {
        if (!raw.CanSeek)
        {
            throw new ArgumentException("the compressed stream must be seekable", nameof(raw));
        }

        this.raw = raw;
        this.path = path;
        feed = new Feed(raw);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!done && buffer.Length > 0)
        {
            if (member is null && !StartMember())
            {
                // Stryker disable once Boolean : reading again finds the same end (the file is open with FileShare.Read, so it cannot grow)
                done = true;
                break;
            }

            int n;
            try
            {
                n = member!.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw Damaged($"corrupt gzip data in member {members + 1} ({e.Message})");
            }

            if (n > 0)
            {
                crc.Append(buffer[..n]);
                length += n;
                return n;
            }

            FinishMember();
        }

        return 0;
    }

    private bool StartMember()
    {
        var start = raw.Position;
        if (start >= raw.Length)
        {
            return members > 0 ? false : throw Damaged("the file is empty, not gzip data");
        }

        if (members > 0 && OnlyZerosFrom(start))
        {
            return false;
        }

        ReadHeader(start);
        dataStart = raw.Position;
        // Stryker disable once Statement : the new decoder reads the feed before anything looks at its range, and SawEnd is only ever set when the file has ended, when no member follows
        feed.Reset();
        // Stryker disable once Boolean : the feed owns nothing (disposing it leaves the file open) and works after disposal
        member = new DeflateStream(feed, CompressionMode.Decompress, leaveOpen: true);
        crc = new Crc32();
        length = 0;
        return true;
    }

    /// <summary>RFC 1952's member header: magic, method 8, flags, and the optional fields the flags announce.</summary>
    private void ReadHeader(long start)
    {
        Span<byte> fixedPart = stackalloc byte[10];
        if (raw.ReadAtLeast(fixedPart, 10, throwOnEndOfStream: false) < 10)
        {
            throw Damaged($"truncated gzip header at byte {start:N0}");
        }

        if (fixedPart[0] != 0x1F || fixedPart[1] != 0x8B || fixedPart[2] != 8 || (fixedPart[3] & 0xE0) != 0)
        {
            throw Damaged(members == 0 ? "not gzip data (no gzip header at its start)" : $"unexpected bytes after gzip member {members} (at byte {start:N0})");
        }

        var flags = fixedPart[3];
        if ((flags & 4) != 0)
        {
            Span<byte> extraLength = stackalloc byte[2];
            Require(raw.ReadAtLeast(extraLength, 2, throwOnEndOfStream: false) == 2);
            Skip(BinaryPrimitives.ReadUInt16LittleEndian(extraLength));
        }

        foreach (var zeroTerminated in new[] { 8, 16 })
        {
            if ((flags & zeroTerminated) != 0)
            {
                int b;
                while ((b = raw.ReadByte()) > 0)
                {
                }

                Require(b == 0);
            }
        }

        if ((flags & 2) != 0)
        {
            Skip(2);
        }
    }

    private void Skip(int count)
    {
        Require(raw.Position + count <= raw.Length);
        raw.Position += count;
    }

    private void Require(bool headerComplete)
    {
        if (!headerComplete)
        {
            throw Damaged($"truncated gzip header of member {members + 1}");
        }
    }

    /// <summary>The deflate data ended inside the feed's last block: find the trailer there, check it, move past it.</summary>
    private void FinishMember()
    {
        // Stryker disable once Statement : the finished decoder holds only native memory, which its finaliser frees otherwise
        member!.Dispose();
        member = null;
        Span<byte> expected = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, crc.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], unchecked((uint)length));

        var from = feed.LastStart;
        var window = new byte[(int)(Math.Min(feed.LastEnd + 8, raw.Length) - from)];
        raw.Position = from;
        raw.ReadExactly(window);
        for (var p = 0; p + 8 <= window.Length; p++)
        {
            if (window.AsSpan(p, 8).SequenceEqual(expected))
            {
                raw.Position = from + p + 8;
                members++;
                return;
            }
        }

        throw Damaged(feed.SawEnd || raw.Length - DeflateEnd() < 8
            ? $"truncated gzip data: the file ends inside member {members + 1} (after {length:N0} decompressed bytes, before its CRC-32 and length)"
            : $"gzip member {members + 1} does not match its trailer (CRC-32 or length of its {length:N0} decompressed bytes): the file is damaged");
    }

    /// <summary>
    /// Where the member's deflate data end, to tell a trailer cut short from a damaged one: the member is inflated
    /// again with the last block handed over one byte at a time, so the decoder stops at the byte holding its end.
    /// Only a damaged file gets here.
    /// </summary>
    private long DeflateEnd()
    {
        var lastStart = feed.LastStart;
        raw.Position = dataStart;
        feed.TrickleFrom = lastStart;
        using (var again = new DeflateStream(feed, CompressionMode.Decompress, leaveOpen: true))
        {
            // Read, not CopyTo: DeflateStream.CopyTo pumps the source to its end.
            var scratch = new byte[1 << 16];
            while (again.Read(scratch) > 0)
            {
            }
        }

        return feed.LastEnd;
    }

    private bool OnlyZerosFrom(long start)
    {
        var buffer = new byte[4096];
        int n;
        while ((n = raw.Read(buffer)) > 0)
        {
            if (buffer.AsSpan(0, n).ContainsAnyExcept((byte)0))
            {
                raw.Position = start;
                return false;
            }
        }

        return true;
    }

    private DataFormatException Damaged(string problem) => new(path, 0, problem);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Stryker disable once Statement : the decoder holds only native memory, which its finaliser frees otherwise
            member?.Dispose();
            raw.Dispose();
        }

        // Stryker disable once Statement : Stream.Dispose(bool) does nothing
        base.Dispose(disposing);
    }

    /// <summary>The raw file as the deflate decoder reads it, remembering the range of the last block handed over.</summary>
    private sealed class Feed(Stream raw) : Stream
    {
        public long LastStart { get; private set; }

        public long LastEnd { get; private set; }

        public bool SawEnd { get; private set; }

        /// <summary>From this file position on, reads hand over one byte each (set by <see cref="DeflateEnd"/> only, on the way to an error).</summary>
        public long TrickleFrom { get; set; } = long.MaxValue;

        public void Reset()
        {
            LastStart = LastEnd = raw.Position;
            SawEnd = false;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var start = raw.Position;
            var n = raw.Read(buffer[..(int)Math.Min(buffer.Length, Math.Max(TrickleFrom - start, 1))]);
            if (n == 0)
            {
                // Stryker disable once Boolean : a shortcut; without it DeflateEnd inflates the member again to the file's end and finds the same
                SawEnd = true;
                return 0;
            }

            (LastStart, LastEnd) = (start, start + n);
            return n;
        }

        public override bool CanRead => true;

        // Stryker disable once Boolean : only the deflate decoder sees the feed, and it asks CanRead alone
        public override bool CanSeek => false;

        // Stryker disable once Boolean : only the deflate decoder sees the feed, and it asks CanRead alone
        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
