using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Runtime.Tests.Training;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>The trainer's checkpoints through a safetensors file: stop (Ctrl+C), resume from the file, same weights.</summary>
public sealed class TrainerCheckpointFileTests : IDisposable
{
    private static readonly List<Sentence> Train = BagOfWordsClassifier.Data(96, seed: 7);
    private static readonly List<Sentence> Dev = BagOfWordsClassifier.Data(40, seed: 8);
    private readonly string folder = Directory.CreateTempSubdirectory("nlpsym-trainer-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class Callback<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }

    private static TrainerOptions Options(ParameterSet set, ICheckpointSink? sink = null) => new()
    {
        BatchSize = 10, MaxEpochs = 4, Seed = 5, WorkerCount = 2, ShardCount = 3, ProgressInterval = null,
        Schedule = new WarmupDecaySchedule(0.02, 4, 40), ClipGradientNorm = 0.8,
        Evaluate = () => new Dictionary<string, double> { ["dev/loss"] = BagOfWordsClassifier.MeanLoss(Dev, set) },
        EarlyStopping = new EarlyStopping("dev/loss", higherIsBetter: false, patience: 10),
        Checkpoints = sink,
    };

    [Fact]
    public void ARunResumedFromItsCheckpointFileEndsWithTheUninterruptedWeights()
    {
        var reference = BagOfWordsClassifier.Create();
        new Trainer<Sentence>(reference, new Adam(0.02), BagOfWordsClassifier.Backward, Options(reference)).Train(Train);

        var path = Path.Combine(folder, "run.safetensors");
        var first = BagOfWordsClassifier.Create();
        var sink = new SafeTensorsCheckpointSink(path);
        using var cancel = new CancellationTokenSource();
        var stopped = new Trainer<Sentence>(first, new Adam(0.02), BagOfWordsClassifier.Backward, Options(first, sink) with
        {
            ProgressEverySteps = 1,
            Progress = new Callback<TrainingProgress>(p =>
            {
                if (p.Step == 17)
                {
                    cancel.Cancel();
                }
            }),
        });
        Assert.Equal(TrainingOutcome.Cancelled, stopped.Train(Train, cancel.Token).Outcome);
        Assert.True(sink.Saved >= 1);

        var resumedSet = BagOfWordsClassifier.Create(seed: 99);
        var resumed = new Trainer<Sentence>(resumedSet, new Adam(0.02), BagOfWordsClassifier.Backward, Options(resumedSet));
        var metadata = Checkpoint.Resume(path, resumed);
        Assert.Equal("Cancelled", metadata["trainer.reason"]);
        Assert.Equal(17, resumed.Step);
        resumed.Train(Train);

        TrainingAssert.BitIdentical(TrainingAssert.Values(reference), TrainingAssert.Values(resumedSet));
    }

    [Theory]
    [InlineData("null", "the trainer state in the metadata is not valid: null")]
    [InlineData("{\"Step\":", "the trainer state in the metadata is not valid: ")]
    public void ATrainerStateThatIsNotValidIsAMismatchSayingSo(string json, string problem)
    {
        var set = BagOfWordsClassifier.Create();
        var path = Path.Combine(folder, "bad-state.safetensors");
        Checkpoint.Save(path, set, metadata: new Dictionary<string, string> { ["trainer"] = json });
        var trainer = new Trainer<Sentence>(set, new Adam(0.02), BagOfWordsClassifier.Backward, Options(set));

        var error = Assert.Throws<CheckpointMismatchException>(() => Checkpoint.Resume(path, trainer));

        Assert.StartsWith(problem, Assert.Single(error.Problems));
        Assert.Equal(0, trainer.Step);
    }

    [Fact]
    public void ResumingWithRestoreBestARunThatKeptNoBestValuesSaysTheyAreMissing()
    {
        var set = BagOfWordsClassifier.Create();
        var path = Path.Combine(folder, "no-best.safetensors");
        var noRestore = new EarlyStopping("dev/loss", higherIsBetter: false, patience: 10) { RestoreBest = false };
        new Trainer<Sentence>(set, new Adam(0.02), BagOfWordsClassifier.Backward,
            Options(set, new SafeTensorsCheckpointSink(path)) with { MaxSteps = 12, EarlyStopping = noRestore }).Train(Train);
        var trainer = new Trainer<Sentence>(set, new Adam(0.02), BagOfWordsClassifier.Backward, Options(set));

        var error = Assert.Throws<ArgumentException>(() => Checkpoint.Resume(path, trainer));

        Assert.Contains("has a best epoch but no BestValues", error.Message);
    }

    [Fact]
    public void AWeightsOnlyFileIsNotATrainerCheckpoint()
    {
        var set = BagOfWordsClassifier.Create();
        var path = Path.Combine(folder, "weights.safetensors");
        Checkpoint.Save(path, set);
        var trainer = new Trainer<Sentence>(set, new Adam(0.02), BagOfWordsClassifier.Backward, Options(set));
        var error = Assert.Throws<CheckpointMismatchException>(() => Checkpoint.Resume(path, trainer));
        Assert.Contains("no trainer state", error.Message);
    }
}
