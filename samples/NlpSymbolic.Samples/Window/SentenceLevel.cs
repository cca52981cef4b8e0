using MathNet.Numerics.LinearAlgebra;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Samples.Window;

/// <summary>
/// Sentence-level log-likelihood (Collobert et al. 2011, §3.4.2) over a matrix of network scores: F[i, t] is
/// the score of tag i at word t (K × T), A[0, j] the score of starting with tag j and A[i + 1, j] the score of
/// tag j following tag i ((K + 1) × K). A path's score is Σ_t A[i_{t−1}, i_t] + F[i_t, t]; the loss is the
/// log-sum over every path (the forward algorithm) minus the gold path's score. The generator writes the
/// backward; <see cref="Viterbi"/> decodes with the same scores.
/// </summary>
public static partial class SentenceLevel
{
    /// <summary>−log p(gold path) = logadd over all paths of their score − the gold path's score.</summary>
    [Differentiable]
    public static double Loss(Matrix<double> F, Matrix<double> A, int[] tags)
    {
        var K = F.RowCount;
        // delta[j]: log-sum of the scores of every path over words 0 … t that ends in tag j.
        var delta = A.Row(0) + F.Column(0);
        var gold = A[0, tags[0]] + F[tags[0], 0];
        for (var t = 1; t < tags.Length; t++)
        {
            var next = F.Column(t);
            for (var j = 0; j < K; j++)
            {
                next += LogSumExp(delta + A.Column(j).SubVector(1, K)) * OneHot(K, j);
            }

            delta = next;
            gold += A[tags[t - 1] + 1, tags[t]] + F[tags[t], t];
        }

        return LogSumExp(delta) - gold;
    }

    /// <summary>
    /// The best-scoring tag path (Viterbi): the max-sum version of the forward algorithm with back-pointers.
    /// <paramref name="scores"/> holds F column-major (word t's K scores at t·K), <paramref name="transitions"/>
    /// A column-major ((K + 1) × K, row 0 the start).
    /// </summary>
    public static int[] Viterbi(ReadOnlySpan<double> scores, ReadOnlySpan<double> transitions, int tagCount)
    {
        var K = tagCount;
        var T = scores.Length / K;
        var path = new int[T];
        if (T == 0)
        {
            return path;
        }

        var back = new int[T * K];
        var delta = new double[K];
        var next = new double[K];
        for (var j = 0; j < K; j++)
        {
            delta[j] = transitions[j * (K + 1)] + scores[j];
        }

        for (var t = 1; t < T; t++)
        {
            for (var j = 0; j < K; j++)
            {
                var column = transitions.Slice(j * (K + 1) + 1, K);
                var best = 0;
                var bestScore = double.NegativeInfinity;
                for (var i = 0; i < K; i++)
                {
                    var s = delta[i] + column[i];
                    if (s > bestScore)
                    {
                        (best, bestScore) = (i, s);
                    }
                }

                back[t * K + j] = best;
                next[j] = bestScore + scores[t * K + j];
            }

            (delta, next) = (next, delta);
        }

        path[T - 1] = Array.IndexOf(delta, delta.Max());
        for (var t = T - 1; t > 0; t--)
        {
            path[t - 1] = back[t * K + path[t]];
        }

        return path;
    }

    /// <summary>The score of one tag path (what the loss subtracts for the gold path), for tests and reports.</summary>
    public static double PathScore(Matrix<double> F, Matrix<double> A, IReadOnlyList<int> tags)
    {
        var score = A[0, tags[0]] + F[tags[0], 0];
        for (var t = 1; t < tags.Count; t++)
        {
            score += A[tags[t - 1] + 1, tags[t]] + F[tags[t], t];
        }

        return score;
    }
}
