using System;

namespace NlpSymbolic.Training;

/// <summary>
/// A learning rate as a function of the step number.
/// </summary>
/// <remarks>
/// The step number passed to <see cref="Rate"/> counts the updates already made, so the first update uses
/// <c>Rate(0)</c>. <see cref="Apply"/> does exactly that with <see cref="Optimizer.StepCount"/>, which a
/// restored checkpoint also restores, so a resumed run continues on the same curve:
/// <code>
/// schedule.Apply(optimizer);   // optimizer.LearningRate = schedule.Rate(optimizer.StepCount)
/// optimizer.Step(parameters);
/// </code>
/// </remarks>
public abstract class LearningRateSchedule
{
    private protected LearningRateSchedule()
    {
    }

    /// <summary>The learning rate for the update that follows <paramref name="step"/> earlier updates.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public double Rate(int step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"The step number must be ≥ 0, got {step}.");
        }

        return RateAt(step);
    }

    /// <summary>Sets <paramref name="optimizer"/>'s learning rate to <c>Rate(optimizer.StepCount)</c>.</summary>
    public void Apply(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.LearningRate = Rate(optimizer.StepCount);
    }

    private protected abstract double RateAt(int step);
}
