namespace NlpSymbolic.Training;

/// <summary>How the per-example gradients of a minibatch are combined into the gradient the optimiser sees.</summary>
public enum GradientReduction
{
    /// <summary>
    /// The mean over the minibatch's examples: the step size does not depend on the batch size, and a short
    /// last batch is not under-weighted.
    /// </summary>
    Mean,

    /// <summary>The sum over the minibatch's examples, exactly what the backward passes added.</summary>
    Sum,
}
