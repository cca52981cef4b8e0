using static NlpSymbolic.Metrics.ChunkPrefix;

namespace NlpSymbolic.Metrics;

/// <summary>
/// conlleval.pl's <c>startOfChunk</c> and <c>endOfChunk</c>, transcribed rule for rule (version 2004-01-26),
/// including the IOE (<c>E</c>) and bracket (<c>[</c> <c>]</c>) representations it also accepts.
/// </summary>
/// <remarks>
/// These two functions are what make one scorer serve IOB1 and IOB2: <c>I-X</c> after <c>O</c> or after another
/// type starts a chunk, <c>B-X</c> always starts one, and any type change ends one.
/// </remarks>
internal static class ConllevalRules
{
    /// <summary>Whether a chunk ended between the previous and the current token.</summary>
    public static bool EndOfChunk(in ConllTag previous, in ConllTag current)
    {
        var p = previous.Kind;
        var t = current.Kind;
        var end =
            (p == Begin && t == Begin) ||
            (p == Begin && t == Outside) ||
            (p == Inside && t == Begin) ||
            (p == Inside && t == Outside) ||
            (p == End && t == End) ||
            (p == End && t == Inside) ||
            (p == End && t == Outside);

        if (p != Outside && p != Dot && !string.Equals(previous.Type, current.Type, System.StringComparison.Ordinal))
        {
            end = true;
        }

        // "corrected 1998-12-22: these chunks are assumed to have length 1"
        return end || p == Close || p == Open;
    }

    /// <summary>Whether a chunk started between the previous and the current token.</summary>
    public static bool StartOfChunk(in ConllTag previous, in ConllTag current)
    {
        var p = previous.Kind;
        var t = current.Kind;
        var start =
            (p == Begin && t == Begin) ||
            (p == Inside && t == Begin) ||
            (p == Outside && t == Begin) ||
            (p == Outside && t == Inside) ||
            (p == End && t == End) ||
            (p == End && t == Inside) ||
            (p == Outside && t == End);

        if (t != Outside && t != Dot && !string.Equals(previous.Type, current.Type, System.StringComparison.Ordinal))
        {
            start = true;
        }

        return start || t == Open || t == Close;
    }
}
