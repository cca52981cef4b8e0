using System;
using NlpSymbolic.Data;
using NlpSymbolic.Metrics;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Metrics;

/// <summary>Bad arguments to the metrics are refused with an exception that says what is wrong.</summary>
public sealed class MetricsArgumentTests
{
    [Fact]
    public void MismatchedLengthsNameBothCounts()
    {
        var accuracy = Assert.Throws<ArgumentException>(() => new AccuracyCounter().Add(new[] { "A" }, Array.Empty<string>()));
        Assert.Contains("one prediction per gold label is needed: 1 gold but 0 predicted", accuracy.Message);
        Assert.Equal("predicted", accuracy.ParamName);

        var sentence = Assert.Throws<ArgumentException>(() => new ChunkEvaluator().Add(new[] { "O", "O" }, new[] { "O" }));
        Assert.Contains("a sentence needs one predicted tag per gold tag: 2 gold but 1 predicted", sentence.Message);

        var sentences = Assert.Throws<ArgumentException>(() => ChunkEvaluator.Evaluate(new[] { new[] { "O" } }, Array.Empty<string[]>()));
        Assert.Contains("1 gold sentences but 0 predicted", sentences.Message);
    }

    [Fact]
    public void TagIndicesOfDifferentLengthsOrWithoutATagSetAreRefused()
    {
        TagSet tags = TagSet.FromTags(["O", "B-PER"]);
        var evaluator = new ChunkEvaluator();
        Assert.Throws<ArgumentException>(() => evaluator.Add([0, 1], [0], tags));
        Assert.Throws<ArgumentNullException>(() => evaluator.Add([0], [0], null!));
        Assert.Equal(0, evaluator.Report().Tokens);
    }

    [Fact]
    public void NullsAreRefusedAsNulls()
    {
        Assert.Throws<ArgumentNullException>(() => ChunkEvaluator.Evaluate(null!, Array.Empty<string[]>()));
        Assert.Throws<ArgumentNullException>(() => ChunkEvaluator.Evaluate(Array.Empty<string[]>(), null!));
        Assert.Throws<ArgumentNullException>(() => new ChunkEvaluator().Add(new[] { "O", null! }, new[] { "O", "O" }));
        Assert.Throws<ArgumentNullException>(() => Chunk.FindAll(new[] { "B-PER", null! }));
    }

    [Fact]
    public void TagIndicesCloseAChunkAtTheSentenceEnd()
    {
        TagSet tags = TagSet.FromTags(["O", "B-PER", "I-PER"]);
        var evaluator = new ChunkEvaluator();
        evaluator.Add([0, 1], [0, 1], tags);
        evaluator.Add([2, 0], [2, 0], tags);
        Assert.Equal(new ChunkScore(Gold: 2, Predicted: 2, Correct: 2), evaluator.Report().Overall);
    }

    [Fact]
    public void AChunkKnowsItsLength()
    {
        Assert.Equal(3, new Chunk("PER", 2, 5).Length);
        Assert.Equal(1, new Chunk("PER", 0, 1).Length);
    }

    [Fact]
    public void AnEmptyReportPrintsNoRatesLine()
    {
        Assert.Equal("processed 0 tokens with 0 phrases; found: 0 phrases; correct: 0.\n", new ChunkEvaluator().Report().ToString());
    }

    [Fact]
    public void PerplexityErrorsSayWhatIsWrong()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => Perplexity.FromNegativeLogLikelihood(-1, 1));
        Assert.Contains("a negative log-likelihood must be finite and at least 0", negative.Message);
        var empty = Assert.Throws<InvalidOperationException>(() => new PerplexityCounter().Perplexity);
        Assert.Contains("undefined before any token has been added", empty.Message);
    }
}
