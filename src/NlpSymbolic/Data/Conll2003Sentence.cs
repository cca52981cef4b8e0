using System;

namespace NlpSymbolic.Data;

/// <summary>
/// A CoNLL-2003 sentence: words with their part-of-speech, chunk and named-entity tags. The tag arrays are
/// IOB1 as found in the original files (<c>I-TYPE</c> inside, <c>B-TYPE</c> only between two adjacent
/// entities of the same type).
/// </summary>
public sealed class Conll2003Sentence
{
    /// <summary>Creates a sentence from parallel arrays of the same length.</summary>
    /// <param name="words">Column 1.</param>
    /// <param name="partOfSpeechTags">Column 2.</param>
    /// <param name="chunkTags">Column 3.</param>
    /// <param name="entityTags">Column 4.</param>
    /// <param name="sourceFile">The file the sentence came from, if any.</param>
    /// <param name="sourceLines">The 1-based line of each token, if known.</param>
    public Conll2003Sentence(
        string[] words, string[] partOfSpeechTags, string[] chunkTags, string[] entityTags,
        string? sourceFile = null, int[]? sourceLines = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(partOfSpeechTags);
        ArgumentNullException.ThrowIfNull(chunkTags);
        ArgumentNullException.ThrowIfNull(entityTags);
        if (partOfSpeechTags.Length != words.Length || chunkTags.Length != words.Length || entityTags.Length != words.Length
            || (sourceLines is not null && sourceLines.Length != words.Length))
        {
            throw new ArgumentException("every column of a CoNLL-2003 sentence needs one entry per word");
        }

        Words = words;
        PartOfSpeechTags = partOfSpeechTags;
        ChunkTags = chunkTags;
        EntityTags = entityTags;
        SourceFile = sourceFile;
        SourceLines = sourceLines;
    }

    /// <summary>The tokens (column 1).</summary>
    public string[] Words { get; }

    /// <summary>Part-of-speech tags (column 2).</summary>
    public string[] PartOfSpeechTags { get; }

    /// <summary>Chunk tags in IOB1 (column 3).</summary>
    public string[] ChunkTags { get; }

    /// <summary>Named-entity tags in IOB1 (column 4).</summary>
    public string[] EntityTags { get; }

    /// <summary>The number of tokens.</summary>
    public int Count => Words.Length;

    /// <summary>The file the sentence came from, or null.</summary>
    public string? SourceFile { get; }

    /// <summary>The 1-based line of each token, or null when not known.</summary>
    public int[]? SourceLines { get; }

    /// <summary>The words with one tag column; the arrays are shared, not copied.</summary>
    public TaggedSentence ToTaggedSentence(Conll2003Column column = Conll2003Column.NamedEntity) => new(
        Words,
        column switch
        {
            Conll2003Column.PartOfSpeech => PartOfSpeechTags,
            Conll2003Column.Chunk => ChunkTags,
            Conll2003Column.NamedEntity => EntityTags,
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a CoNLL-2003 tag column"),
        },
        SourceFile,
        SourceLines);
}
