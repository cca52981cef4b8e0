using System;

namespace NlpSymbolic.Data;

/// <summary>Reserved tokens a <see cref="Vocabulary"/> adds besides <c>&lt;unk&gt;</c>, which it has unless <see cref="NoUnknown"/> is set.</summary>
[Flags]
public enum SpecialTokens
{
    /// <summary>Only <c>&lt;unk&gt;</c>.</summary>
    None = 0,

    /// <summary><c>&lt;pad&gt;</c> at index 0, so zero-filled id buffers read as padding.</summary>
    Padding = 1,

    /// <summary><c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c> to pad windows at the start and end of a sentence.</summary>
    SentenceBoundaries = 2,

    /// <summary>
    /// No <c>&lt;unk&gt;</c>: a closed vocabulary, such as the characters of a text read whole, where an unknown entry
    /// would only be one more output class that no target ever has. Looking up a token outside it throws.
    /// </summary>
    NoUnknown = 4,
}
