using System;
using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Data;
using NlpSymbolic.Metrics;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Metrics;

public sealed class ChunkEvaluatorTests
{
    private static string[] Tags(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static ChunkReport Score(params (string Gold, string Predicted)[] sentences) =>
        ChunkEvaluator.Evaluate(sentences.Select(s => Tags(s.Gold)).ToList(), sentences.Select(s => Tags(s.Predicted)).ToList());

    [Fact]
    public void Iob1EntitiesStartWithI()
    {
        var report = Score(("I-PER I-PER O I-LOC", "I-PER I-PER O I-LOC"));

        Assert.Equal(new ChunkScore(Gold: 2, Predicted: 2, Correct: 2), report.Overall);
        Assert.Equal(100.0, report.Overall.F1);
        Assert.Equal(100.0, report.TokenAccuracy);
    }

    [Fact]
    public void BSeparatesAdjacentEntitiesOfTheSameType()
    {
        // Gold: PER[0,2) PER[2,3). Merging them is wrong on both; splitting all three gets the second.
        var merged = Score(("I-PER I-PER B-PER O", "I-PER I-PER I-PER O"));
        var split = Score(("I-PER I-PER B-PER O", "I-PER B-PER B-PER O"));

        Assert.Equal(new ChunkScore(2, 1, 0), merged.Overall);
        Assert.Equal(new ChunkScore(2, 3, 1), split.Overall);
        Assert.Equal(100.0 / 3, split.Overall.Precision, 12);
        Assert.Equal(50.0, split.Overall.Recall, 12);
        Assert.Equal(40.0, split.Overall.F1, 12);
    }

    [Fact]
    public void ATypeChangeMidChunkStartsANewChunk()
    {
        var report = Score(("I-ORG I-ORG I-LOC", "I-ORG I-ORG I-ORG"));

        Assert.Equal(new ChunkScore(2, 1, 0), report.Overall);
        Assert.Equal(new ChunkScore(1, 1, 0), report.ByType["ORG"]);
        Assert.Equal(new ChunkScore(1, 0, 0), report.ByType["LOC"]);
    }

    [Fact]
    public void AnEntityAtTheSentenceEndCountsAndDoesNotRunIntoTheNext()
    {
        var report = Score(("O I-MISC", "O I-MISC"), ("I-MISC O", "I-MISC O"));

        Assert.Equal(new ChunkScore(2, 2, 2), report.Overall);
    }

    [Fact]
    public void AWrongEndIsWrongEvenWhenTheStartAndTypeMatch()
    {
        var report = Score(("I-LOC I-LOC", "I-LOC O"), ("I-LOC O", "I-LOC I-LOC"));

        Assert.Equal(new ChunkScore(2, 2, 0), report.Overall);
    }

    [Fact]
    public void NothingPredictedGivesZeroPrecisionNotNaN()
    {
        var report = Score(("I-PER O I-LOC", "O O O"));

        Assert.Equal(new ChunkScore(2, 0, 0), report.Overall);
        Assert.Equal(0.0, report.Overall.Precision);
        Assert.Equal(0.0, report.Overall.Recall);
        Assert.Equal(0.0, report.Overall.F1);
        Assert.Equal(100.0 / 3, report.TokenAccuracy, 12);
    }

    [Fact]
    public void NoEntitiesAnywhereGivesZerosAndNoTypes()
    {
        var report = Score(("O O", "O O"));

        Assert.Equal(default, report.Overall);
        Assert.Empty(report.ByType);
        Assert.Equal(100.0, report.TokenAccuracy);
        Assert.Equal(0.0, new ChunkEvaluator().Report().TokenAccuracy);
    }

    [Fact]
    public void Iob2StartsAChunkOnIAfterOLikeConlleval()
    {
        // The predicted I-LOC after O is a chunk start, so it matches the gold B-LOC chunk; only the token differs.
        var report = Score(("B-PER I-PER O B-LOC", "B-PER I-PER O I-LOC"));

        Assert.Equal(new ChunkScore(2, 2, 2), report.Overall);
        Assert.Equal(75.0, report.TokenAccuracy);
    }

    [Fact]
    public void Iob1AndIob2SpellingsOfTheSameChunksScoreTheSame()
    {
        var iob1 = Score(("I-PER I-PER B-PER O I-LOC", "I-PER I-PER B-PER O I-LOC"));
        var iob2 = Score(("B-PER I-PER B-PER O B-LOC", "I-PER I-PER B-PER O I-LOC"));

        Assert.Equal(iob1.Overall, iob2.Overall);
    }

    /// <summary>
    /// Worked by hand following conlleval.pl (and checked against its output):
    /// gold chunks ORG[0,2) PER[3,4) PER[4,5) LOC[6,7) | LOC[0,2) MISC[3,5) → 6;
    /// predicted ORG[0,2) PER[3,5) MISC[6,7) | LOC[0,2) PER[2,3) MISC[3,4) MISC[4,5) → 7;
    /// correct ORG[0,2) and LOC[0,2) → 2. Tokens right: 5 of 7, then 3 of 5 → 8/12.
    /// </summary>
    [Fact]
    public void MatchesAHandComputedConllevalReport()
    {
        var report = Score(
            ("I-ORG I-ORG O I-PER B-PER O I-LOC", "I-ORG I-ORG O I-PER I-PER O I-MISC"),
            ("I-LOC I-LOC O I-MISC I-MISC", "I-LOC I-LOC I-PER I-MISC B-MISC"));

        Assert.Equal(12, report.Tokens);
        Assert.Equal(8, report.CorrectTokens);
        Assert.Equal(new ChunkScore(6, 7, 2), report.Overall);
        Assert.Equal(200.0 / 7, report.Overall.Precision, 12);
        Assert.Equal(100.0 / 3, report.Overall.Recall, 12);
        Assert.Equal(400.0 / 13, report.Overall.F1, 12);
        Assert.Equal(new[] { "LOC", "MISC", "ORG", "PER" }, report.ByType.Keys);
        Assert.Equal(new ChunkScore(2, 1, 1), report.ByType["LOC"]);
        Assert.Equal(200.0 / 3, report.ByType["LOC"].F1, 12);
        Assert.Equal(new ChunkScore(1, 3, 0), report.ByType["MISC"]);
        Assert.Equal(new ChunkScore(1, 1, 1), report.ByType["ORG"]);
        Assert.Equal(new ChunkScore(2, 2, 0), report.ByType["PER"]);

        Assert.Equal(
            "processed 12 tokens with 6 phrases; found: 7 phrases; correct: 2.\n" +
            "accuracy:  66.67%; precision:  28.57%; recall:  33.33%; FB1:  30.77\n" +
            "              LOC: precision: 100.00%; recall:  50.00%; FB1:  66.67  1\n" +
            "             MISC: precision:   0.00%; recall:   0.00%; FB1:   0.00  3\n" +
            "              ORG: precision: 100.00%; recall: 100.00%; FB1: 100.00  1\n" +
            "              PER: precision:   0.00%; recall:   0.00%; FB1:   0.00  2\n",
            report.ToString());
    }

    [Fact]
    public void TypesMayContainHyphens()
    {
        var report = Score(("B-NAME-FIRST I-NAME-FIRST", "B-NAME-FIRST I-NAME-FIRST"));

        Assert.Equal(new ChunkScore(1, 1, 1), report.ByType["NAME-FIRST"]);
    }

    [Fact]
    public void TagIndicesScoreLikeStrings()
    {
        var gold = new[] { Tags("I-ORG I-ORG O I-PER B-PER"), Tags("I-LOC O") };
        var predicted = new[] { Tags("I-ORG O O I-PER I-PER"), Tags("I-LOC O") };
        var tags = TagSet.FromTags(gold.Concat(predicted).SelectMany(t => t));
        var evaluator = new ChunkEvaluator();

        for (var i = 0; i < gold.Length; i++)
        {
            evaluator.Add(tags.Encode(new TaggedSentence(gold[i], gold[i])), tags.Encode(new TaggedSentence(predicted[i], predicted[i])), tags);
        }

        Assert.Equal(ChunkEvaluator.Evaluate(gold, predicted).ToString(), evaluator.Report().ToString());
    }

    [Fact]
    public void ResetStartsOver()
    {
        var evaluator = new ChunkEvaluator();
        evaluator.Add(Tags("I-PER"), Tags("O"));

        evaluator.Reset();
        evaluator.Add(Tags("I-LOC"), Tags("I-LOC"));

        Assert.Equal(new ChunkScore(1, 1, 1), evaluator.Report().Overall);
        Assert.Equal(1, evaluator.Report().Tokens);
    }

    [Fact]
    public void LengthMismatchesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new ChunkEvaluator().Add(Tags("O O"), Tags("O")));
        Assert.Throws<ArgumentException>(() => ChunkEvaluator.Evaluate(new[] { Tags("O") }, Array.Empty<string[]>()));
    }

    [Fact]
    public void AddingAWarmSentenceDoesNotAllocate()
    {
        var evaluator = new ChunkEvaluator();
        var gold = Tags("I-ORG I-ORG O I-PER B-PER O I-LOC");
        var predicted = Tags("I-ORG I-ORG O I-PER I-PER O I-MISC");
        evaluator.Add(gold, predicted);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            evaluator.Add(gold, predicted);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// For O/B/I/E tags the evaluator's counts equal set operations on <see cref="Chunk.FindAll"/>'s chunks:
    /// two independent readings of conlleval's rules agree on thousands of random sentences.
    /// </summary>
    [Fact]
    public void CountsAgreeWithChunkSetsOnRandomSentences()
    {
        var random = new Random(2003);
        var alphabet = new[] { "O", "O", "B-X", "I-X", "E-X", "B-Y", "I-Y", "E-Y" };
        for (var trial = 0; trial < 300; trial++)
        {
            var gold = new List<string[]>();
            var predicted = new List<string[]>();
            long goldChunks = 0, predictedChunks = 0, correct = 0;
            for (var s = 0; s < 5; s++)
            {
                var length = random.Next(0, 9);
                var g = Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
                var p = Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
                gold.Add(g);
                predicted.Add(p);
                var gc = Chunk.FindAll(g);
                var pc = Chunk.FindAll(p);
                goldChunks += gc.Count;
                predictedChunks += pc.Count;
                correct += pc.Intersect(gc).Count();
            }

            Assert.Equal(new ChunkScore(goldChunks, predictedChunks, correct), ChunkEvaluator.Evaluate(gold, predicted).Overall);
        }
    }
}
