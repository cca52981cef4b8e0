using System;
using NlpSymbolic.Metrics;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Metrics;

public sealed class AccuracyAndPerplexityTests
{
    [Fact]
    public void AccuracyCountsMatchesInPercent()
    {
        var accuracy = new AccuracyCounter();

        accuracy.Add(new[] { 1, 2, 3, 4 }, new[] { 1, 0, 3, 4 });
        accuracy.Add(new[] { "NN", "VB" }, new[] { "NN", "NNS" });
        accuracy.Add(true);

        Assert.Equal(5, accuracy.Correct);
        Assert.Equal(7, accuracy.Total);
        Assert.Equal(500.0 / 7, accuracy.Accuracy, 12);
        Assert.Throws<ArgumentException>(() => accuracy.Add(new[] { 1 }, new[] { 1, 2 }));
        accuracy.Reset();
        Assert.Equal(0.0, accuracy.Accuracy);
    }

    [Fact]
    public void AUniformModelHasPerplexityEqualToItsVocabularySize()
    {
        // Every token gets probability 1/50: NLL per token ln 50, perplexity 50, log2(50) bits.
        var counter = new PerplexityCounter();
        for (var i = 0; i < 1000; i++)
        {
            counter.Add(Math.Log(50));
        }

        Assert.Equal(50.0, counter.Perplexity, 9);
        Assert.Equal(Math.Log2(50), counter.BitsPerToken, 12);
        Assert.Equal(Math.Log(50), counter.CrossEntropy, 12);
        Assert.Equal(50.0, Perplexity.FromNegativeLogLikelihood(1000 * Math.Log(50), 1000), 9);
    }

    [Fact]
    public void SentenceLossesCanBeAddedWithTheirTokenCounts()
    {
        var counter = new PerplexityCounter();

        counter.Add(6.0, tokens: 3);
        counter.Add(2.0, tokens: 1);

        Assert.Equal(4, counter.Tokens);
        Assert.Equal(Math.Exp(2.0), counter.Perplexity, 12);
    }

    [Fact]
    public void InvalidInputsAreRejected()
    {
        var counter = new PerplexityCounter();

        Assert.Throws<InvalidOperationException>(() => counter.Perplexity);
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(-0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(1.0, tokens: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Perplexity.FromNegativeLogLikelihood(1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Perplexity.FromNegativeLogLikelihood(-1.0, 10));
    }
}
