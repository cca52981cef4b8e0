using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text;

namespace NlpSymbolic.Data;

/// <summary>Reads lines and counts them, turning decoding and decompression failures into <see cref="DataFormatException"/>.</summary>
internal sealed class LineReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly bool _ownsReader;

    private LineReader(TextReader reader, string? sourceName, bool ownsReader)
    {
        _reader = reader;
        SourceName = sourceName;
        _ownsReader = ownsReader;
    }

    public string? SourceName { get; }

    /// <summary>The 1-based number of the line last read (0 before the first).</summary>
    public int LineNumber { get; private set; }

    public static LineReader Open(string path) => new(CorpusFile.OpenText(path), path, ownsReader: true);

    /// <summary>Wraps a caller's reader; the caller keeps ownership, so it is not disposed here.</summary>
    public static LineReader Wrap(TextReader reader, string? sourceName) => new(reader, sourceName, ownsReader: false);

    public bool TryRead([NotNullWhen(true)] out string? line)
    {
        try
        {
            line = _reader.ReadLine();
        }
        catch (DecoderFallbackException e)
        {
            // The decoder works a buffer ahead, so the bad byte is at or after the next line.
            throw new DataFormatException(SourceName, LineNumber + 1, "the text is not valid UTF-8 (at or after this line)", e);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(SourceName, LineNumber + 1, "the compressed data is corrupt (at or after this line)", e);
        }

        if (line is null)
        {
            return false;
        }

        LineNumber++;
        return true;
    }

    public DataFormatException Error(string problem) => new(SourceName, LineNumber, problem);

    public void Dispose()
    {
        if (_ownsReader)
        {
            _reader.Dispose();
        }
    }
}
