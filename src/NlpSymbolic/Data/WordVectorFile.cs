using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using NlpSymbolic.Checkpoints;

namespace NlpSymbolic.Data;

/// <summary>
/// Reads and writes word vectors in word2vec text, word2vec binary and GloVe text (each optionally gzip-compressed).
/// Reading streams: <see cref="WordVectorReader.Vectors"/> yields one word at a time, so a file of several GB is
/// never held in memory. Malformed input is a <see cref="DataFormatException"/> naming the file and the line (text)
/// or the record (binary); a compressed file is checked to its end (CRC-32 and length), so one cut short is an
/// error naming it rather than fewer vectors.
/// </summary>
public static class WordVectorFile
{
    /// <summary>
    /// Opens a word-vector file and reads its header. Without <paramref name="format"/> the format is guessed:
    /// a name ending in <c>.bin</c> (or <c>.bin.gz</c>) is word2vec binary; a text file whose first line is two
    /// integers is word2vec text; any other text file is GloVe.
    /// </summary>
    public static WordVectorReader Open(string path, WordVectorFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        CorpusFile.RequireExists(path, "word-vector file");
        var chosen = format ?? Guess(path);
        return chosen == WordVectorFormat.Word2VecBinary
            ? WordVectorReader.OpenBinary(path, CorpusFile.OpenStream(path))
            : WordVectorReader.OpenText(path, chosen, format is null);
    }

    /// <summary>Every vector of the file, read in one pass (a convenience for small files; see <see cref="Open"/> for streaming).</summary>
    public static List<WordVector> ReadAll(string path, WordVectorFormat? format = null)
    {
        using var reader = Open(path, format);
        return new List<WordVector>(reader.Vectors());
    }

    /// <summary>
    /// Writes <paramref name="vectors"/> (all of one dimension) in <paramref name="format"/>, gzip-compressed when
    /// <paramref name="path"/> ends in <c>.gz</c>. The file is written to a temporary name and renamed: an existing
    /// file is replaced only by a complete one. Words may not contain whitespace (the formats separate on it).
    /// </summary>
    public static void Write(string path, WordVectorFormat format, IReadOnlyCollection<WordVector> vectors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(vectors);
        var dimension = -1;
        foreach (var vector in vectors)
        {
            if (dimension < 0)
            {
                dimension = vector.Values.Length;
            }

            if (vector.Values.Length != dimension)
            {
                throw new ArgumentException($"cannot write {path}: \"{vector.Word}\" has {vector.Values.Length} values, the first word {dimension}", nameof(vectors));
            }

            if (vector.Word.Length == 0 || vector.Word.AsSpan().IndexOfAny(" \t\n\r") >= 0)
            {
                throw new ArgumentException($"cannot write {path}: the word \"{vector.Word}\" is empty or contains whitespace", nameof(vectors));
            }
        }

        AtomicFile.Write(path, stream =>
        {
            using var output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? (Stream)new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true)
                : new NonClosing(stream);
            WordVectorWriter.Write(output, format, vectors, Math.Max(dimension, 0));
        });
    }

    private static WordVectorFormat Guess(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return name.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) ? WordVectorFormat.Word2VecBinary : WordVectorFormat.Word2VecText;
    }

    /// <summary>Leaves the caller's stream open (the atomic writer flushes and closes it).</summary>
    private sealed class NonClosing(Stream inner) : Stream
    {
        // Stryker disable once Boolean : only the writer's BufferedStream sees this stream, and it never reads or seeks
        public override bool CanRead => false;
        // Stryker disable once Boolean : only the writer's BufferedStream sees this stream, and it never reads or seeks
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}

/// <summary>The writing half of <see cref="WordVectorFile"/>.</summary>
internal static class WordVectorWriter
{
    private static readonly UTF8Encoding Utf8 = new(
        encoderShouldEmitUTF8Identifier: /* Stryker disable once Boolean : GetBytes never writes a byte order mark (only GetPreamble does) */ false,
        throwOnInvalidBytes: true);

    public static void Write(Stream output, WordVectorFormat format, IReadOnlyCollection<WordVector> vectors, int dimension)
    {
        using var buffered = new BufferedStream(output, 1 << 16);
        if (format != WordVectorFormat.GloVe)
        {
            buffered.Write(Utf8.GetBytes($"{vectors.Count} {dimension}\n"));
        }

        var line = new StringBuilder();
        Span<byte> value = stackalloc byte[4];
        foreach (var vector in vectors)
        {
            if (format == WordVectorFormat.Word2VecBinary)
            {
                buffered.Write(Utf8.GetBytes(vector.Word + " "));
                foreach (var v in vector.Values)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(value, v);
                    buffered.Write(value);
                }

                buffered.WriteByte((byte)'\n');
                continue;
            }

            line.Clear().Append(vector.Word);
            foreach (var v in vector.Values)
            {
                // The shortest text that reads back as the same float32.
                line.Append(' ').Append(v.ToString(
                    /* Stryker disable once String : since .NET Core 3.0 a float's default format is this shortest round-trip text */ "R",
                    CultureInfo.InvariantCulture));
            }

            buffered.Write(Utf8.GetBytes(line.Append('\n').ToString()));
        }
    }
}
