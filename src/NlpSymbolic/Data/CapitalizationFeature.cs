using System;

namespace NlpSymbolic.Data;

/// <summary>Computes the <see cref="Capitalization"/> of a word, to feed next to a lower-cased word id.</summary>
public static class CapitalizationFeature
{
    /// <summary>The number of distinct values (the embedding table's row count).</summary>
    public const int Count = 5;

    /// <summary>
    /// The case pattern of <paramref name="word"/>, checked in order: no cased letter → Other; no upper-case →
    /// AllLower; only the first character upper-case → FirstUpper; no lower-case → AllUpper; else HasUpper.
    /// </summary>
    public static Capitalization Of(ReadOnlySpan<char> word)
    {
        var upper = 0;
        var lower = 0;
        foreach (var c in word)
        {
            if (char.IsUpper(c))
            {
                upper++;
            }
            else if (char.IsLower(c))
            {
                // Stryker disable once Update : only whether a lower-case letter was seen is read (lower == 0)
                lower++;
            }
        }

        if (upper == 0)
        {
            return lower == 0 ? Capitalization.Other : Capitalization.AllLower;
        }

        if (upper == 1 && char.IsUpper(word[0]))
        {
            return Capitalization.FirstUpper;
        }

        return lower == 0 ? Capitalization.AllUpper : Capitalization.HasUpper;
    }
}
