using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>What <see cref="Trainer{TExample}.Train"/> returns.</summary>
public sealed record TrainingResult
{
    /// <summary>Why training stopped.</summary>
    public required TrainingOutcome Outcome { get; init; }

    /// <summary>Updates made in total (including runs this one resumed).</summary>
    public required long Steps { get; init; }

    /// <summary>Epochs completed in total.</summary>
    public required int CompletedEpochs { get; init; }

    /// <summary>Examples used in total.</summary>
    public required long ExamplesSeen { get; init; }

    /// <summary>Training time in total.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The mean training loss per example of the last completed epoch, if one completed in this run.</summary>
    public double? LastEpochLoss { get; init; }

    /// <summary>The last evaluation's results, if an evaluation ran in this run.</summary>
    public IReadOnlyDictionary<string, double>? LastMetrics { get; init; }

    /// <summary>The best value of the early-stopping metric, if early stopping is configured and a value was seen.</summary>
    public double? BestMetric { get; init; }

    /// <summary>The 1-based epoch at whose end <see cref="BestMetric"/> was measured.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>True when the parameters were set back to their values at <see cref="BestEpoch"/>.</summary>
    public bool RestoredBest { get; init; }
}
