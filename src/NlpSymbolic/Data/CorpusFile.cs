using System.IO;
using System.IO.Compression;
using System.Text;

namespace NlpSymbolic.Data;

/// <summary>
/// Opens data files as text: UTF-8 (BOM optional), gzip-compressed when the name ends in <c>.gz</c> (every member's
/// CRC-32 and length checked: a truncated or damaged file throws <see cref="DataFormatException"/> naming it).
/// </summary>
internal static class CorpusFile
{
    private const int BufferSize = 1 << 16;

    // Strict decoding: a corpus in the wrong encoding should fail loudly, not turn into U+FFFD tokens.
    private static readonly UTF8Encoding StrictUtf8 = new(
        encoderShouldEmitUTF8Identifier: /* Stryker disable once Boolean : only decodes, and the reader detects a byte order mark either way */ false,
        throwOnInvalidBytes: true);

    /// <summary>
    /// Throws <see cref="FileNotFoundException"/> now, so a lazily enumerated reader reports a wrong path at the
    /// call rather than at the first <c>MoveNext</c>.
    /// </summary>
    public static void RequireExists(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{what} not found: {path}", path);
        }
    }

    /// <summary>
    /// The file's bytes, decompressed when its name ends in <c>.gz</c>: through <see cref="VerifiedGZipStream"/> when
    /// the file can seek (a regular file), so a file cut short or damaged throws <see cref="DataFormatException"/>
    /// naming it; a named pipe, which cannot seek, through <see cref="GZipStream"/>, whose damage is an
    /// <see cref="InvalidDataException"/> for the caller to name.
    /// </summary>
    public static Stream OpenStream(string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        if (!path.EndsWith(".gz", System.StringComparison.OrdinalIgnoreCase))
        {
            return stream;
        }

        // Checked to its end (CRC-32 and length of every member): GZipStream takes a file cut short for a whole one.
        return stream.CanSeek ? new VerifiedGZipStream(stream, path) : new GZipStream(stream, CompressionMode.Decompress);
    }

    public static TextReader OpenText(string path)
    {
        var stream = OpenStream(path);
        try
        {
            return new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, BufferSize);
        }
        catch
        {
            // Stryker disable once Statement : a guard; the reader's constructor does not throw for a readable stream
            stream.Dispose();
            // Stryker disable once Statement : a guard; the reader's constructor does not throw for a readable stream
            throw;
        }
    }
}
