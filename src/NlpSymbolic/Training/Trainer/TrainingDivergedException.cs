using System;

namespace NlpSymbolic.Training;

/// <summary>
/// Thrown by <see cref="Trainer{TExample}.Train"/> when a step produced a NaN or infinite loss or gradient. The
/// step's update was not applied: the parameters and optimiser state are those after the previous step, and
/// the checkpoint sink was not given the bad state. The gradient buffers still hold the bad gradients.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Describes a diverged step.</summary>
    /// <param name="step">The 1-based number of the update that was refused.</param>
    /// <param name="epoch">The 1-based epoch it belonged to.</param>
    /// <param name="parameterName">The first parameter with a non-finite gradient, or null when all gradients were finite.</param>
    /// <param name="loss">The minibatch's summed loss.</param>
    /// <param name="exampleIndex">The training-list index of the first example with a non-finite loss, or null.</param>
    public TrainingDivergedException(long step, int epoch, string? parameterName, double loss, int? exampleIndex)
        : base(Describe(step, epoch, parameterName, loss, exampleIndex))
    {
        Step = step;
        Epoch = epoch;
        ParameterName = parameterName;
        Loss = loss;
        ExampleIndex = exampleIndex;
    }

    /// <summary>The 1-based number of the update that was refused; the parameters hold the values after update <c>Step − 1</c>.</summary>
    public long Step { get; }

    /// <summary>The 1-based epoch the step belonged to.</summary>
    public int Epoch { get; }

    /// <summary>The first parameter (in the set's order) whose gradient holds a NaN or infinity, or null.</summary>
    public string? ParameterName { get; }

    /// <summary>The minibatch's summed loss (possibly finite when only a gradient is bad).</summary>
    public double Loss { get; }

    /// <summary>The training-list index of the first example whose loss was not finite, or null.</summary>
    public int? ExampleIndex { get; }

    private static string Describe(long step, int epoch, string? parameterName, double loss, int? exampleIndex)
    {
        string what = (parameterName, double.IsFinite(loss)) switch
        {
            (not null, true) => $"the gradient of '{parameterName}' is not finite",
            (not null, false) => $"the loss is {loss} and the gradient of '{parameterName}' is not finite",
            _ => $"the loss is {loss}",
        };
        string example = exampleIndex is int i ? $" (first from example {i})" : "";
        return $"Training diverged at step {step} (epoch {epoch}): {what}{example}. The update was not applied, so the " +
               $"parameters hold the values after step {step - 1}. Try a lower learning rate or gradient clipping, " +
               "or look for log(0), division by zero or overflow in the model.";
    }
}
