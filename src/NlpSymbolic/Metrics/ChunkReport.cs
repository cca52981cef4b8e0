using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NlpSymbolic.Metrics;

/// <summary>
/// The result of a <see cref="ChunkEvaluator"/>: the numbers conlleval.pl prints. All rates are percentages (0–100).
/// <see cref="ToString"/> prints them in conlleval's layout.
/// </summary>
public sealed class ChunkReport
{
    internal ChunkReport(long tokens, long correctTokens, ChunkScore overall, SortedDictionary<string, ChunkScore> byType)
    {
        Tokens = tokens;
        CorrectTokens = correctTokens;
        Overall = overall;
        ByType = byType;
    }

    /// <summary>Tokens scored (sentence boundaries are not tokens).</summary>
    public long Tokens { get; }

    /// <summary>Tokens whose predicted tag equals the gold tag (prefix and type).</summary>
    public long CorrectTokens { get; }

    /// <summary>100 · correct tokens / tokens, including <c>O</c> tokens as conlleval does; 0 when there are no tokens.</summary>
    public double TokenAccuracy => Tokens > 0 ? 100.0 * CorrectTokens / Tokens : 0.0;

    /// <summary>Chunk counts and scores over all types.</summary>
    public ChunkScore Overall { get; }

    /// <summary>Chunk counts and scores per type (PER, LOC, …), iterated in ordinal order of the type.</summary>
    public IReadOnlyDictionary<string, ChunkScore> ByType { get; }

    /// <summary>The report in conlleval.pl's text layout, with invariant-culture numbers.</summary>
    /// <remarks>
    /// Byte-for-byte conlleval's output, except that conlleval prints the row of the empty type (from tags
    /// without a hyphen, such as <c>B</c>) twice when both gold and predicted chunks have it; it appears once here.
    /// </remarks>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"processed {Tokens} tokens with {Overall.Gold} phrases; found: {Overall.Predicted} phrases; correct: {Overall.Correct}.\n");
        if (Tokens > 0)
        {
            text.Append(c, $"accuracy: {TokenAccuracy,6:F2}%; precision: {Overall.Precision,6:F2}%; recall: {Overall.Recall,6:F2}%; FB1: {Overall.F1,6:F2}\n");
        }

        foreach (var (type, score) in ByType)
        {
            text.Append(c, $"{type,17}: precision: {score.Precision,6:F2}%; recall: {score.Recall,6:F2}%; FB1: {score.F1,6:F2}  {score.Predicted}\n");
        }

        return text.ToString();
    }
}
