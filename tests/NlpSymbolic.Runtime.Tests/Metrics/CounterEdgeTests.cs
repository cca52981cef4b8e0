using System;
using NlpSymbolic.Metrics;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Metrics;

/// <summary>Accuracy and perplexity at the edges: zero loss, uneven counts, resets.</summary>
public sealed class CounterEdgeTests
{
    [Fact]
    public void AZeroLossIsAPerplexityOfOne()
    {
        var counter = new PerplexityCounter();
        counter.Add(0.0, tokens: 5);
        Assert.Equal(1.0, counter.Perplexity);
        Assert.Equal(0.0, counter.CrossEntropy);
        Assert.Equal(0.0, counter.BitsPerToken);
        Assert.Equal(1.0, Perplexity.FromNegativeLogLikelihood(0.0, 5));
        Assert.Equal(Math.E, Perplexity.FromNegativeLogLikelihood(1.0, 1), 14);
    }

    [Fact]
    public void ZeroTokensAddTheirLossWithoutCountingAndResetStartsOver()
    {
        var counter = new PerplexityCounter();
        counter.Add(2.0, tokens: 0);
        Assert.Equal(0, counter.Tokens);
        Assert.Equal(2.0, counter.NegativeLogLikelihood);
        Assert.Throws<InvalidOperationException>(() => counter.CrossEntropy);
        counter.Add(2.0, tokens: 2);
        Assert.Equal(2.0, counter.CrossEntropy);
        counter.Reset();
        Assert.Equal(0, counter.Tokens);
        Assert.Equal(0.0, counter.NegativeLogLikelihood);
        Assert.Throws<InvalidOperationException>(() => counter.BitsPerToken);
    }

    [Fact]
    public void AccuracyCountsOnlyMatchesWhenMostAreRight()
    {
        // 3 of 4 right: a count of mismatches (1) or of everything (4) would differ.
        var accuracy = new AccuracyCounter();
        accuracy.Add(new[] { 1, 2, 3, 4 }, new[] { 1, 2, 3, 0 });
        Assert.Equal(3, accuracy.Correct);
        accuracy.Add(new[] { "A", "B", "C", "D" }, new[] { "A", "B", "X", "D" });
        Assert.Equal(6, accuracy.Correct);
        accuracy.Add(false);
        Assert.Equal(6, accuracy.Correct);
        Assert.Equal(9, accuracy.Total);
        Assert.Equal(600.0 / 9, accuracy.Accuracy, 12);
        Assert.Throws<ArgumentException>(() => accuracy.Add(new[] { "A" }, Array.Empty<string>()));
        Assert.Equal(9, accuracy.Total);
        accuracy.Reset();
        Assert.Equal(0, accuracy.Correct);
        Assert.Equal(0, accuracy.Total);
    }
}
