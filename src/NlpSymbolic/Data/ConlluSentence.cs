using System;

namespace NlpSymbolic.Data;

/// <summary>
/// A CoNLL-U sentence reduced to its syntactic words (multiword-token ranges and empty nodes are left out)
/// with FORM, LEMMA, UPOS and XPOS. CoNLL-U writes <c>_</c> for an unspecified value; it is kept as is.
/// </summary>
public sealed class ConlluSentence
{
    /// <summary>Creates a sentence from parallel arrays of the same length.</summary>
    /// <param name="words">FORM of each word.</param>
    /// <param name="lemmas">LEMMA of each word.</param>
    /// <param name="universalTags">UPOS of each word.</param>
    /// <param name="languageTags">XPOS of each word.</param>
    /// <param name="sentenceId">The <c># sent_id</c> comment, if any.</param>
    /// <param name="text">The <c># text</c> comment, if any.</param>
    /// <param name="sourceFile">The file the sentence came from, if any.</param>
    /// <param name="sourceLines">The 1-based line of each word, if known.</param>
    public ConlluSentence(
        string[] words, string[] lemmas, string[] universalTags, string[] languageTags,
        string? sentenceId = null, string? text = null, string? sourceFile = null, int[]? sourceLines = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(lemmas);
        ArgumentNullException.ThrowIfNull(universalTags);
        ArgumentNullException.ThrowIfNull(languageTags);
        if (lemmas.Length != words.Length || universalTags.Length != words.Length || languageTags.Length != words.Length
            || (sourceLines is not null && sourceLines.Length != words.Length))
        {
            throw new ArgumentException("every column of a CoNLL-U sentence needs one entry per word");
        }

        Words = words;
        Lemmas = lemmas;
        UniversalTags = universalTags;
        LanguageTags = languageTags;
        SentenceId = sentenceId;
        Text = text;
        SourceFile = sourceFile;
        SourceLines = sourceLines;
    }

    /// <summary>FORM: the syntactic words (so "don't" appears as "do" and "n't").</summary>
    public string[] Words { get; }

    /// <summary>LEMMA of each word.</summary>
    public string[] Lemmas { get; }

    /// <summary>UPOS: universal part-of-speech tag of each word.</summary>
    public string[] UniversalTags { get; }

    /// <summary>XPOS: language-specific part-of-speech tag of each word (<c>_</c> when the treebank has none).</summary>
    public string[] LanguageTags { get; }

    /// <summary>The value of the <c># sent_id = …</c> comment, or null.</summary>
    public string? SentenceId { get; }

    /// <summary>The value of the <c># text = …</c> comment (the surface text), or null.</summary>
    public string? Text { get; }

    /// <summary>The number of syntactic words.</summary>
    public int Count => Words.Length;

    /// <summary>The file the sentence came from, or null.</summary>
    public string? SourceFile { get; }

    /// <summary>The 1-based line of each word, or null when not known.</summary>
    public int[]? SourceLines { get; }

    /// <summary>The words with one column as tags; the arrays are shared, not copied.</summary>
    public TaggedSentence ToTaggedSentence(ConlluColumn column = ConlluColumn.UniversalPartOfSpeech) => new(
        Words,
        column switch
        {
            ConlluColumn.UniversalPartOfSpeech => UniversalTags,
            ConlluColumn.LanguagePartOfSpeech => LanguageTags,
            ConlluColumn.Lemma => Lemmas,
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a CoNLL-U tag column"),
        },
        SourceFile,
        SourceLines);
}
