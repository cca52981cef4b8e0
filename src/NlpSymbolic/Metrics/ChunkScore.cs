namespace NlpSymbolic.Metrics;

/// <summary>
/// Chunk counts and the scores conlleval prints for them. Precision, recall and F1 are percentages (0–100),
/// as in conlleval's output, and are 0 when their denominator is 0 (no predicted or no gold chunks).
/// </summary>
/// <param name="Gold">Chunks in the gold tags (conlleval's "phrases").</param>
/// <param name="Predicted">Chunks in the predicted tags (conlleval's "found").</param>
/// <param name="Correct">Predicted chunks with the same start, end and type as a gold chunk.</param>
public readonly record struct ChunkScore(long Gold, long Predicted, long Correct)
{
    /// <summary>100 · correct / predicted, or 0 when nothing was predicted.</summary>
    public double Precision => Predicted > 0 ? 100.0 * Correct / Predicted : 0.0;

    /// <summary>100 · correct / gold, or 0 when there are no gold chunks.</summary>
    public double Recall => Gold > 0 ? 100.0 * Correct / Gold : 0.0;

    /// <summary>Harmonic mean of <see cref="Precision"/> and <see cref="Recall"/> in percent (conlleval's FB1), 0 when both are 0.</summary>
    public double F1
    {
        get
        {
            // Computed from the percentages, as conlleval does, so the last digit matches its output.
            var precision = Precision;
            var recall = Recall;
            return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        }
    }
}
