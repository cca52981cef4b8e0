using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

/// <summary>Checks of the column-wise (minibatch) operations: one example per column.</summary>
internal static class BatchGuard
{
    /// <summary>One label per column of <paramref name="logits"/>, each a row index.</summary>
    internal static void Labels<T>(string operation, Matrix<T> logits, int[] labels)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != logits.ColumnCount)
        {
            ShapeGuard.Throw(
                $"{operation}: the logits are {ShapeGuard.Shape(logits)} (one example per column) but there are {labels.Length} labels; give one label per column.",
                nameof(labels));
        }

        for (int j = 0; j < labels.Length; j++)
        {
            if ((uint)labels[j] >= (uint)logits.RowCount)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(labels),
                    labels[j],
                    $"{operation}: label {labels[j]} of column {j} is out of range for logits with {logits.RowCount} rows (classes).");
            }
        }
    }

    /// <summary>A bias with one entry per row of <paramref name="m"/>.</summary>
    internal static void Bias<T>(string operation, Matrix<T> m, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Count != m.RowCount)
        {
            ShapeGuard.Throw(
                $"{operation}: the matrix is {ShapeGuard.Shape(m)} but the vector added to every column has length {b.Count}; it must have length {m.RowCount}.",
                nameof(b));
        }
    }

    /// <summary>A destination vector with one entry per row (or per column) of <paramref name="m"/>.</summary>
    internal static void Length<T>(string operation, Vector<T> v, int expected, Matrix<T> m, string what, string paramName)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v, paramName);
        ArgumentNullException.ThrowIfNull(m);
        if (v.Count != expected)
        {
            ShapeGuard.Throw(
                $"{operation}: the matrix is {ShapeGuard.Shape(m)} but the vector has length {v.Count}; it must have one entry per {what} ({expected}).",
                paramName);
        }
    }
}
