using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// The trainer's own part of a resumable checkpoint: where the run is, the settings that fix its example
/// order, and the early-stopping record. Together with the parameter values and the optimiser's state it lets
/// a new <see cref="Trainer{TExample}"/> continue bit-identically (<see cref="Trainer{TExample}.LoadState"/>).
/// </summary>
/// <remarks>
/// No random-generator position is stored: each epoch's shuffle and each example's
/// <see cref="ExampleContext.Seed"/> are functions of <see cref="Seed"/>, the epoch and the example index, so
/// they are re-derived on resume. All members are plain numbers except <see cref="BestValues"/>, so a
/// checkpoint format can store them as metadata.
/// </remarks>
public sealed record TrainerState
{
    /// <summary>Updates made so far.</summary>
    public long Step { get; init; }

    /// <summary>Epochs completed; the current epoch is number <c>CompletedEpochs + 1</c>.</summary>
    public int CompletedEpochs { get; init; }

    /// <summary>Examples of the current epoch's order already used (0 at an epoch boundary).</summary>
    public int PositionInEpoch { get; init; }

    /// <summary>Examples used so far over all epochs.</summary>
    public long ExamplesSeen { get; init; }

    /// <summary>The size of the training list the run uses (0 before the first step).</summary>
    public int TrainingSetCount { get; init; }

    /// <summary>The sum of example losses in the current epoch so far, for its mean at the epoch's end.</summary>
    public double EpochLossSum { get; init; }

    /// <summary>Training time so far.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The run's <see cref="TrainerOptions.Seed"/>; a resuming trainer must use the same.</summary>
    public int Seed { get; init; }

    /// <summary>The run's <see cref="TrainerOptions.BatchSize"/>; a resuming trainer must use the same.</summary>
    public int BatchSize { get; init; }

    /// <summary>The run's <see cref="TrainerOptions.ShardCount"/>; a resuming trainer must use the same.</summary>
    public int ShardCount { get; init; }

    /// <summary>The run's <see cref="TrainerOptions.Shuffle"/>; a resuming trainer must use the same.</summary>
    public bool Shuffle { get; init; }

    /// <summary>The run's <see cref="TrainerOptions.Reduction"/>; a resuming trainer must use the same.</summary>
    public GradientReduction Reduction { get; init; }

    /// <summary>The best early-stopping metric so far, or null (none seen, or no early stopping).</summary>
    public double? BestMetric { get; init; }

    /// <summary>The 1-based epoch at whose end <see cref="BestMetric"/> was measured (0 when none).</summary>
    public int BestEpoch { get; init; }

    /// <summary>The step at which <see cref="BestMetric"/> was measured (0 when none).</summary>
    public long BestStep { get; init; }

    /// <summary>Evaluations since the best one.</summary>
    public int EvaluationsWithoutImprovement { get; init; }

    /// <summary>True once early stopping has ended the run.</summary>
    public bool EarlyStopped { get; init; }

    /// <summary>
    /// The parameter values at <see cref="BestEpoch"/>, one array per parameter in the set's order and storage
    /// layout, kept when <see cref="EarlyStopping.RestoreBest"/> is on; otherwise null. From
    /// <see cref="Trainer{TExample}.ExportState"/> these are live views: serialise them before the next step.
    /// </summary>
    public IReadOnlyList<double[]>? BestValues { get; init; }
}
