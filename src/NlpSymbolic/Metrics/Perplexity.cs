using System;

namespace NlpSymbolic.Metrics;

/// <summary>Perplexity of a language model from its summed negative log-likelihood.</summary>
public static class Perplexity
{
    /// <summary>
    /// exp(<paramref name="negativeLogLikelihood"/> / <paramref name="tokenCount"/>), where the sum is in nats
    /// (natural log, as cross-entropy losses are) over every predicted token, end-of-sentence tokens included if the model predicts them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive, or the sum is negative, infinite or NaN.</exception>
    public static double FromNegativeLogLikelihood(double negativeLogLikelihood, long tokenCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tokenCount, 1);
        CheckLoss(negativeLogLikelihood);
        return Math.Exp(negativeLogLikelihood / tokenCount);
    }

    internal static void CheckLoss(double negativeLogLikelihood)
    {
        // A probability is at most 1, so a negative NLL (or NaN) means the caller summed log-likelihoods or a loss diverged.
        if (!(negativeLogLikelihood >= 0) || double.IsPositiveInfinity(negativeLogLikelihood))
        {
            throw new ArgumentOutOfRangeException(nameof(negativeLogLikelihood), negativeLogLikelihood,
                "a negative log-likelihood must be finite and at least 0 (is it a log-likelihood with the wrong sign?)");
        }
    }
}
