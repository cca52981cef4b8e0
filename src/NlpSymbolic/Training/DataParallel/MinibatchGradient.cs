namespace NlpSymbolic.Training;

/// <summary>What <see cref="DataParallelBackward{TExample}.ComputeGradients(System.Collections.Generic.IReadOnlyList{TExample})"/> found besides the gradients.</summary>
/// <param name="Loss">The sum of the examples' losses, whatever the <see cref="GradientReduction"/>.</param>
/// <param name="Count">Number of examples in the minibatch.</param>
/// <param name="FirstNonFiniteLossIndex">
/// The list index of the first example (in minibatch order) whose loss was NaN or infinite, or −1 when all were finite.
/// </param>
public readonly record struct MinibatchGradient(double Loss, int Count, int FirstNonFiniteLossIndex)
{
    /// <summary>The mean loss per example.</summary>
    public double MeanLoss => Loss / Count;
}
