using System;

namespace NlpSymbolic.Training;

/// <summary>
/// Stops training when an evaluation metric has not improved for <see cref="Patience"/> evaluations, keeping
/// a copy of the best parameters to restore at the end.
/// </summary>
/// <remarks>
/// The metric is read from the dictionary <see cref="TrainerOptions.Evaluate"/> returns at the end of each
/// epoch. The first finite value is the first best; a later value improves on the best when it is better by
/// more than <see cref="MinImprovement"/>. A NaN value never improves.
/// </remarks>
public sealed class EarlyStopping
{
    private readonly double _minImprovement;

    /// <summary>Describes the stopping rule.</summary>
    /// <param name="metric">The name of the metric to watch, as returned by the evaluation callback.</param>
    /// <param name="higherIsBetter">True for accuracy or F1, false for a loss or perplexity.</param>
    /// <param name="patience">Evaluations without improvement after which training stops (≥ 1; <see cref="int.MaxValue"/> only tracks the best).</param>
    /// <exception cref="ArgumentException">The metric name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The patience is below 1.</exception>
    public EarlyStopping(string metric, bool higherIsBetter, int patience = 3)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        Metric = metric;
        HigherIsBetter = higherIsBetter;
        Patience = HyperparameterGuard.PositiveCount(patience, "The early-stopping patience", nameof(patience));
    }

    /// <summary>The name of the watched metric.</summary>
    public string Metric { get; }

    /// <summary>True when a larger value is better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>Evaluations without improvement after which training stops.</summary>
    public int Patience { get; }

    /// <summary>
    /// Keep a copy of the parameter values at the best evaluation and copy it back when the run completes or
    /// stops early (not when it is cancelled, so a cancelled run can resume). Default true.
    /// </summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>The margin by which a value must beat the best to count as an improvement (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double MinImprovement
    {
        get => _minImprovement;
        init => _minImprovement = HyperparameterGuard.NonNegative(value, "The minimum improvement", nameof(MinImprovement));
    }

    /// <summary>True when <paramref name="value"/> beats <paramref name="best"/> by more than <see cref="MinImprovement"/>.</summary>
    internal bool Improves(double value, double best) =>
        HigherIsBetter ? value > best + MinImprovement : value < best - MinImprovement;
}
