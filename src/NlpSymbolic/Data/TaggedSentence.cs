using System;
using System.Text;

namespace NlpSymbolic.Data;

/// <summary>
/// A sentence as parallel arrays of words and tags, the common shape every reader can produce.
/// The arrays are shared, not copied: treat them as read-only.
/// </summary>
public sealed class TaggedSentence
{
    /// <summary>Creates a sentence from parallel arrays of the same length.</summary>
    /// <param name="words">The tokens.</param>
    /// <param name="tags">One tag per token.</param>
    /// <param name="sourceFile">The file the sentence was read from, if any (used in error messages).</param>
    /// <param name="sourceLines">The 1-based line of each token in <paramref name="sourceFile"/>, if known.</param>
    public TaggedSentence(string[] words, string[] tags, string? sourceFile = null, int[]? sourceLines = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(tags);
        if (words.Length != tags.Length)
        {
            throw new ArgumentException($"a sentence needs one tag per word: {words.Length} words but {tags.Length} tags", nameof(tags));
        }

        if (sourceLines is not null && sourceLines.Length != words.Length)
        {
            throw new ArgumentException($"a sentence needs one source line per word: {words.Length} words but {sourceLines.Length} lines", nameof(sourceLines));
        }

        Words = words;
        Tags = tags;
        SourceFile = sourceFile;
        SourceLines = sourceLines;
    }

    /// <summary>The tokens.</summary>
    public string[] Words { get; }

    /// <summary>One tag per token.</summary>
    public string[] Tags { get; }

    /// <summary>The number of tokens.</summary>
    public int Count => Words.Length;

    /// <summary>The file the sentence came from, or null when read from an unnamed reader or built in code.</summary>
    public string? SourceFile { get; }

    /// <summary>The 1-based line of each token, or null when not known.</summary>
    public int[]? SourceLines { get; }

    /// <summary>The 1-based line of token <paramref name="index"/>, or 0 when not known.</summary>
    public int LineOf(int index) => SourceLines is null ? 0 : SourceLines[index];

    /// <summary>Deconstructs into the word and tag arrays.</summary>
    public void Deconstruct(out string[] words, out string[] tags)
    {
        words = Words;
        tags = Tags;
    }

    /// <summary>The sentence as <c>word/tag</c> pairs separated by spaces (the Brown corpus layout).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Words.Length; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(Words[i]).Append('/').Append(Tags[i]);
        }

        return text.ToString();
    }
}
