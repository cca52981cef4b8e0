using System;

namespace NlpSymbolic.Data;

/// <summary>How <see cref="Vocabulary.Build(TokenCounts, VocabularyOptions?)"/> chooses and normalises words.</summary>
public sealed class VocabularyOptions
{
    /// <summary>Keep only words seen at least this often (after normalisation); at least 1. Default 1.</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>Keep at most this many words besides the reserved tokens (the most frequent ones); null for no limit.</summary>
    public int? MaxWords { get; init; }

    /// <summary>
    /// Maps a raw word to the form that is counted and looked up, e.g. <see cref="WordNormalizer.LowerCaseAndDigits"/>;
    /// null keeps words as they are. The vocabulary applies it in both <c>Build</c> and <c>IndexOf</c>.
    /// </summary>
    public Func<string, string>? Normalizer { get; init; }

    /// <summary>Reserved tokens to add besides <c>&lt;unk&gt;</c>. Default none.</summary>
    public SpecialTokens Specials { get; init; }
}
