using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// One tensor of an optimiser's state, such as Adam's first moment of parameter "W", named "W.m".
/// </summary>
public sealed class OptimizerStateTensor
{
    /// <summary>Describes one state tensor.</summary>
    /// <param name="parameterName">The parameter the state belongs to.</param>
    /// <param name="slot">The kind of state, e.g. "m", "v", "velocity", "sumOfSquares".</param>
    /// <param name="shape">[rows, columns] for a matrix parameter, [length] for a vector parameter.</param>
    /// <param name="data">The values in the parameter's storage order (column-major for matrices).</param>
    public OptimizerStateTensor(string parameterName, string slot, IReadOnlyList<int> shape, ReadOnlyMemory<double> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(parameterName);
        ArgumentException.ThrowIfNullOrEmpty(slot);
        ArgumentNullException.ThrowIfNull(shape);
        ParameterName = parameterName;
        Slot = slot;
        Shape = shape;
        Data = data;
        Name = Join(parameterName, slot);
    }

    /// <summary>"<c>parameter.slot</c>", the key to store the tensor under.</summary>
    public string Name { get; }

    /// <summary>The parameter the state belongs to.</summary>
    public string ParameterName { get; }

    /// <summary>The kind of state, e.g. "m" or "v" for Adam.</summary>
    public string Slot { get; }

    /// <summary>[rows, columns] for a matrix parameter, [length] for a vector parameter.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The values in the parameter's storage order (column-major for matrices).</summary>
    public ReadOnlyMemory<double> Data { get; }

    internal static string Join(string parameterName, string slot) => parameterName + "." + slot;
}
