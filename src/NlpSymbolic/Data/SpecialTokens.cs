using System;

namespace NlpSymbolic.Data;

/// <summary>Reserved tokens a <see cref="Vocabulary"/> adds besides <c>&lt;unk&gt;</c>, which it always has.</summary>
[Flags]
public enum SpecialTokens
{
    /// <summary>Only <c>&lt;unk&gt;</c>.</summary>
    None = 0,

    /// <summary><c>&lt;pad&gt;</c> at index 0, so zero-filled id buffers read as padding.</summary>
    Padding = 1,

    /// <summary><c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c> to pad windows at the start and end of a sentence.</summary>
    SentenceBoundaries = 2,
}
