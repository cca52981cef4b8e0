using System;

namespace NlpSymbolic.Data;

/// <summary>Shape check for chunk tags at read time; the scorer itself accepts anything, like conlleval.</summary>
internal static class IobTag
{
    /// <summary><c>O</c>, or one of <c>B I E S</c>, a hyphen and a non-empty type.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> tag) =>
        (tag.Length == 1 && tag[0] == 'O')
        || (tag.Length > 2 && tag[1] == '-' && tag[0] is 'B' or 'I' or 'E' or 'S');
}
