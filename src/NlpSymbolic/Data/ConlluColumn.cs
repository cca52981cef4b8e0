namespace NlpSymbolic.Data;

/// <summary>The CoNLL-U columns that can serve as a sentence's tags.</summary>
public enum ConlluColumn
{
    /// <summary>Universal part-of-speech tag (column 4, UPOS).</summary>
    UniversalPartOfSpeech,

    /// <summary>Language-specific part-of-speech tag (column 5, XPOS); <c>_</c> when unspecified.</summary>
    LanguagePartOfSpeech,

    /// <summary>Lemma (column 3, LEMMA); <c>_</c> when unspecified.</summary>
    Lemma,
}
