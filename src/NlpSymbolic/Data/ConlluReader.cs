using System;
using System.Collections.Generic;
using System.IO;

namespace NlpSymbolic.Data;

/// <summary>
/// Reads CoNLL-U files (Universal Dependencies): 10 tab-separated columns
/// <c>ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC</c>, <c>#</c> comment lines, a blank line after each
/// sentence. Multiword-token lines (ID <c>1-2</c>) and empty nodes (ID <c>1.1</c>) are skipped, so a sentence
/// holds its syntactic words.
/// </summary>
/// <remarks>
/// Word IDs must count 1, 2, 3, … within a sentence; a gap or repeat is reported as a format error because it
/// means lines were lost or merged. Path-based results reopen the file on each enumeration.
/// </remarks>
public static class ConlluReader
{
    private const int ColumnCount = 10;
    private const string ColumnNames = "ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC";

    /// <summary>Reads the sentences of a file (gzip-compressed when the name ends in <c>.gz</c>).</summary>
    /// <param name="path">The file; it is opened when enumeration starts and closed when it ends.</param>
    /// <exception cref="FileNotFoundException">The file does not exist (thrown by this call, not lazily).</exception>
    /// <exception cref="DataFormatException">While enumerating: a line is not a valid CoNLL-U word line.</exception>
    public static IEnumerable<ConlluSentence> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        CorpusFile.RequireExists(path, "CoNLL-U file");
        return Parse(() => LineReader.Open(path));
    }

    /// <summary>Reads the sentences from a reader, which the caller keeps and disposes; the result can be enumerated once.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="sourceName">A name for error messages and <see cref="ConlluSentence.SourceFile"/>, or null.</param>
    public static IEnumerable<ConlluSentence> Read(TextReader reader, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse(() => LineReader.Wrap(reader, sourceName));
    }

    private static IEnumerable<ConlluSentence> Parse(Func<LineReader> open)
    {
        using var lines = open();
        var sentence = new SentenceBuilder(lines);
        while (lines.TryRead(out var line))
        {
            if (sentence.Add(line))
            {
                yield return sentence.Flush();
            }
        }

        if (sentence.HasWords)
        {
            yield return sentence.Flush();
        }
    }

    /// <summary>
    /// The sentence being read. Lines are taken apart here rather than in <see cref="Parse"/>: an iterator cannot
    /// keep a span across a <c>yield</c>, and with no span in the iterator every change a mutation-testing tool
    /// makes to the parsing compiles and is tested.
    /// </summary>
    private sealed class SentenceBuilder(LineReader lines)
    {
        private readonly StringPool pool = new();
        private readonly Range[] columns = new Range[ColumnCount];
        private readonly List<string> words = [];
        private readonly List<string> lemmas = [];
        private readonly List<string> universal = [];
        private readonly List<string> language = [];
        private readonly List<int> lineNumbers = [];
        private string? sentenceId;
        private string? sentenceText;

        public bool HasWords => words.Count > 0;

        /// <summary>Adds a word or comment line; returns true when the line ends a sentence that has words.</summary>
        public bool Add(string line)
        {
            var text = line.AsSpan();
            if (text.IsWhiteSpace())
            {
                if (HasWords)
                {
                    return true;
                }

                // A sentence of comments only has no words to return; its metadata must not leak into the next.
                sentenceId = null;
                sentenceText = null;
                return false;
            }

            if (text[0] == '#')
            {
                sentenceId ??= CommentValue(text, "sent_id");
                sentenceText ??= CommentValue(text, "text");
                return false;
            }

            var count = Fields.SplitOnTab(text, columns);
            if (count != ColumnCount)
            {
                throw lines.Error($"expected {ColumnCount} tab-separated columns \"{ColumnNames}\", found {count}");
            }

            for (var c = 0; c < ColumnCount; c++)
            {
                if (text[columns[c]].IsEmpty)
                {
                    throw lines.Error($"column {c + 1} ({ColumnNames.Split(' ')[c]}) is empty; CoNLL-U writes _ for an unspecified value");
                }
            }

            var id = text[columns[0]];
            switch (ClassifyId(id, out var index))
            {
                case IdKind.Word:
                    if (index != words.Count + 1)
                    {
                        throw lines.Error($"expected word ID {words.Count + 1}, found {id}");
                    }

                    break;
                case IdKind.Range:
                case IdKind.EmptyNode:
                    return false;
                default:
                    throw lines.Error($"ID \"{id}\" is not a word index (3), a multiword range (3-4) or an empty node (3.1)");
            }

            words.Add(pool.Get(text[columns[1]]));
            lemmas.Add(pool.Get(text[columns[2]]));
            universal.Add(pool.Get(text[columns[3]]));
            language.Add(pool.Get(text[columns[4]]));
            lineNumbers.Add(lines.LineNumber);
            return false;
        }

        public ConlluSentence Flush()
        {
            var sentence = new ConlluSentence(
                words.ToArray(), lemmas.ToArray(), universal.ToArray(), language.ToArray(),
                sentenceId, sentenceText, lines.SourceName, lineNumbers.ToArray());
            words.Clear();
            lemmas.Clear();
            universal.Clear();
            language.Clear();
            lineNumbers.Clear();
            sentenceId = null;
            sentenceText = null;
            return sentence;
        }
    }

    private enum IdKind
    {
        Invalid,
        Word,
        Range,
        EmptyNode,
    }

    private static IdKind ClassifyId(ReadOnlySpan<char> id, out int index)
    {
        var separator = id.IndexOfAny('-', '.');
        // Stryker disable once Equality : a separator at 0 ("-3", ".1") leaves an empty left side, Invalid either way
        if (separator < 0)
        {
            return IsIndex(id, out index) ? IdKind.Word : IdKind.Invalid;
        }

        index = 0;
        // Both sides of "3-4" and "3.1" must be numbers; anything else is a corrupt line, not something to skip.
        var valid = IsIndex(id[..separator], out _) && IsIndex(id[(separator + 1)..], out _);
        // Stryker disable once Conditional,Equality : ranges and empty nodes are both skipped; the kinds only name them
        return !valid ? IdKind.Invalid : id[separator] == '-' ? IdKind.Range : IdKind.EmptyNode;
    }

    private static bool IsIndex(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 9)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    /// <summary>The value of a <c># key = value</c> comment, or null when the comment has another key.</summary>
    private static string? CommentValue(ReadOnlySpan<char> comment, string key)
    {
        var body = comment[1..].TrimStart();
        if (!body.StartsWith(key, StringComparison.Ordinal))
        {
            return null;
        }

        body = body[key.Length..].TrimStart();
        return body.StartsWith('=') ? body[1..].Trim().ToString() : null;
    }
}
