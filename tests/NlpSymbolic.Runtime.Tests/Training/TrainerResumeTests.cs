using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>A run resumed from (values, optimiser state, trainer state) continues bit-identically.</summary>
public sealed class TrainerResumeTests
{
    private static readonly List<Sentence> Train = BagOfWordsClassifier.Data(96, seed: 7);
    private static readonly List<Sentence> Dev = BagOfWordsClassifier.Data(40, seed: 8);

    private sealed class Callback<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }

    /// <summary>Word dropout driven by the example seed, so the resumed run must re-derive the same seeds.</summary>
    private static double Backward(Sentence sentence, ParameterSet gradients, ExampleContext context) =>
        BagOfWordsClassifier.Backward(
            (context.Seed & 3) == 0 && sentence.Words.Length > 1 ? sentence with { Words = sentence.Words[1..] } : sentence, gradients);

    private static Adam Optimizer() => new(0.02);

    /// <summary>Adam, a schedule, clipping, sharding, shuffling, early stopping with best-value tracking.</summary>
    private static TrainerOptions Options(ParameterSet set, ICheckpointSink? sink = null, MetricHistory? history = null) => new()
    {
        BatchSize = 10, MaxEpochs = 4, Seed = 5, WorkerCount = 2, ShardCount = 3, ProgressInterval = null,
        Schedule = new WarmupDecaySchedule(0.02, 4, 40), ClipGradientNorm = 0.8,
        Evaluate = () => new Dictionary<string, double> { ["dev/loss"] = BagOfWordsClassifier.MeanLoss(Dev, set) },
        EarlyStopping = new EarlyStopping("dev/loss", higherIsBetter: false, patience: 10),
        Checkpoints = sink, CheckpointEachEpoch = false, History = history,
    };

    private static (double[][] Values, TrainingResult Result, MetricHistory History) Uninterrupted()
    {
        ParameterSet set = BagOfWordsClassifier.Create();
        var trainer = new Trainer<Sentence>(set, Optimizer(), Backward, Options(set));
        TrainingResult result = trainer.Train(Train);
        return (TrainingAssert.Values(set), result, trainer.History);
    }

    private static (double[][] Values, TrainingResult Result) Resume(
        (CheckpointReason Reason, TrainerState State, double[][] Values, OptimizerState Optimizer) checkpoint, MetricHistory history)
    {
        ParameterSet set = BagOfWordsClassifier.Create(seed: 99); // different initial values: all must come from the checkpoint
        TrainingAssert.CopyValues(checkpoint.Values, set);
        Adam optimizer = Optimizer();
        optimizer.LoadState(set, checkpoint.Optimizer);
        var trainer = new Trainer<Sentence>(set, optimizer, Backward, Options(set, history: history));
        trainer.LoadState(checkpoint.State);
        TrainingResult result = trainer.Train(Train);
        return (TrainingAssert.Values(set), result);
    }

    [Theory]
    [InlineData(17)] // inside epoch 2
    [InlineData(20)] // at the end of epoch 2, after its evaluation
    public void AResumedCancelledRunEqualsTheUninterruptedOne(int stopAfter)
    {
        var expected = Uninterrupted();

        ParameterSet set = BagOfWordsClassifier.Create();
        var sink = new RecordingCheckpointSink();
        using var cancel = new CancellationTokenSource();
        var trainer = new Trainer<Sentence>(set, Optimizer(), Backward, Options(set, sink) with
        {
            ProgressEverySteps = 1,
            Progress = new Callback<TrainingProgress>(p =>
            {
                if (p.Step == stopAfter)
                {
                    cancel.Cancel();
                }
            }),
        });
        Assert.Equal(TrainingOutcome.Cancelled, trainer.Train(Train, cancel.Token).Outcome);
        var checkpoint = Assert.Single(sink.Saved);
        Assert.Equal((CheckpointReason.Cancelled, (long)stopAfter), (checkpoint.Reason, checkpoint.State.Step));

        var (values, result) = Resume(checkpoint, new MetricHistory());

        TrainingAssert.BitIdentical(expected.Values, values);
        Assert.Equal(
            (expected.Result.Outcome, expected.Result.Steps, expected.Result.ExamplesSeen, expected.Result.BestMetric, expected.Result.BestEpoch),
            (result.Outcome, result.Steps, result.ExamplesSeen, result.BestMetric, result.BestEpoch));
        Assert.True(result.RestoredBest);
        Assert.Equal(expected.Result.LastEpochLoss, result.LastEpochLoss); // the epoch's loss sum was carried over
    }

    [Fact]
    public void AResumedMaxStepsRunContinuesTheSameCurves()
    {
        var expected = Uninterrupted();

        ParameterSet set = BagOfWordsClassifier.Create();
        var sink = new RecordingCheckpointSink();
        var first = new Trainer<Sentence>(set, Optimizer(), Backward, Options(set, sink) with { MaxSteps = 33 });
        TrainingResult stopped = first.Train(Train);
        Assert.Equal((TrainingOutcome.Completed, 33L), (stopped.Outcome, stopped.Steps));
        var checkpoint = Assert.Single(sink.Saved);
        Assert.Equal(CheckpointReason.Completed, checkpoint.Reason);
        Assert.NotNull(checkpoint.State.BestValues);

        var (values, _) = Resume(checkpoint, first.History);

        TrainingAssert.BitIdentical(expected.Values, values);
        Assert.Equal(
            expected.History.Series(MetricHistory.TrainEpochLoss).Select(p => (p.Step, p.Epoch, p.Value)),
            first.History.Series(MetricHistory.TrainEpochLoss).Select(p => (p.Step, p.Epoch, p.Value)));
        Assert.Equal(
            expected.History.Series("dev/loss").Select(p => p.Value),
            first.History.Series("dev/loss").Select(p => p.Value));
    }

    [Fact]
    public void AStateFromADifferentRunIsRejectedAndNothingChanges()
    {
        ParameterSet set = BagOfWordsClassifier.Create();
        var sink = new RecordingCheckpointSink();
        new Trainer<Sentence>(set, Optimizer(), Backward, Options(set, sink) with { MaxSteps = 3 }).Train(Train);
        TrainerState saved = sink.Saved[0].State;

        var trainer = new Trainer<Sentence>(set, Optimizer(), Backward, Options(set) with { BatchSize = 12 });
        ArgumentException batch = Assert.Throws<ArgumentException>(() => trainer.LoadState(saved));
        Assert.Contains("BatchSize = 10", batch.Message);
        Assert.Equal(0, trainer.Step);

        trainer = new Trainer<Sentence>(set, Optimizer(), Backward, Options(set));
        Assert.Throws<ArgumentException>(() => trainer.LoadState(saved with { PositionInEpoch = 96 }));
        Assert.Throws<ArgumentException>(() => trainer.LoadState(saved with { BestEpoch = 1, BestMetric = 0.5, BestValues = [new double[3]] }));
        Assert.Throws<ArgumentException>(() => trainer.LoadState(saved with { BestEpoch = 1 })); // a best epoch without a metric
        Assert.Equal(0, trainer.Step);

        trainer.LoadState(saved);
        Assert.Equal(3, trainer.Step);
        ArgumentException size = Assert.Throws<ArgumentException>(() => trainer.Train(Train.Take(50).ToList()));
        Assert.Contains("96", size.Message);
    }
}
