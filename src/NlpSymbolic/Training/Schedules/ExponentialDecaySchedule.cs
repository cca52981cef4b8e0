using System;

namespace NlpSymbolic.Training;

/// <summary>
/// Smooth exponential decay: η₀ · decayRate^(step / decaySteps), so the rate is multiplied by
/// <see cref="DecayRate"/> over every <see cref="DecaySteps"/> steps. <see cref="StepDecaySchedule"/> is the
/// staircase form.
/// </summary>
public sealed class ExponentialDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">η₀, finite and ≥ 0.</param>
    /// <param name="decayRate">Multiplier per <paramref name="decaySteps"/> steps, in (0, 1].</param>
    /// <param name="decaySteps">Steps over which the rate is multiplied by <paramref name="decayRate"/>, ≥ 1.</param>
    public ExponentialDecaySchedule(double initialRate, double decayRate, int decaySteps = 1)
    {
        InitialRate = HyperparameterGuard.NonNegative(initialRate, "The initial learning rate", nameof(initialRate));
        if (!(decayRate > 0 && decayRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(decayRate), decayRate, $"The decay rate must lie in (0, 1], got {decayRate:R}.");
        }

        DecayRate = decayRate;
        DecaySteps = HyperparameterGuard.PositiveCount(decaySteps, "The decay steps", nameof(decaySteps));
    }

    /// <summary>η₀, the rate at step 0.</summary>
    public double InitialRate { get; }

    /// <summary>Multiplier per <see cref="DecaySteps"/> steps.</summary>
    public double DecayRate { get; }

    /// <summary>Steps over which the rate is multiplied by <see cref="DecayRate"/>.</summary>
    public int DecaySteps { get; }

    private protected override double RateAt(int step) => InitialRate * Math.Pow(DecayRate, (double)step / DecaySteps);
}
