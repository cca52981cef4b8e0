using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Argument checks emitted at the top of generated backward methods, so a caller's mistake is
// reported against the caller's own parameter names rather than deep inside a kernel.
public sealed partial class Workspace
{
    /// <summary>
    /// Throws if <paramref name="value"/> is null, or if <paramref name="grad"/> is passed without the length of
    /// <paramref name="value"/>. A null <paramref name="grad"/> means that gradient is not wanted.
    /// </summary>
    public void CheckGradient(Vector<double>? grad, Vector<double> value, string gradName, string valueName)
    {
        ArgumentNullException.ThrowIfNull(value, valueName);
        if (grad is not null && grad.Count != value.Count)
        {
            ShapeGuard.Throw(
                $"Gradient check: gradient '{gradName}' has length {grad.Count} but value '{valueName}' has length {value.Count}.",
                gradName);
        }
    }

    /// <summary>Throws if <paramref name="value"/> is null, or if <paramref name="grad"/> is passed without its shape; null is "not wanted".</summary>
    public void CheckGradient(Matrix<double>? grad, Matrix<double> value, string gradName, string valueName)
    {
        ArgumentNullException.ThrowIfNull(value, valueName);
        if (grad is not null && (grad.RowCount != value.RowCount || grad.ColumnCount != value.ColumnCount))
        {
            ShapeGuard.Throw(
                $"Gradient check: gradient '{gradName}' is {ShapeGuard.Shape(grad)} but value '{valueName}' is {ShapeGuard.Shape(value)}.",
                gradName);
        }
    }

    /// <summary>Throws if <paramref name="value"/> is null, or if <paramref name="grad"/> is passed without its length; null is "not wanted".</summary>
    public void CheckGradient(double[]? grad, double[] value, string gradName, string valueName)
    {
        ArgumentNullException.ThrowIfNull(value, valueName);
        if (grad is not null && grad.Length != value.Length)
        {
            ShapeGuard.Throw(
                $"Gradient check: gradient array '{gradName}' has length {grad.Length} but value array '{valueName}' has length {value.Length}.",
                gradName);
        }
    }

    /// <summary>
    /// Throws if <paramref name="value"/> or one of its elements is null, or if <paramref name="grad"/> is passed
    /// without as many elements as <paramref name="value"/>, each a non-null vector of the corresponding value's
    /// length. A null <paramref name="grad"/> means that gradient is not wanted (a null element is an error).
    /// </summary>
    public void CheckGradient(Vector<double>[]? grad, Vector<double>[] value, string gradName, string valueName)
    {
        CheckValue(value, valueName);
        if (grad is null)
        {
            return;
        }

        if (grad.Length != value.Length)
        {
            ShapeGuard.Throw(
                $"Gradient check: gradient array '{gradName}' has {grad.Length} elements but value array '{valueName}' has {value.Length}.",
                gradName);
        }

        for (int i = 0; i < grad.Length; i++)
        {
            Vector<double>? g = grad[i];
            if (g is null)
            {
                ShapeGuard.Throw($"Gradient check: element {i} of gradient array '{gradName}' is null.", gradName);
            }

            if (g.Count != value[i].Count)
            {
                ShapeGuard.Throw(
                    $"Gradient check: element {i} of gradient array '{gradName}' has length {g.Count} but element {i} of value array '{valueName}' has length {value[i].Count}.",
                    gradName);
            }
        }
    }

    /// <summary>Throws <see cref="ArgumentNullException"/> if <paramref name="value"/> is null.</summary>
    public void CheckValue(Vector<double> value, string valueName) =>
        ArgumentNullException.ThrowIfNull(value, valueName);

    /// <summary>Throws <see cref="ArgumentNullException"/> if <paramref name="value"/> is null.</summary>
    public void CheckValue(Matrix<double> value, string valueName) =>
        ArgumentNullException.ThrowIfNull(value, valueName);

    /// <summary>Throws <see cref="ArgumentNullException"/> if <paramref name="value"/> is null.</summary>
    public void CheckValue(double[] value, string valueName) =>
        ArgumentNullException.ThrowIfNull(value, valueName);

    /// <summary>Throws <see cref="ArgumentNullException"/> if <paramref name="value"/> or any of its elements is null.</summary>
    public void CheckValue(Vector<double>[] value, string valueName)
    {
        ArgumentNullException.ThrowIfNull(value, valueName);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] is null)
            {
                throw new ArgumentNullException(valueName, $"Value check: element {i} of '{valueName}' is null.");
            }
        }
    }

    /// <summary>
    /// A component of a tuple seed: null means no gradient flows from that output; otherwise it must have the
    /// output's length.
    /// </summary>
    public void CheckOptionalGradient(Vector<double>? grad, Vector<double> value, string gradName, string valueName)
    {
        if (grad is not null)
        {
            CheckGradient(grad, value, gradName, valueName);
        }
    }

    /// <summary>A component of a tuple seed: null means no gradient flows from that output; otherwise it must have the output's shape.</summary>
    public void CheckOptionalGradient(Matrix<double>? grad, Matrix<double> value, string gradName, string valueName)
    {
        if (grad is not null)
        {
            CheckGradient(grad, value, gradName, valueName);
        }
    }
}
