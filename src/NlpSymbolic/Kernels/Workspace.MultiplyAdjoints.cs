using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// The two adjoints of y = W x as one kernel: AccumulateOuter(dW, dy, x) and AccumulateTransposeThisAndMultiply(dx,
// W, dy) each stream all of W or dW; together in one sweep, each column of W and of dW is touched once.
public sealed partial class Workspace
{
    /// <summary>
    /// dW += dy xᵀ and dx += Wᵀ dy (the adjoints of W and x in y = W x, with dy the adjoint of y), in one sweep
    /// over W. Pass null for a destination whose gradient is not wanted; the other is still computed.
    /// </summary>
    public void AccumulateMultiplyAdjoints(Matrix<double>? dW, Vector<double>? dx, Matrix<double> W, Vector<double> x, Vector<double> dy) => AccumulateMultiplyAdjoints<double>(dW, dx, W, x, dy);

    /// <inheritdoc cref="AccumulateMultiplyAdjoints(Matrix{double}, Vector{double}, Matrix{double}, Vector{double}, Vector{double})"/>
    public void AccumulateMultiplyAdjoints<T>(Matrix<T>? dW, Vector<T>? dx, Matrix<T> W, Vector<T> x, Vector<T> dy)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckMultiplyAdjoints(dW, dx, W, x, dy, nameof(AccumulateMultiplyAdjoints));
        if (typeof(T) == typeof(double) && dW is not null && FrameDeferring(AsDouble(dW)) is not null)
        {
            AccumulateMultiplyAdjointsDeferred(AsDouble(dW), dx is null ? null : AsDouble(dx), AsDouble(W), AsDouble(x), AsDouble(dy));
            return;
        }

        if (dW is null)
        {
            if (dx is not null)
            {
                AccumulateTransposeThisAndMultiply(dx, W, dy);
            }

            return;
        }

        if (dx is null)
        {
            AccumulateOuter(dW, dy, x);
            return;
        }

        KernelProbe.TransposeProducts++;
        T[] dWData = Target(dW);
        T[] dxData = Target(dx);
        MatrixMath.AccumulateMultiplyAdjoints(
            dWData, dxData, DataApartFrom(W, dWData), W.RowCount, W.ColumnCount, DataApartFrom(x, dxData), DataApartFrom(dy, dxData));
        WriteBack(dW, dWData);
        WriteBack(dx, dxData);
    }

    // One message for the immediate and the deferred form, named after the kernel the caller called.
    private static void CheckMultiplyAdjoints<T>(Matrix<T>? dW, Vector<T>? dx, Matrix<T> W, Vector<T> x, Vector<T> dy, string kernel)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(W);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(dy);
        if (W.ColumnCount != x.Count || W.RowCount != dy.Count)
        {
            ShapeGuard.Throw(
                $"{kernel} (adjoints of y = W x): W is {ShapeGuard.Shape(W)} but x has length {x.Count} and dy has length {dy.Count}.",
                W.ColumnCount != x.Count ? nameof(x) : nameof(dy));
        }

        if (dW is not null && (dW.RowCount != W.RowCount || dW.ColumnCount != W.ColumnCount))
        {
            ShapeGuard.Throw(
                $"{kernel} (adjoints of y = W x): dW is {ShapeGuard.Shape(dW)} but W is {ShapeGuard.Shape(W)}; they must have the same shape.",
                nameof(dW));
        }

        if (dx is not null && dx.Count != x.Count)
        {
            ShapeGuard.Throw(
                $"{kernel} (adjoints of y = W x): dx has length {dx.Count} but x has length {x.Count}; they must have the same length.",
                nameof(dx));
        }
    }
}
