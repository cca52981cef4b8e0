namespace NlpSymbolic.Data;

/// <summary>The tag columns of a CoNLL-2003 file (the first column is the word).</summary>
public enum Conll2003Column
{
    /// <summary>Penn Treebank part-of-speech tag (column 2).</summary>
    PartOfSpeech,

    /// <summary>Syntactic chunk tag, IOB1 (column 3).</summary>
    Chunk,

    /// <summary>Named-entity tag, IOB1 (column 4).</summary>
    NamedEntity,
}
