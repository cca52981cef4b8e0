using System;

namespace NlpSymbolic.Training;

/// <summary>
/// Step decay (staircase): η₀ · factor^⌊step / interval⌋, e.g. halve the rate every epoch's worth of steps.
/// </summary>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">η₀, finite and ≥ 0.</param>
    /// <param name="factor">Multiplier applied every <paramref name="interval"/> steps, in (0, 1].</param>
    /// <param name="interval">Steps between reductions, ≥ 1.</param>
    public StepDecaySchedule(double initialRate, double factor, int interval)
    {
        InitialRate = HyperparameterGuard.NonNegative(initialRate, "The initial learning rate", nameof(initialRate));
        if (!(factor > 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"The decay factor must lie in (0, 1], got {factor:R}.");
        }

        Factor = factor;
        Interval = HyperparameterGuard.PositiveCount(interval, "The decay interval", nameof(interval));
    }

    /// <summary>η₀, the rate for the first <see cref="Interval"/> steps.</summary>
    public double InitialRate { get; }

    /// <summary>The multiplier applied every <see cref="Interval"/> steps.</summary>
    public double Factor { get; }

    /// <summary>Steps between reductions.</summary>
    public int Interval { get; }

    private protected override double RateAt(int step) => InitialRate * Math.Pow(Factor, step / Interval);
}
