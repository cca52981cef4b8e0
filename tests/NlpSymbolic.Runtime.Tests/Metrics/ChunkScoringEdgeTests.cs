using System;
using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Data;
using NlpSymbolic.Metrics;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Metrics;

/// <summary>
/// The scorer on the inputs conlleval accepts beyond IOB (IOE and bracket prefixes), at sentence boundaries, and
/// where a rate has a zero denominator.
/// </summary>
public sealed class ChunkScoringEdgeTests
{
    private static string[] Tags(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static ChunkReport Score(params (string Gold, string Predicted)[] sentences) =>
        ChunkEvaluator.Evaluate(sentences.Select(s => Tags(s.Gold)).ToList(), sentences.Select(s => Tags(s.Predicted)).ToList());

    [Fact]
    public void IoeTagsEndAChunkAtE()
    {
        // IOE1: E-NP closes a chunk that is followed by one of the same type.
        Assert.Equal([new Chunk("NP", 0, 2), new Chunk("NP", 2, 4)], Chunk.FindAll(Tags("I-NP E-NP I-NP E-NP")));
        Assert.Equal([new Chunk("NP", 0, 1), new Chunk("NP", 1, 2)], Chunk.FindAll(Tags("E-NP E-NP")));
        Assert.Equal([new Chunk("NP", 1, 2), new Chunk("NP", 2, 3)], Chunk.FindAll(Tags("O E-NP I-NP")));

        ChunkReport report = Score(("I-NP E-NP I-NP E-NP", "I-NP I-NP I-NP I-NP"), ("I-NP E-NP I-NP", "I-NP E-NP I-NP"));
        Assert.Equal(new ChunkScore(Gold: 4, Predicted: 3, Correct: 2), report.Overall);
    }

    [Fact]
    public void BracketTagsMakeChunksOfOneToken()
    {
        Assert.Equal([new Chunk("NP", 0, 1), new Chunk("NP", 2, 3)], Chunk.FindAll(Tags("[-NP I-NP ]-NP")));
        Assert.Equal([new Chunk("NP", 0, 1), new Chunk("NP", 1, 2)], Chunk.FindAll(Tags("]-NP [-NP")));

        ChunkReport report = Score(("[-NP I-NP ]-NP", "[-NP I-NP ]-NP"), ("[-NP ]-NP", "B-NP I-NP"));
        Assert.Equal(new ChunkScore(Gold: 4, Predicted: 3, Correct: 2), report.Overall);
    }

    [Fact]
    public void ASentenceEndClosesAChunkOfTheTypeTheNextSentenceStartsWith()
    {
        ChunkReport report = Score(("O B-PER", "O B-PER"), ("I-PER O", "I-PER O"));
        Assert.Equal(new ChunkScore(Gold: 2, Predicted: 2, Correct: 2), report.Overall);
        Assert.Equal(4, report.Tokens);

        // Run together as one sentence the same tags are one chunk.
        Assert.Equal(new ChunkScore(Gold: 1, Predicted: 1, Correct: 1), Score(("O B-PER I-PER O", "O B-PER I-PER O")).Overall);
    }

    [Fact]
    public void AChunkCorrectUpToTheSentenceEndIsCorrectEvenIfTheNextSentenceDiffers()
    {
        ChunkReport report = Score(("B-PER", "B-PER"), ("I-PER", "I-LOC"));
        Assert.Equal(new ChunkScore(Gold: 2, Predicted: 2, Correct: 1), report.Overall);
        Assert.Equal(new ChunkScore(Gold: 2, Predicted: 1, Correct: 1), report.ByType["PER"]);
        Assert.Equal(new ChunkScore(Gold: 0, Predicted: 1, Correct: 0), report.ByType["LOC"]);
    }

    [Fact]
    public void AChunkLeftOpenByADotTagAtTheEndOfInputCountsAsCorrect()
    {
        // "." neither ends nor starts a chunk, so the chunk is still open when the input ends; conlleval counts it.
        var evaluator = new ChunkEvaluator();
        evaluator.Add(Tags("B-X .-X"), Tags("B-X .-X"));
        ChunkReport report = evaluator.Report();
        Assert.Equal(new ChunkScore(1, 1, 1), report.Overall);
        // conlleval credits it to the type of the last line it read, the blank line that ends the sentence ("").
        Assert.Equal(new ChunkScore(1, 1, 0), report.ByType["X"]);
        Assert.Equal(new ChunkScore(0, 0, 1), report.ByType[""]);

        // The report does not change the running totals.
        Assert.Equal(new ChunkScore(1, 1, 1), evaluator.Report().Overall);
    }

    [Fact]
    public void RecallWithNoGoldChunksIsZeroNotNaN()
    {
        ChunkScore score = Score(("O O", "B-PER O")).Overall;
        Assert.Equal(new ChunkScore(Gold: 0, Predicted: 1, Correct: 0), score);
        Assert.Equal(0.0, score.Recall);
        Assert.Equal(0.0, score.Precision);
        Assert.Equal(0.0, score.F1);
    }

    [Theory]
    [InlineData(4, 2, 1, 50.0, 25.0)]
    [InlineData(2, 4, 1, 25.0, 50.0)]
    [InlineData(1, 1, 1, 100.0, 100.0)]
    [InlineData(3, 0, 0, 0.0, 0.0)]
    [InlineData(0, 3, 0, 0.0, 0.0)]
    public void ScoresArePercentagesOfTheRightDenominators(long gold, long predicted, long correct, double precision, double recall)
    {
        var score = new ChunkScore(gold, predicted, correct);
        Assert.Equal(precision, score.Precision, 12);
        Assert.Equal(recall, score.Recall, 12);
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        Assert.Equal(f1, score.F1, 12);
    }

    [Fact]
    public void TokenAccuracyComparesPrefixAndType()
    {
        ChunkReport report = Score(("B-PER I-PER O B-LOC", "B-PER B-PER O B-ORG"));
        Assert.Equal(4, report.Tokens);
        Assert.Equal(2, report.CorrectTokens);
        Assert.Equal(50.0, report.TokenAccuracy);
        Assert.Equal(0.0, new ChunkEvaluator().Report().TokenAccuracy);
    }

    [Fact]
    public void ResetForgetsAnOpenChunkAndThePreviousTags()
    {
        var evaluator = new ChunkEvaluator();
        evaluator.Add(Tags("B-X .-X"), Tags("B-X .-X"));
        evaluator.Reset();
        Assert.Equal(new ChunkScore(0, 0, 0), evaluator.Report().Overall);
        Assert.Empty(evaluator.Report().ByType);
        Assert.Equal(0, evaluator.Report().CorrectTokens);
    }

    [Fact]
    public void ATagIndexSentenceEndsItsLastChunkBeforeTheNextSentence()
    {
        // IOB1: the second sentence's I-PER would continue the first one's chunk if the sentence did not end it.
        TagSet tags = TagSet.FromTags(["O", "I-PER"]);
        var evaluator = new ChunkEvaluator();

        evaluator.Add([0, 1], [0, 1], tags);
        evaluator.Add([1, 0], [1, 0], tags);

        Assert.Equal(new ChunkScore(Gold: 2, Predicted: 2, Correct: 2), evaluator.Report().Overall);
    }

    [Fact]
    public void AnotherTagSetIsReadWithItsOwnIndices()
    {
        var evaluator = new ChunkEvaluator();
        TagSet first = TagSet.FromTags(["O", "B-PER", "I-PER"]);
        TagSet second = TagSet.FromTags(["O", "B-PER", "I-PER", "B-LOC"]);
        int[] Encode(TagSet set, string tags) => Tags(tags).Select(set.IndexOf).ToArray();

        evaluator.Add(Encode(first, "B-PER I-PER O"), Encode(first, "B-PER I-PER O"), first);
        evaluator.Add(Encode(second, "B-LOC O B-PER"), Encode(second, "B-LOC O B-PER"), second);
        evaluator.Add(Encode(first, "O B-PER"), Encode(first, "O B-PER"), first);
        ChunkReport report = evaluator.Report();
        Assert.Equal(new ChunkScore(Gold: 4, Predicted: 4, Correct: 4), report.Overall);
        Assert.Equal(new ChunkScore(1, 1, 1), report.ByType["LOC"]);
        Assert.Equal(8, report.CorrectTokens);
    }
}
