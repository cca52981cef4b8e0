using System;
using System.Collections.Generic;
using System.IO;

namespace NlpSymbolic.Data;

/// <summary>
/// Reads CoNLL-2003 files: one token per line as <c>word POS chunk NER</c> separated by spaces, a blank line
/// after each sentence, and <c>-DOCSTART-</c> lines between documents (skipped). Tags are returned as found
/// (IOB1 in the original files).
/// </summary>
/// <remarks>
/// Reading is lazy and streaming: each enumeration of a path-based result reopens the file, so the same
/// sequence can be read once per epoch. Equal words and tags share one string instance within an enumeration.
/// </remarks>
public static class Conll2003Reader
{
    private const string DocumentStart = "-DOCSTART-";

    /// <summary>Reads the sentences of a file (gzip-compressed when the name ends in <c>.gz</c>).</summary>
    /// <param name="path">The file; it is opened when enumeration starts and closed when it ends.</param>
    /// <exception cref="FileNotFoundException">The file does not exist (thrown by this call, not lazily).</exception>
    /// <exception cref="DataFormatException">While enumerating: a line is not <c>word POS chunk NER</c>.</exception>
    public static IEnumerable<Conll2003Sentence> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        CorpusFile.RequireExists(path, "CoNLL-2003 file");
        return Parse(() => LineReader.Open(path));
    }

    /// <summary>Reads the sentences from a reader, which the caller keeps and disposes; the result can be enumerated once.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="sourceName">A name for error messages and <see cref="Conll2003Sentence.SourceFile"/>, or null.</param>
    public static IEnumerable<Conll2003Sentence> Read(TextReader reader, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse(() => LineReader.Wrap(reader, sourceName));
    }

    private static IEnumerable<Conll2003Sentence> Parse(Func<LineReader> open)
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
        private readonly Range[] columns = new Range[4];
        private readonly List<string> words = [];
        private readonly List<string> partOfSpeech = [];
        private readonly List<string> chunks = [];
        private readonly List<string> entities = [];
        private readonly List<int> lineNumbers = [];

        public bool HasWords => words.Count > 0;

        /// <summary>Adds a word line; returns true when the line ends a sentence that has words.</summary>
        public bool Add(string line)
        {
            var text = line.AsSpan();
            var count = Fields.SplitOnWhitespace(text, columns);
            if (count == 0 || text[columns[0]].SequenceEqual(DocumentStart))
            {
                return HasWords;
            }

            if (count != 4)
            {
                throw lines.Error($"expected 4 columns \"word POS chunk NER\", found {count}");
            }

            var chunk = text[columns[2]];
            var entity = text[columns[3]];
            if (!IobTag.IsWellFormed(chunk))
            {
                throw lines.Error($"chunk tag \"{chunk}\" is not O or a prefix B-, I-, E- or S- followed by a type");
            }

            if (!IobTag.IsWellFormed(entity))
            {
                throw lines.Error($"NER tag \"{entity}\" is not O or a prefix B-, I-, E- or S- followed by a type");
            }

            words.Add(pool.Get(text[columns[0]]));
            partOfSpeech.Add(pool.Get(text[columns[1]]));
            chunks.Add(pool.Get(chunk));
            entities.Add(pool.Get(entity));
            lineNumbers.Add(lines.LineNumber);
            return false;
        }

        public Conll2003Sentence Flush()
        {
            var sentence = new Conll2003Sentence(
                words.ToArray(), partOfSpeech.ToArray(), chunks.ToArray(), entities.ToArray(), lines.SourceName, lineNumbers.ToArray());
            words.Clear();
            partOfSpeech.Clear();
            chunks.Clear();
            entities.Clear();
            lineNumbers.Clear();
            return sentence;
        }
    }
}
