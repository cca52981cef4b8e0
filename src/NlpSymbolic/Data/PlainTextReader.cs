using System;
using System.Collections.Generic;
using System.IO;

namespace NlpSymbolic.Data;

/// <summary>
/// Reads untagged text: whole files or fixed-size character blocks for character-level models, lines, and
/// whitespace-separated tokens for word-level models. Files ending in <c>.gz</c> are decompressed.
/// </summary>
/// <remarks>Text must be UTF-8; invalid bytes raise <see cref="DataFormatException"/> instead of becoming U+FFFD.</remarks>
public static class PlainTextReader
{
    /// <summary>The whole file as one string (Tiny Shakespeare, 1.1 MB, is the intended size).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not valid UTF-8 or not valid gzip.</exception>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        CorpusFile.RequireExists(path, "text file");
        using var reader = CorpusFile.OpenText(path);
        try
        {
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is System.Text.DecoderFallbackException or InvalidDataException)
        {
            throw Undecodable(path, e);
        }
    }

    /// <summary>
    /// Streams the file as consecutive blocks of <paramref name="blockLength"/> UTF-16 characters (the last may be
    /// shorter), line breaks included, for character models that never need the whole text in memory.
    /// </summary>
    /// <param name="path">The file; it is opened when enumeration starts.</param>
    /// <param name="blockLength">Characters per block, at least 1.</param>
    public static IEnumerable<string> ReadBlocks(string path, int blockLength)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockLength, 1);
        CorpusFile.RequireExists(path, "text file");
        return Blocks(() => CorpusFile.OpenText(path), ownsReader: true, path, blockLength);
    }

    /// <summary>Streams a reader as blocks of <paramref name="blockLength"/> characters; the caller keeps the reader.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="blockLength">Characters per block, at least 1.</param>
    public static IEnumerable<string> ReadBlocks(TextReader reader, int blockLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockLength, 1);
        return Blocks(() => reader, ownsReader: false, null, blockLength);
    }

    /// <summary>Streams the lines of a file, without their line breaks.</summary>
    /// <param name="path">The file; it is opened when enumeration starts.</param>
    public static IEnumerable<string> ReadLines(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        CorpusFile.RequireExists(path, "text file");
        return Lines(() => LineReader.Open(path));
    }

    /// <summary>Streams the lines of a reader; the caller keeps the reader.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="sourceName">A name for error messages, or null.</param>
    public static IEnumerable<string> ReadLines(TextReader reader, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Lines(() => LineReader.Wrap(reader, sourceName));
    }

    /// <summary>
    /// Streams each non-blank line of a file as its whitespace-separated (space or tab) tokens: one line, one
    /// sentence, as in word-level language-model corpora. Blank lines are skipped.
    /// </summary>
    /// <param name="path">The file; it is opened when enumeration starts.</param>
    public static IEnumerable<string[]> ReadTokenLines(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        CorpusFile.RequireExists(path, "text file");
        return TokenLines(() => LineReader.Open(path));
    }

    /// <summary>Streams each non-blank line of a reader as its whitespace-separated tokens; the caller keeps the reader.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="sourceName">A name for error messages, or null.</param>
    public static IEnumerable<string[]> ReadTokenLines(TextReader reader, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return TokenLines(() => LineReader.Wrap(reader, sourceName));
    }

    private static IEnumerable<string> Blocks(Func<TextReader> open, bool ownsReader, string? sourceName, int blockLength)
    {
        var reader = open();
        try
        {
            var buffer = new char[blockLength];
            while (true)
            {
                int read;
                try
                {
                    read = reader.ReadBlock(buffer, 0, blockLength);
                }
                catch (Exception e) when (e is System.Text.DecoderFallbackException or InvalidDataException)
                {
                    throw Undecodable(sourceName, e);
                }

                if (read == 0)
                {
                    yield break;
                }

                yield return new string(buffer, 0, read);
                if (read < blockLength)
                {
                    yield break;
                }
            }
        }
        finally
        {
            if (ownsReader)
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>A decoding failure while reading a whole text or its blocks (no line number: blocks cross lines).</summary>
    private static DataFormatException Undecodable(string? sourceName, Exception e) =>
        new(sourceName, 0, e is InvalidDataException ? "the compressed data is corrupt" : "the text is not valid UTF-8", e);

    private static IEnumerable<string> Lines(Func<LineReader> open)
    {
        using var lines = open();
        while (lines.TryRead(out var line))
        {
            yield return line;
        }
    }

    private static IEnumerable<string[]> TokenLines(Func<LineReader> open)
    {
        using var lines = open();
        var pool = new StringPool();
        var ranges = new Range[64];
        while (lines.TryRead(out var line))
        {
            var text = line.AsSpan();
            var count = Fields.SplitOnWhitespace(text, ranges);
            if (count == 0)
            {
                continue;
            }

            // Stryker disable once Equality,Arithmetic : growing the buffer early or to just the count splits the same tokens
            if (count > ranges.Length)
            {
                ranges = new Range[Math.Max(count, 2 * ranges.Length)];
                Fields.SplitOnWhitespace(text, ranges);
            }

            var tokens = new string[count];
            for (var i = 0; i < count; i++)
            {
                tokens[i] = pool.Get(text[ranges[i]]);
            }

            yield return tokens;
        }
    }
}
