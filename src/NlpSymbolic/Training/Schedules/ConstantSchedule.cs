namespace NlpSymbolic.Training;

/// <summary>The same learning rate at every step.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="rate">The learning rate, finite and ≥ 0.</param>
    public ConstantSchedule(double rate)
    {
        LearningRate = HyperparameterGuard.NonNegative(rate, "The learning rate", nameof(rate));
    }

    /// <summary>The learning rate.</summary>
    public double LearningRate { get; }

    private protected override double RateAt(int step) => LearningRate;
}
