namespace NlpSymbolic.Data;

/// <summary>
/// The capitalisation feature of Collobert et al. (2011): the case pattern a lower-cased vocabulary throws away.
/// The numeric values 0–4 are stable and can index an embedding table of <see cref="CapitalizationFeature.Count"/> rows.
/// </summary>
public enum Capitalization
{
    /// <summary>0: has lower-case letters and no upper-case ones ("the", "1st").</summary>
    AllLower = 0,

    /// <summary>1: starts with an upper-case letter and has no other ("Paris", "Mr.", "I").</summary>
    FirstUpper = 1,

    /// <summary>2: has upper-case letters and no lower-case ones, more than one character or not at the start ("USA", "U.S.", "3M").</summary>
    AllUpper = 2,

    /// <summary>3: mixes cases in another way ("iPhone", "McDonald").</summary>
    HasUpper = 3,

    /// <summary>4: no cased letters at all (digits, punctuation, scripts without case).</summary>
    Other = 4,
}
