using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Argument checks emitted at the top of generated backward methods, so a caller's mistake is
// reported against the caller's own parameter names rather than deep inside a kernel.
public sealed partial class Workspace
{
    /// <summary>Throws unless <paramref name="grad"/> is non-null and has the length of <paramref name="value"/>.</summary>
    public void CheckGradient(Vector<double> grad, Vector<double> value, string gradName, string valueName)
    {
        ArgumentNullException.ThrowIfNull(grad, gradName);
        ArgumentNullException.ThrowIfNull(value, valueName);
        if (grad.Count != value.Count)
        {
            ShapeGuard.Throw(
                $"Gradient check: gradient '{gradName}' has length {grad.Count} but value '{valueName}' has length {value.Count}.",
                gradName);
        }
    }

    /// <summary>Throws unless <paramref name="grad"/> is non-null and has the shape of <paramref name="value"/>.</summary>
    public void CheckGradient(Matrix<double> grad, Matrix<double> value, string gradName, string valueName)
    {
        ArgumentNullException.ThrowIfNull(grad, gradName);
        ArgumentNullException.ThrowIfNull(value, valueName);
        if (grad.RowCount != value.RowCount || grad.ColumnCount != value.ColumnCount)
        {
            ShapeGuard.Throw(
                $"Gradient check: gradient '{gradName}' is {ShapeGuard.Shape(grad)} but value '{valueName}' is {ShapeGuard.Shape(value)}.",
                gradName);
        }
    }

    /// <summary>Throws unless <paramref name="grad"/> is non-null and has the length of <paramref name="value"/>.</summary>
    public void CheckGradient(double[] grad, double[] value, string gradName, string valueName)
    {
        ArgumentNullException.ThrowIfNull(grad, gradName);
        ArgumentNullException.ThrowIfNull(value, valueName);
        if (grad.Length != value.Length)
        {
            ShapeGuard.Throw(
                $"Gradient check: gradient array '{gradName}' has length {grad.Length} but value array '{valueName}' has length {value.Length}.",
                gradName);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="grad"/> is non-null, has as many elements as <paramref name="value"/>,
    /// and each element is a non-null vector of the corresponding value's length.
    /// </summary>
    public void CheckGradient(Vector<double>[] grad, Vector<double>[] value, string gradName, string valueName)
    {
        ArgumentNullException.ThrowIfNull(grad, gradName);
        CheckValue(value, valueName);
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
