using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// A progress report from <see cref="Trainer{TExample}"/>, sent to <see cref="TrainerOptions.Progress"/> every
/// <see cref="TrainerOptions.ProgressEverySteps"/> steps or <see cref="TrainerOptions.ProgressInterval"/>, at the
/// end of every epoch and after the last step.
/// </summary>
public readonly record struct TrainingProgress
{
    /// <summary>Updates made so far (the report follows update number <see cref="Step"/>).</summary>
    public long Step { get; init; }

    /// <summary>The 1-based epoch the step belonged to.</summary>
    public int Epoch { get; init; }

    /// <summary>The fraction of that epoch's examples used so far, 1 at its end.</summary>
    public double EpochFraction { get; init; }

    /// <summary>True when this report closes an epoch (its evaluation, if any, is in <see cref="Metrics"/>).</summary>
    public bool EpochCompleted { get; init; }

    /// <summary>Examples used so far over all epochs.</summary>
    public long ExamplesSeen { get; init; }

    /// <summary>The mean loss per example since the previous report (a running mean, less noisy than one batch's).</summary>
    public double Loss { get; init; }

    /// <summary>The learning rate of the latest update.</summary>
    public double LearningRate { get; init; }

    /// <summary>The global gradient norm of the latest update, before clipping.</summary>
    public double GradientNorm { get; init; }

    /// <summary>Training throughput since the previous report, evaluation time included.</summary>
    public double ExamplesPerSecond { get; init; }

    /// <summary>Training time so far, including earlier runs this one resumed.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The number of updates the run will make unless stopped early, when known.</summary>
    public long? TotalSteps { get; init; }

    /// <summary>Estimated time to <see cref="TotalSteps"/> at this run's average pace, when the total is known.</summary>
    public TimeSpan? Eta { get; init; }

    /// <summary>The evaluation results when <see cref="EpochCompleted"/> and an evaluation callback is set; otherwise null.</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
}
