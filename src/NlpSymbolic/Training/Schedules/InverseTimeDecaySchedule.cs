namespace NlpSymbolic.Training;

/// <summary>
/// 1/t decay: η₀ / (1 + decayRate · step / decaySteps), the classic Robbins–Monro-style schedule for SGD.
/// </summary>
public sealed class InverseTimeDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">η₀, finite and ≥ 0.</param>
    /// <param name="decayRate">Finite and ≥ 0; the rate has halved after decaySteps / decayRate steps.</param>
    /// <param name="decaySteps">The unit of time, ≥ 1 (e.g. steps per epoch).</param>
    public InverseTimeDecaySchedule(double initialRate, double decayRate, int decaySteps = 1)
    {
        InitialRate = HyperparameterGuard.NonNegative(initialRate, "The initial learning rate", nameof(initialRate));
        DecayRate = HyperparameterGuard.NonNegative(decayRate, "The decay rate", nameof(decayRate));
        DecaySteps = HyperparameterGuard.PositiveCount(decaySteps, "The decay steps", nameof(decaySteps));
    }

    /// <summary>η₀, the rate at step 0.</summary>
    public double InitialRate { get; }

    /// <summary>The decay rate.</summary>
    public double DecayRate { get; }

    /// <summary>The unit of time in steps.</summary>
    public int DecaySteps { get; }

    private protected override double RateAt(int step) => InitialRate / (1 + DecayRate * step / DecaySteps);
}
