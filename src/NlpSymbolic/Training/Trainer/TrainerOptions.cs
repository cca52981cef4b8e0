using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// Settings of a <see cref="Trainer{TExample}"/>: minibatches, parallelism, clipping, schedule, progress,
/// evaluation, early stopping and checkpoints. Every setting has a default; set the ones you need with an
/// object initialiser, or derive variants with <c>with</c>.
/// </summary>
/// <remarks>
/// <see cref="Seed"/>, <see cref="BatchSize"/>, <see cref="ShardCount"/>, <see cref="Shuffle"/> and
/// <see cref="Reduction"/> determine the numbers a run computes, and are saved in <see cref="TrainerState"/>;
/// <see cref="WorkerCount"/> only determines how fast.
/// </remarks>
public sealed record TrainerOptions
{
    /// <summary>Examples per update (default 32). The last minibatch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Epochs to train, counting those of a resumed run (default 10).</summary>
    public int MaxEpochs { get; init; } = 10;

    /// <summary>Stop after this many updates in total, even mid-epoch; null for no limit (default).</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Visit the examples in a new seeded random order each epoch (default true); false keeps list order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seeds the shuffles and <see cref="ExampleContext.Seed"/> (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Threads computing gradients, the calling thread included; null (default) for
    /// <see cref="Environment.ProcessorCount"/>. Never changes the result; more than <see cref="ShardCount"/> is useless.
    /// </summary>
    public int? WorkerCount { get; init; }

    /// <summary>
    /// Contiguous shards each minibatch is cut into, each with its own gradient buffers (default
    /// <see cref="DataParallelBackward{TExample}.DefaultShardCount"/>). The result depends on it, not on the
    /// worker count; it bounds the useful number of workers, and costs one set of gradient buffers per shard.
    /// </summary>
    public int ShardCount { get; init; } = DataParallelBackward<object>.DefaultShardCount;

    /// <summary>
    /// The ranks training is spread over; null (default) for <see cref="Communicator.InProcess"/>. Every rank runs
    /// the same program; the weights after every step are bit-identical to one process with the same
    /// <see cref="ShardCount"/>, whatever the number of ranks and workers. Only rank 0 reports
    /// <see cref="Progress"/>, calls <see cref="Checkpoints"/> and runs <see cref="Evaluate"/>; the other ranks wait
    /// for its metrics without keeping a core busy and receive them, so early stopping decides the same everywhere.
    /// </summary>
    public Communicator? Communicator { get; init; }

    /// <summary>Update with the mean (default) or the sum of the minibatch's gradients.</summary>
    public GradientReduction Reduction { get; init; } = GradientReduction.Mean;

    /// <summary>Clip each gradient entry to [−c, c] before the update (<see cref="GradientClipping.ClipByValue"/>); null for none.</summary>
    public double? ClipGradientValue { get; init; }

    /// <summary>
    /// Rescale the gradients to this global L2 norm when larger (<see cref="GradientClipping.ClipByGlobalNorm"/>,
    /// applied after value clipping); null for none.
    /// </summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary>Sets the optimiser's learning rate before every update; null keeps the optimiser's own rate.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// Receives <see cref="TrainingProgress"/> reports on the training thread (a <c>Progress&lt;T&gt;</c> posts them
    /// to the UI thread that created it). Null for none.
    /// </summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Report every this many updates; 0 (default) for no step-based reports.</summary>
    public int ProgressEverySteps { get; init; }

    /// <summary>Report when this much time has passed since the previous report (default 1 s); null for no time-based reports.</summary>
    public TimeSpan? ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Evaluates the current parameters (typically on a held-out set) at the end of every epoch and returns
    /// named metrics, recorded in the <see cref="MetricHistory"/>, reported in <see cref="TrainingProgress.Metrics"/>
    /// and read by <see cref="EarlyStopping"/>. Runs on the training thread, and with several ranks on rank 0 only
    /// (see <see cref="Communicator"/>), so it may use every core of its host; null for none.
    /// </summary>
    public Func<IReadOnlyDictionary<string, double>>? Evaluate { get; init; }

    /// <summary>Stop when an evaluation metric stops improving, and keep the best parameters; null for none. Needs <see cref="Evaluate"/>.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Receives resumable states (see <see cref="ICheckpointSink"/>); null for none.</summary>
    public ICheckpointSink? Checkpoints { get; init; }

    /// <summary>Checkpoint every this many updates; 0 (default) for none besides epoch ends and the end of the run.</summary>
    public int CheckpointEverySteps { get; init; }

    /// <summary>Checkpoint at the end of every epoch (default true).</summary>
    public bool CheckpointEachEpoch { get; init; } = true;

    /// <summary>Where to record metrics; null for a new <see cref="MetricHistory"/> (pass the old one to continue its curves on resume).</summary>
    public MetricHistory? History { get; init; }

    /// <summary>Throws for a setting out of range, naming it.</summary>
    internal void Validate()
    {
        HyperparameterGuard.PositiveCount(BatchSize, "TrainerOptions.BatchSize", nameof(BatchSize));
        HyperparameterGuard.PositiveCount(MaxEpochs, "TrainerOptions.MaxEpochs", nameof(MaxEpochs));
        HyperparameterGuard.PositiveCount(ShardCount, "TrainerOptions.ShardCount", nameof(ShardCount));
        if (MaxSteps is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, $"TrainerOptions.MaxSteps must be ≥ 1 or null, got {MaxSteps}.");
        }

        if (WorkerCount is int workers)
        {
            HyperparameterGuard.PositiveCount(workers, "TrainerOptions.WorkerCount", nameof(WorkerCount));
        }

        if (Reduction is not (GradientReduction.Mean or GradientReduction.Sum))
        {
            throw new ArgumentOutOfRangeException(nameof(Reduction), Reduction, "Unknown TrainerOptions.Reduction.");
        }

        if (ClipGradientValue is double value)
        {
            HyperparameterGuard.Positive(value, "TrainerOptions.ClipGradientValue", nameof(ClipGradientValue));
        }

        if (ClipGradientNorm is double norm)
        {
            HyperparameterGuard.Positive(norm, "TrainerOptions.ClipGradientNorm", nameof(ClipGradientNorm));
        }

        if (ProgressEverySteps < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(ProgressEverySteps), ProgressEverySteps, $"TrainerOptions.ProgressEverySteps must be ≥ 0, got {ProgressEverySteps}.");
        }

        if (ProgressInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(ProgressInterval), interval, $"TrainerOptions.ProgressInterval must be positive or null, got {interval}.");
        }

        if (CheckpointEverySteps < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(CheckpointEverySteps), CheckpointEverySteps, $"TrainerOptions.CheckpointEverySteps must be ≥ 0, got {CheckpointEverySteps}.");
        }

        if (EarlyStopping is not null && Evaluate is null)
        {
            throw new ArgumentException(
                $"TrainerOptions.EarlyStopping watches '{EarlyStopping.Metric}', which comes from TrainerOptions.Evaluate; set Evaluate too.",
                nameof(EarlyStopping));
        }
    }
}
