using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// Everything an optimiser needs to resume bit-identically: its step counter and per-parameter state tensors.
/// </summary>
/// <remarks>
/// Hyper-parameters (learning rate, decay rates, ε, weight decay) are configuration, not state: construct the
/// optimiser with the same ones before <see cref="Optimizer.LoadState"/>.
/// </remarks>
public sealed class OptimizerState
{
    /// <summary>Describes a saved optimiser state.</summary>
    /// <param name="stepCount">Steps taken so far (Adam's bias correction depends on it).</param>
    /// <param name="tensors">The state tensors, one per parameter and slot.</param>
    public OptimizerState(int stepCount, IReadOnlyList<OptimizerStateTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        StepCount = stepCount;
        Tensors = tensors;
    }

    /// <summary>Steps taken so far.</summary>
    public int StepCount { get; }

    /// <summary>The state tensors, one per parameter and slot.</summary>
    public IReadOnlyList<OptimizerStateTensor> Tensors { get; }
}
