using System;

namespace NlpSymbolic.Training;

/// <summary>The shape of the decay after warm-up in a <see cref="WarmupDecaySchedule"/>.</summary>
public enum WarmupDecayShape
{
    /// <summary>A straight line from the peak rate down to the final rate.</summary>
    Linear,

    /// <summary>Half a cosine from the peak rate down to the final rate (slow, fast, then slow again).</summary>
    Cosine,
}

/// <summary>
/// Linear warm-up to a peak rate, then linear or cosine decay to a final rate at <see cref="TotalSteps"/>.
/// </summary>
/// <remarks>
/// For step &lt; W (warm-up steps): η = peak · (step + 1) / W, so the first update already moves and step W − 1
/// reaches the peak. For W ≤ step: with p = min(1, (step − W) / (T − W)), η = final + (peak − final) · (1 − p)
/// (linear) or final + (peak − final) · (1 + cos πp) / 2 (cosine). From step T on the rate stays at final.
/// </remarks>
public sealed class WarmupDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="peakRate">The rate at the end of warm-up, finite and ≥ 0.</param>
    /// <param name="warmupSteps">W ≥ 0 steps of linear warm-up (0 for none).</param>
    /// <param name="totalSteps">T ≥ W: the step at which the decay reaches <paramref name="finalRate"/>.</param>
    /// <param name="shape">Linear or cosine decay.</param>
    /// <param name="finalRate">The rate from step T on, finite and ≥ 0.</param>
    public WarmupDecaySchedule(
        double peakRate, int warmupSteps, int totalSteps, WarmupDecayShape shape = WarmupDecayShape.Cosine, double finalRate = 0.0)
    {
        PeakRate = HyperparameterGuard.NonNegative(peakRate, "The peak learning rate", nameof(peakRate));
        FinalRate = HyperparameterGuard.NonNegative(finalRate, "The final learning rate", nameof(finalRate));
        if (warmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"The warm-up steps must be ≥ 0, got {warmupSteps}.");
        }

        if (totalSteps < warmupSteps)
        {
            throw new ArgumentOutOfRangeException(
                nameof(totalSteps), totalSteps, $"The total steps ({totalSteps}) must be at least the warm-up steps ({warmupSteps}).");
        }

        if (!Enum.IsDefined(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown decay shape.");
        }

        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        Shape = shape;
    }

    /// <summary>The rate at the end of warm-up.</summary>
    public double PeakRate { get; }

    /// <summary>The rate from <see cref="TotalSteps"/> on.</summary>
    public double FinalRate { get; }

    /// <summary>Steps of linear warm-up.</summary>
    public int WarmupSteps { get; }

    /// <summary>The step at which the decay reaches <see cref="FinalRate"/>.</summary>
    public int TotalSteps { get; }

    /// <summary>Linear or cosine decay.</summary>
    public WarmupDecayShape Shape { get; }

    private protected override double RateAt(int step)
    {
        if (step < WarmupSteps)
        {
            return PeakRate * (step + 1) / WarmupSteps;
        }

        if (step >= TotalSteps)
        {
            return FinalRate;
        }

        double progress = (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps);
        double remaining = Shape == WarmupDecayShape.Linear ? 1 - progress : 0.5 * (1 + Math.Cos(Math.PI * progress));
        return FinalRate + (PeakRate - FinalRate) * remaining;
    }
}
