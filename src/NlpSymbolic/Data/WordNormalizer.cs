using System;

namespace NlpSymbolic.Data;

/// <summary>
/// Ready-made word normalisers for <see cref="VocabularyOptions.Normalizer"/>. Each returns its argument
/// unchanged (no allocation) when there is nothing to change.
/// </summary>
public static class WordNormalizer
{
    /// <summary>Lower-cases with the invariant culture, so results do not depend on the machine's locale.</summary>
    public static readonly Func<string, string> LowerCase = word => word.ToLowerInvariant();

    /// <summary>
    /// Replaces every ASCII digit with <c>0</c> ("1996" and "2003" become "0000"), as Collobert et al. (2011) do,
    /// so numbers of the same shape share one embedding.
    /// </summary>
    public static readonly Func<string, string> Digits = ReplaceDigits;

    /// <summary><see cref="LowerCase"/> then <see cref="Digits"/>.</summary>
    public static readonly Func<string, string> LowerCaseAndDigits = word => ReplaceDigits(word.ToLowerInvariant());

    private static string ReplaceDigits(string word)
    {
        var first = word.AsSpan().IndexOfAnyInRange('1', '9');
        if (first < 0)
        {
            return word;
        }

        return string.Create(word.Length, (word, first), static (destination, state) =>
        {
            state.word.AsSpan().CopyTo(destination);
            for (var i = state.first; i < destination.Length; i++)
            {
                if (char.IsAsciiDigit(destination[i]))
                {
                    destination[i] = '0';
                }
            }
        });
    }
}
