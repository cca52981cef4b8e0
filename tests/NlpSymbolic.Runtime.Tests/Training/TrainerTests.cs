using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

public sealed class TrainerTests
{
    private static readonly List<Sentence> Train = BagOfWordsClassifier.Data(96, seed: 7);
    private static readonly List<Sentence> Dev = BagOfWordsClassifier.Data(60, seed: 8);

    /// <summary>Calls the action synchronously on the training thread (Progress&lt;T&gt; would post it).</summary>
    private sealed class Callback<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }

    /// <summary>Without time-based reports, so the reports are the same on a slow machine.</summary>
    private static TrainerOptions Quiet(TrainerOptions options) => options with { ProgressInterval = null };

    [Fact]
    public void TrainingLowersTheLossAndLearnsTheTask()
    {
        List<Sentence> train = BagOfWordsClassifier.Data(400, seed: 9);
        ParameterSet set = BagOfWordsClassifier.Create();
        double before = BagOfWordsClassifier.MeanLoss(Dev, set);
        var trainer = new Trainer<Sentence>(set, new Adam(0.05), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions
        {
            BatchSize = 16, MaxEpochs = 15, WorkerCount = 2,
            Evaluate = () => new Dictionary<string, double> { ["dev/accuracy"] = BagOfWordsClassifier.Accuracy(Dev, set) },
        }));

        TrainingResult result = trainer.Train(train);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal((15, 15 * 25L, 15 * 400L), (result.CompletedEpochs, result.Steps, result.ExamplesSeen));
        MetricPoint[] epochLoss = trainer.History.Series(MetricHistory.TrainEpochLoss);
        Assert.Equal(15, epochLoss.Length);
        Assert.True(epochLoss[^1].Value < epochLoss[0].Value / 2, $"epoch loss {epochLoss[0].Value} → {epochLoss[^1].Value}");
        Assert.True(BagOfWordsClassifier.MeanLoss(Dev, set) < before);
        Assert.True(result.LastMetrics!["dev/accuracy"] > 0.8, $"dev accuracy {result.LastMetrics["dev/accuracy"]}");
        Assert.Equal(15, trainer.History.Series("dev/accuracy").Length);
    }

    [Fact]
    public void OneSgdStepMovesAgainstTheSumOfThePerExampleGradients()
    {
        ParameterSet reference = BagOfWordsClassifier.Create();
        double[][] expected = TrainingAssert.Values(reference);
        foreach (Sentence sentence in Train.Take(10))
        {
            reference.ZeroGradients();
            BagOfWordsClassifier.Backward(sentence, reference);
            for (int p = 0; p < reference.Count; p++)
            {
                for (int i = 0; i < expected[p].Length; i++)
                {
                    expected[p][i] -= 0.1 * reference[p].Gradients[i];
                }
            }
        }

        ParameterSet set = BagOfWordsClassifier.Create();
        var trainer = new Trainer<Sentence>(set, new Sgd(0.1), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions
        {
            BatchSize = 10, MaxSteps = 1, Shuffle = false, Reduction = GradientReduction.Sum, ShardCount = 3, WorkerCount = 2,
        }));
        trainer.Train(Train);

        for (int p = 0; p < set.Count; p++)
        {
            for (int i = 0; i < expected[p].Length; i++)
            {
                Assert.Equal(expected[p][i], set[p].Values[i], 1e-12);
            }
        }
    }

    [Fact]
    public void TheSameSeedGivesBitIdenticalWeightsWithOneTwoOrThreeWorkers()
    {
        double[][] Run(int workers)
        {
            ParameterSet set = BagOfWordsClassifier.Create();
            var trainer = new Trainer<Sentence>(set, new Adam(0.02), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions
            {
                BatchSize = 10, MaxEpochs = 3, Seed = 42, WorkerCount = workers, ShardCount = 4,
                ClipGradientNorm = 0.5, Schedule = new WarmupDecaySchedule(0.02, 5, 40),
            }));
            trainer.Train(Train);
            return TrainingAssert.Values(set);
        }

        double[][] one = Run(1);
        TrainingAssert.BitIdentical(one, Run(2), "2 workers");
        TrainingAssert.BitIdentical(one, Run(3), "3 workers");
    }

    [Fact]
    public void DifferentSeedsShuffleDifferently()
    {
        double[][] Run(int seed)
        {
            ParameterSet set = BagOfWordsClassifier.Create();
            new Trainer<Sentence>(set, new Sgd(0.1), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions { BatchSize = 10, MaxEpochs = 1, Seed = seed }))
                .Train(Train);
            return TrainingAssert.Values(set);
        }

        Assert.NotEqual(Run(1)[1], Run(2)[1]);
    }

    [Fact]
    public void ANonFiniteGradientStopsBeforeTheUpdateAndNamesStepAndParameter()
    {
        // Unshuffled batches of 4: example 13 is in step 4. Its gradient for W becomes NaN.
        TrainerOptions Options(RecordingCheckpointSink sink, long? maxSteps = null) => Quiet(new TrainerOptions
        {
            BatchSize = 4, Shuffle = false, WorkerCount = 2, ShardCount = 2, MaxSteps = maxSteps,
            Checkpoints = sink, CheckpointEverySteps = 1, ClipGradientValue = 1.0,
        });
        double Poisoned(Sentence sentence, ParameterSet g)
        {
            double loss = BagOfWordsClassifier.Backward(sentence, g);
            if (ReferenceEquals(sentence, Train[13]))
            {
                g[BagOfWordsClassifier.W].Gradients[2] = double.PositiveInfinity;
            }

            return loss;
        }

        ParameterSet reference = BagOfWordsClassifier.Create();
        new Trainer<Sentence>(reference, new Adam(0.01), BagOfWordsClassifier.Backward, Options(new RecordingCheckpointSink(), maxSteps: 3)).Train(Train);

        ParameterSet set = BagOfWordsClassifier.Create();
        var sink = new RecordingCheckpointSink();
        var trainer = new Trainer<Sentence>(set, new Adam(0.01), Poisoned, Options(sink));
        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => trainer.Train(Train));

        Assert.Equal((4L, 1, "W", (int?)null), (error.Step, error.Epoch, error.ParameterName, error.ExampleIndex));
        Assert.Contains("step 4", error.Message);
        Assert.Contains("'W'", error.Message);
        TrainingAssert.BitIdentical(TrainingAssert.Values(reference), TrainingAssert.Values(set));
        Assert.Equal(3, trainer.Step);
        Assert.Equal(new long[] { 1, 2, 3 }, sink.Saved.Select(c => c.State.Step));
    }

    [Fact]
    public void ANonFiniteLossNamesTheExample()
    {
        ParameterSet set = BagOfWordsClassifier.Create();
        var trainer = new Trainer<Sentence>(
            set, new Sgd(0.1), (s, g, c) => c.Index == 50 ? double.NaN : BagOfWordsClassifier.Backward(s, g),
            Quiet(new TrainerOptions { BatchSize = 16, Seed = 3, WorkerCount = 2 }));
        double[][] before = TrainingAssert.Values(set);

        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => trainer.Train(Train));

        Assert.Equal(50, error.ExampleIndex);
        Assert.Null(error.ParameterName);
        Assert.True(double.IsNaN(error.Loss));
        Assert.Contains("example 50", error.Message);
        if (error.Step == 1)
        {
            TrainingAssert.BitIdentical(before, TrainingAssert.Values(set));
        }
    }

    [Fact]
    public void EarlyStoppingWaitsForPatienceAndRestoresTheBestParameters()
    {
        double[] script = [0.9, 0.7, 0.5, 0.55, 0.52, 0.6, 0.1];
        ParameterSet set = BagOfWordsClassifier.Create();
        var atEpoch = new Dictionary<int, double[][]>();
        var sink = new RecordingCheckpointSink();
        Trainer<Sentence>? trainer = null;
        trainer = new Trainer<Sentence>(set, new Sgd(0.5), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions
        {
            BatchSize = 32, MaxEpochs = 7, WorkerCount = 2, Checkpoints = sink, CheckpointEachEpoch = false,
            Evaluate = () =>
            {
                atEpoch[trainer!.CompletedEpochs] = TrainingAssert.Values(set);
                return new Dictionary<string, double> { ["dev/loss"] = script[trainer.CompletedEpochs - 1], ["other"] = 1 };
            },
            EarlyStopping = new EarlyStopping("dev/loss", higherIsBetter: false, patience: 3) { MinImprovement = 0.01 },
        }));

        TrainingResult result = trainer.Train(Train);

        // Best 0.5 at epoch 3; 0.55, 0.52 (not better by > 0.01), 0.6 → three without improvement.
        Assert.Equal(TrainingOutcome.EarlyStopped, result.Outcome);
        Assert.Equal((6, 0.5, (int?)3, true), (result.CompletedEpochs, result.BestMetric, result.BestEpoch, result.RestoredBest));
        TrainingAssert.BitIdentical(atEpoch[3], TrainingAssert.Values(set));
        var (reason, state, values, _) = Assert.Single(sink.Saved);
        Assert.Equal(CheckpointReason.EarlyStopped, reason);
        Assert.True(state.EarlyStopped);
        TrainingAssert.BitIdentical(atEpoch[6], values, "checkpointed (last) values");
        TrainingAssert.BitIdentical(atEpoch[3], state.BestValues!, "checkpointed best values");

        // Training again does nothing: the run has stopped.
        Assert.Equal(TrainingOutcome.EarlyStopped, trainer.Train(Train).Outcome);
        Assert.Equal(6, trainer.CompletedEpochs);
    }

    [Fact]
    public void EarlyStoppingOnAHigherIsBetterMetricWithoutRestoring()
    {
        double[] script = [0.5, 0.6, 0.6, 0.59];
        ParameterSet set = BagOfWordsClassifier.Create();
        Trainer<Sentence>? trainer = null;
        trainer = new Trainer<Sentence>(set, new Sgd(0.1), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions
        {
            BatchSize = 48, MaxEpochs = 10, WorkerCount = 1,
            Evaluate = () => new Dictionary<string, double> { ["acc"] = script[trainer!.CompletedEpochs - 1] },
            EarlyStopping = new EarlyStopping("acc", higherIsBetter: true, patience: 2) { RestoreBest = false },
        }));

        TrainingResult result = trainer.Train(Train);

        Assert.Equal((TrainingOutcome.EarlyStopped, 4, 0.6, (int?)2, false),
            (result.Outcome, result.CompletedEpochs, result.BestMetric, result.BestEpoch, result.RestoredBest));
        Assert.Null(trainer.ExportState().BestValues);
    }

    [Fact]
    public void AMissingEarlyStoppingMetricIsReportedWithTheNamesThereAre()
    {
        var trainer = new Trainer<Sentence>(BagOfWordsClassifier.Create(), new Sgd(0.1), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions
        {
            Evaluate = () => new Dictionary<string, double> { ["accuracy"] = 1 },
            EarlyStopping = new EarlyStopping("f1", higherIsBetter: true),
        }));

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => trainer.Train(Train));
        Assert.Contains("'f1'", error.Message);
        Assert.Contains("accuracy", error.Message);
    }

    [Fact]
    public void CancellationStopsAfterTheCurrentStepAndCheckpointsOnce()
    {
        using var cancel = new CancellationTokenSource();
        var sink = new RecordingCheckpointSink();
        ParameterSet set = BagOfWordsClassifier.Create();
        var trainer = new Trainer<Sentence>(set, new Sgd(0.1), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions
        {
            BatchSize = 4, WorkerCount = 2, Checkpoints = sink, CheckpointEverySteps = 3, ProgressEverySteps = 1,
            Progress = new Callback<TrainingProgress>(p =>
            {
                if (p.Step == 6)
                {
                    cancel.Cancel();
                }
            }),
        }));

        TrainingResult result = trainer.Train(Train, cancel.Token);

        Assert.Equal((TrainingOutcome.Cancelled, 6L, 24L), (result.Outcome, result.Steps, result.ExamplesSeen));
        Assert.Equal(
            new[] { (CheckpointReason.Interval, 3L), (CheckpointReason.Cancelled, 6L) },
            sink.Saved.Select(c => (c.Reason, c.State.Step)));
        TrainingAssert.BitIdentical(sink.Saved[^1].Values, TrainingAssert.Values(set));
    }

    [Fact]
    public void AnAlreadyCancelledTokenTrainsNothingButStillCheckpoints()
    {
        var sink = new RecordingCheckpointSink();
        ParameterSet set = BagOfWordsClassifier.Create();
        double[][] before = TrainingAssert.Values(set);
        var trainer = new Trainer<Sentence>(set, new Sgd(0.1), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions { Checkpoints = sink }));

        TrainingResult result = trainer.Train(Train, new CancellationToken(canceled: true));

        Assert.Equal((TrainingOutcome.Cancelled, 0L), (result.Outcome, result.Steps));
        Assert.Equal(CheckpointReason.Cancelled, Assert.Single(sink.Saved).Reason);
        TrainingAssert.BitIdentical(before, TrainingAssert.Values(set));
    }

    [Fact]
    public void ProgressIsReportedEveryKStepsAndAtEpochEndsWithAnEta()
    {
        var reports = new List<TrainingProgress>();
        var trainer = new Trainer<Sentence>(BagOfWordsClassifier.Create(), new Sgd(0.1), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions
        {
            BatchSize = 10, MaxEpochs = 2, WorkerCount = 2, ProgressEverySteps = 4,
            Progress = new Callback<TrainingProgress>(reports.Add),
            Evaluate = () => new Dictionary<string, double> { ["dev/x"] = 1 },
        }));

        trainer.Train(Train);

        // 96 examples in batches of 10: 10 steps per epoch (the last has 6 examples).
        Assert.Equal(new long[] { 4, 8, 10, 12, 16, 20 }, reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(20L, r.TotalSteps));
        Assert.All(reports, r => Assert.True(r.Eta >= TimeSpan.Zero && double.IsFinite(r.Loss) && r.GradientNorm > 0 && r.LearningRate == 0.1));
        Assert.Equal(TimeSpan.Zero, reports[^1].Eta);
        TrainingProgress epochEnd = reports[2];
        Assert.True(epochEnd.EpochCompleted);
        Assert.Equal((1, 1.0, 96L), (epochEnd.Epoch, epochEnd.EpochFraction, epochEnd.ExamplesSeen));
        Assert.Equal(1.0, epochEnd.Metrics!["dev/x"]);
        Assert.Null(reports[0].Metrics);
        Assert.Equal((2, 20 / 96.0), (reports[3].Epoch, reports[3].EpochFraction));

        Assert.Equal(reports.Select(r => r.Step), trainer.History.Series(MetricHistory.TrainLoss).Select(p => p.Step));
        Assert.Equal(reports.Select(r => r.Loss), trainer.History.Series(MetricHistory.TrainLoss).Select(p => p.Value));
        Assert.Equal(new[] { (10L, 1), (20L, 2) }, trainer.History.Series("dev/x").Select(p => (p.Step, p.Epoch)));
        Assert.Contains(MetricHistory.GradientNorm, trainer.History.Names);
    }

    [Fact]
    public void TrainingContinuesWhereItStoppedWhenCalledAgain()
    {
        ParameterSet once = BagOfWordsClassifier.Create(), twice = BagOfWordsClassifier.Create();
        new Trainer<Sentence>(once, new Adam(0.01), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions { BatchSize = 10, MaxEpochs = 2 }))
            .Train(Train);
        using var cancel = new CancellationTokenSource();
        var trainer = new Trainer<Sentence>(twice, new Adam(0.01), BagOfWordsClassifier.Backward, Quiet(new TrainerOptions
        {
            BatchSize = 10, MaxEpochs = 2, ProgressEverySteps = 13,
            Progress = new Callback<TrainingProgress>(p => { if (p.Step == 13) cancel.Cancel(); }),
        }));

        Assert.Equal(TrainingOutcome.Cancelled, trainer.Train(Train, cancel.Token).Outcome);
        Assert.Equal(13, trainer.Step);
        Assert.Equal(TrainingOutcome.Completed, trainer.Train(Train).Outcome);
        Assert.Equal(TrainingOutcome.Completed, trainer.Train(Train).Outcome); // nothing left to do
        Assert.Equal(20, trainer.Step);
        TrainingAssert.BitIdentical(TrainingAssert.Values(once), TrainingAssert.Values(twice));
    }

    [Fact]
    public void SettingsOutOfRangeAreRejectedByName()
    {
        ParameterSet set = BagOfWordsClassifier.Create();
        ArgumentOutOfRangeException batch = Assert.Throws<ArgumentOutOfRangeException>(
            () => new Trainer<Sentence>(set, new Sgd(0.1), BagOfWordsClassifier.Backward, new TrainerOptions { BatchSize = 0 }));
        Assert.Contains("BatchSize", batch.Message);
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new Trainer<Sentence>(set, new Sgd(0.1), BagOfWordsClassifier.Backward, new TrainerOptions { ClipGradientNorm = double.NaN }));
        ArgumentException early = Assert.Throws<ArgumentException>(
            () => new Trainer<Sentence>(set, new Sgd(0.1), BagOfWordsClassifier.Backward, new TrainerOptions { EarlyStopping = new EarlyStopping("f1", true) }));
        Assert.Contains("Evaluate", early.Message);
        Assert.Throws<ArgumentException>(
            () => new Trainer<Sentence>(set, new Sgd(0.1), BagOfWordsClassifier.Backward).Train(Array.Empty<Sentence>()));
    }
}
