using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NlpSymbolic.Data;

/// <summary>
/// An open word-vector file, its header read (<see cref="WordVectorFile.Open"/>). <see cref="Vectors"/> streams
/// the words once; dispose the reader when done.
/// </summary>
public sealed class WordVectorReader : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(
        encoderShouldEmitUTF8Identifier: /* Stryker disable once Boolean : only decodes, and a decoder never writes a byte order mark */ false,
        throwOnInvalidBytes: true);
    private readonly LineReader? _lines;
    private readonly Stream? _binary;
    private string? _pendingLine;
    private bool _started;

    private WordVectorReader(string path, WordVectorFormat format, int dimension, int? count, LineReader? lines, Stream? binary, string? pendingLine)
    {
        Path = path;
        Format = format;
        Dimension = dimension;
        DeclaredCount = count;
        _lines = lines;
        _binary = binary;
        _pendingLine = pendingLine;
    }

    /// <summary>The file as the caller named it.</summary>
    public string Path { get; }

    /// <summary>The format read (given or guessed).</summary>
    public WordVectorFormat Format { get; }

    /// <summary>The number of values per word (the header's, or GloVe's first line's).</summary>
    public int Dimension { get; }

    /// <summary>The number of words the header declares (null for GloVe, which has no header).</summary>
    public int? DeclaredCount { get; }

    internal static WordVectorReader OpenText(string path, WordVectorFormat format, bool guessing)
    {
        var lines = LineReader.Open(path);
        try
        {
            if (!lines.TryRead(out var first))
            {
                throw lines.Error("the file is empty: no word vectors");
            }

            var header = Header(first);
            if (format == WordVectorFormat.Word2VecText && header is null && !guessing)
            {
                throw lines.Error($"expected word2vec's header \"count dimension\", found \"{Shorten(first)}\"");
            }

            if (header is { } h && format != WordVectorFormat.GloVe)
            {
                return new WordVectorReader(path, WordVectorFormat.Word2VecText, h.Dimension, h.Count, lines, null, null);
            }

            var fields = first.TrimEnd().Split(' ');
            if (fields.Length < 2)
            {
                throw lines.Error($"expected a word and its values, found \"{Shorten(first)}\"");
            }

            return new WordVectorReader(path, WordVectorFormat.GloVe, fields.Length - 1, null, lines, null, first);
        }
        catch
        {
            lines.Dispose();
            throw;
        }
    }

    internal static WordVectorReader OpenBinary(string path, Stream stream)
    {
        try
        {
            var bytes = new List<byte>();
            int b;
            // The cap stops a file that is not word2vec from being read whole as its header.
            while ((b = stream.ReadByte()) >= 0 && b != '\n'
                && /* Stryker disable once Equality : 200 or 201 bytes read the same headers */ bytes.Count < 200)
            {
                bytes.Add((byte)b);
            }

            var text = Encoding.ASCII.GetString(bytes.ToArray());
            var header = Header(text) ?? throw new DataFormatException(path, 1, $"expected word2vec's binary header \"count dimension\", found \"{Shorten(text)}\"");
            return new WordVectorReader(path, WordVectorFormat.Word2VecBinary, header.Dimension, header.Count, null, stream, null);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new DataFormatException(path, 1, "the compressed data is corrupt", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The words and their vectors, in file order; a malformed line or record throws <see cref="DataFormatException"/>. Read once.</summary>
    public IEnumerable<WordVector> Vectors()
    {
        if (_started)
        {
            throw new InvalidOperationException($"{Path}: the vectors of a WordVectorReader can be read only once");
        }

        _started = true;
        return _binary is null ? TextVectors() : BinaryVectors(_binary);
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _lines?.Dispose();
        _binary?.Dispose();
    }

    private IEnumerable<WordVector> TextVectors()
    {
        var lines = _lines!;
        var read = 0;
        while (TryNextLine(lines, out var line))
        {
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (read == DeclaredCount)
            {
                throw new DataFormatException(Path, lines.LineNumber, $"the header says {DeclaredCount} words, but the file has more");
            }

            read++;
            yield return ParseLine(lines, line);
        }

        if (DeclaredCount is { } declared && read != declared)
        {
            throw new DataFormatException(Path, lines.LineNumber, $"the header says {declared} words, but the file ends after {read}");
        }
    }

    private bool TryNextLine(LineReader lines, out string line)
    {
        if (_pendingLine is { } pending)
        {
            _pendingLine = null;
            line = pending;
            return true;
        }

        var ok = lines.TryRead(out var next);
        // Stryker disable once String : next is null only when nothing was read, and then the line is not used
        line = next ?? "";
        return ok;
    }

    private WordVector ParseLine(LineReader lines, string line)
    {
        var span = line.AsSpan().TrimEnd();
        var space = span.IndexOf(' ');
        if (space <= 0)
        {
            throw lines.Error($"expected a word and {Dimension} values, found \"{Shorten(line)}\"");
        }

        var word = span[..space].ToString();
        var values = new float[Dimension];
        var rest = span[(space + 1)..];
        var n = 0;
        foreach (var range in rest.Split(' '))
        {
            var field = rest[range];
            if (field.Length == 0)
            {
                continue;
            }

            if (n == Dimension)
            {
                throw lines.Error($"\"{word}\" has more than the {Dimension} values the {DimensionSource} gives");
            }

            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out values[n]))
            {
                throw lines.Error($"value {n + 1} of \"{word}\", \"{Shorten(field.ToString())}\", is not a number");
            }

            n++;
        }

        return n == Dimension ? new WordVector(word, values)
            : throw lines.Error($"\"{word}\" has {n} values, but the {DimensionSource} gives {Dimension}");
    }

    private string DimensionSource => Format == WordVectorFormat.GloVe ? "first line" : "header";

    private IEnumerable<WordVector> BinaryVectors(Stream stream)
    {
        var declared = DeclaredCount!.Value;
        var bytes = new byte[4 * Dimension];
        var word = new List<byte>();
        for (var record = 1; record <= declared; record++)
        {
            word.Clear();
            int b;
            // The separators before the word: the previous record's newline, or stray spaces.
            while ((b = ReadByte(stream, record)) is '\n' or '\r' or ' ')
            {
            }

            while (b >= 0 && b != ' ')
            {
                word.Add((byte)b);
                if (word.Count > 10_000)
                {
                    throw Record(record, "the word is longer than 10,000 bytes (is this a binary word2vec file?)");
                }

                b = ReadByte(stream, record);
            }

            if (/* Stryker disable once Equality : the loop above leaves b at -1 or at a space, never at 0 */ b < 0)
            {
                throw Record(record, word.Count == 0
                    ? $"the file ends after {record - 1} words, but the header says {declared}"
                    : "truncated: the file ends inside the word");
            }

            string text;
            try
            {
                text = StrictUtf8.GetString(word.ToArray());
            }
            catch (DecoderFallbackException e)
            {
                throw Record(record, "the word is not valid UTF-8", e);
            }

            var got = ReadFully(stream, bytes, record);
            if (got < bytes.Length)
            {
                throw Record(record, $"\"{text}\" is truncated: {got / 4} of its {Dimension} float32 values are in the file");
            }

            var values = new float[Dimension];
            for (var i = 0; i < Dimension; i++)
            {
                values[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i, 4));
            }

            yield return new WordVector(text, values);
        }

        int next;
        while ((next = ReadByte(stream, declared)) >= 0)
        {
            if (next is not ('\n' or '\r' or ' '))
            {
                throw Record(declared + 1, $"the header says {declared} words, but the file has more");
            }
        }
    }

    private int ReadByte(Stream stream, int record)
    {
        try
        {
            return stream.ReadByte();
        }
        catch (InvalidDataException e)
        {
            throw Record(record, "the compressed data is corrupt", e);
        }
    }

    private int ReadFully(Stream stream, byte[] buffer, int record)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw Record(record, "the compressed data is corrupt", e);
        }
    }

    private DataFormatException Record(int record, string problem, Exception? inner = null) =>
        new(Path, 0, $"record {record}: {problem}", inner);

    private static (int Count, int Dimension)? Header(string line)
    {
        var fields = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 2
            && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var dimension)
            && dimension > 0
            ? (count, dimension)
            : null;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
