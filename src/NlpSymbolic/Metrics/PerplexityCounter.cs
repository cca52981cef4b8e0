using System;

namespace NlpSymbolic.Metrics;

/// <summary>Accumulates negative log-likelihood (nats) and token counts over an evaluation pass.</summary>
public sealed class PerplexityCounter
{
    /// <summary>The summed negative log-likelihood in nats.</summary>
    public double NegativeLogLikelihood { get; private set; }

    /// <summary>The number of predicted tokens.</summary>
    public long Tokens { get; private set; }

    /// <summary>Mean negative log-likelihood per token in nats (the cross-entropy).</summary>
    /// <exception cref="InvalidOperationException">No tokens were added.</exception>
    public double CrossEntropy => Tokens > 0 ? NegativeLogLikelihood / Tokens : throw NoTokens();

    /// <summary>Mean negative log-likelihood per token in bits (bits per character for a character model).</summary>
    /// <exception cref="InvalidOperationException">No tokens were added.</exception>
    public double BitsPerToken => CrossEntropy / Math.Log(2);

    /// <summary>exp(<see cref="CrossEntropy"/>).</summary>
    /// <exception cref="InvalidOperationException">No tokens were added.</exception>
    public double Perplexity => Math.Exp(CrossEntropy);

    /// <summary>Adds the negative log-likelihood (nats) of <paramref name="tokens"/> predicted tokens.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The loss is negative, infinite or NaN, or the count is negative.</exception>
    public void Add(double negativeLogLikelihood, long tokens = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        Metrics.Perplexity.CheckLoss(negativeLogLikelihood);
        NegativeLogLikelihood += negativeLogLikelihood;
        Tokens += tokens;
    }

    /// <summary>Starts again from zero.</summary>
    public void Reset()
    {
        NegativeLogLikelihood = 0;
        Tokens = 0;
    }

    private static InvalidOperationException NoTokens() => new("perplexity is undefined before any token has been added");
}
