using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Adjoints of the element-wise and column-wise matrix operations (minibatches). The element-wise ones are the
// vector span kernels over the whole column-major storage; the column-wise ones go column by column.
public sealed partial class Workspace
{
    /// <summary>dX += dY ∘ Y ∘ (1 − Y), where Y = σ(X).</summary>
    public void AccumulateSigmoidGradient(Matrix<double> dx, Matrix<double> dy, Matrix<double> y) => AccumulateSigmoidGradient<double>(dx, dy, y);

    /// <inheritdoc cref="AccumulateSigmoidGradient(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulateSigmoidGradient<T>(Matrix<T> dx, Matrix<T> dy, Matrix<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateSigmoidGradient", dx, dy, y, "dy", "y");
        T[] d = Target(dx);
        VectorMath.AccumulateSigmoidGradient(d, Data(dy), Data(y));
        WriteBack(dx, d);
    }

    /// <summary>dX += dY ∘ (1 − Y∘Y), where Y = tanh(X).</summary>
    public void AccumulateTanhGradient(Matrix<double> dx, Matrix<double> dy, Matrix<double> y) => AccumulateTanhGradient<double>(dx, dy, y);

    /// <inheritdoc cref="AccumulateTanhGradient(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulateTanhGradient<T>(Matrix<T> dx, Matrix<T> dy, Matrix<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateTanhGradient", dx, dy, y, "dy", "y");
        T[] d = Target(dx);
        VectorMath.AccumulateTanhGradient(d, Data(dy), Data(y));
        WriteBack(dx, d);
    }

    /// <summary>dX += dY ∘ [X &gt; 0], the adjoint of relu(X).</summary>
    public void AccumulateReluGradient(Matrix<double> dx, Matrix<double> dy, Matrix<double> x) => AccumulateReluGradient<double>(dx, dy, x);

    /// <inheritdoc cref="AccumulateReluGradient(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulateReluGradient<T>(Matrix<T> dx, Matrix<T> dy, Matrix<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateReluGradient", dx, dy, x, "dy", "x");
        T[] d = Target(dx);
        VectorMath.AccumulateReluGradient(d, Data(dy), Data(x));
        WriteBack(dx, d);
    }

    /// <summary>dX += dY ∘ (X &gt; 0 ? 1 : slope), the adjoint of leakyrelu(X, slope) w.r.t. X.</summary>
    public void AccumulateLeakyReluGradient(Matrix<double> dx, Matrix<double> dy, Matrix<double> x, double slope) => AccumulateLeakyReluGradient<double>(dx, dy, x, slope);

    /// <inheritdoc cref="AccumulateLeakyReluGradient(Matrix{double}, Matrix{double}, Matrix{double}, double)"/>
    public void AccumulateLeakyReluGradient<T>(Matrix<T> dx, Matrix<T> dy, Matrix<T> x, T slope)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateLeakyReluGradient", dx, dy, x, "dy", "x");
        T[] d = Target(dx);
        VectorMath.AccumulateLeakyReluGradient(d, Data(dy), Data(x), slope);
        WriteBack(dx, d);
    }

    /// <summary>Σ dYᵢⱼ · min(Xᵢⱼ, 0), the adjoint of leakyrelu(X, slope) w.r.t. slope.</summary>
    public double LeakyReluSlopeGradient(Matrix<double> dy, Matrix<double> x) => LeakyReluSlopeGradient<double>(dy, x);

    /// <inheritdoc cref="LeakyReluSlopeGradient(Matrix{double}, Matrix{double})"/>
    public T LeakyReluSlopeGradient<T>(Matrix<T> dy, Matrix<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("LeakyReluSlopeGradient", dy, x);
        return VectorMath.LeakyReluSlopeGradient(Data(dy), Data(x));
    }

    /// <summary>dX += dY ∘ [−1 &lt; X &lt; 1], the adjoint of hardtanh(X).</summary>
    public void AccumulateHardTanhGradient(Matrix<double> dx, Matrix<double> dy, Matrix<double> x) => AccumulateHardTanhGradient<double>(dx, dy, x);

    /// <inheritdoc cref="AccumulateHardTanhGradient(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulateHardTanhGradient<T>(Matrix<T> dx, Matrix<T> dy, Matrix<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateHardTanhGradient", dx, dy, x, "dy", "x");
        T[] d = Target(dx);
        VectorMath.AccumulateHardTanhGradient(d, Data(dy), Data(x));
        WriteBack(dx, d);
    }

    /// <summary>dX[:, j] += Y[:, j] ∘ (dY[:, j] − ⟨dY[:, j], Y[:, j]⟩), where Y is the column-wise softmax of X.</summary>
    public void AccumulateSoftmaxGradient(Matrix<double> dx, Matrix<double> dy, Matrix<double> y) => AccumulateSoftmaxGradient<double>(dx, dy, y);

    /// <inheritdoc cref="AccumulateSoftmaxGradient(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulateSoftmaxGradient<T>(Matrix<T> dx, Matrix<T> dy, Matrix<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateSoftmaxGradient", dx, dy, y, "dy", "y");
        T[] d = Target(dx);
        ColumnwiseMath.AccumulateSoftmaxGradient(d, Data(dy), Data(y), dx.RowCount);
        WriteBack(dx, d);
    }

    /// <summary>dX[:, j] += dY[:, j] − exp(Y[:, j]) Σ dY[:, j], where Y is the column-wise log-softmax of X.</summary>
    public void AccumulateLogSoftmaxGradient(Matrix<double> dx, Matrix<double> dy, Matrix<double> y) => AccumulateLogSoftmaxGradient<double>(dx, dy, y);

    /// <inheritdoc cref="AccumulateLogSoftmaxGradient(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulateLogSoftmaxGradient<T>(Matrix<T> dx, Matrix<T> dy, Matrix<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateLogSoftmaxGradient", dx, dy, y, "dy", "y");
        T[] d = Target(dx);
        ColumnwiseMath.AccumulateLogSoftmaxGradient(d, Data(dy), Data(y), dx.RowCount);
        WriteBack(dx, d);
    }

    /// <summary>dZ += ds · (softmax(Z) − Y), column by column, where Y holds the one-hot labels: the minibatch δ.</summary>
    public void AccumulateCrossEntropyGradient(Matrix<double> dx, double ds, Matrix<double> logits, int[] labels) => AccumulateCrossEntropyGradient<double>(dx, ds, logits, labels);

    /// <inheritdoc cref="AccumulateCrossEntropyGradient(Matrix{double}, double, Matrix{double}, int[])"/>
    public void AccumulateCrossEntropyGradient<T>(Matrix<T> dx, T ds, Matrix<T> logits, int[] labels)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dx);
        BatchGuard.Labels("AccumulateCrossEntropyGradient", logits, labels);
        ShapeGuard.SameShape("AccumulateCrossEntropyGradient", dx, logits, nameof(logits), "the destination", "logits");
        T[] d = Target(dx);
        ColumnwiseMath.AccumulateCrossEntropyGradient(d, ds, Data(logits), logits.RowCount, labels);
        WriteBack(dx, d);
    }

    /// <summary>dst += a / b, elementwise (the adjoint of the dividend of a pointwise division, with a = dY).</summary>
    public void AccumulatePointwiseDivide(Matrix<double> dst, Matrix<double> a, Matrix<double> b) => AccumulatePointwiseDivide<double>(dst, a, b);

    /// <inheritdoc cref="AccumulatePointwiseDivide(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulatePointwiseDivide<T>(Matrix<T> dst, Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulatePointwiseDivide", dst, a, b, "a", "b");
        T[] d = Target(dst);
        VectorMath.AccumulatePointwiseDivide(d, Data(a), Data(b));
        WriteBack(dst, d);
    }

    /// <summary>dst −= dY ∘ Y / B, the adjoint of B in Y = A / B (or Y = s / B).</summary>
    public void AccumulateDivisorGradient(Matrix<double> dst, Matrix<double> dy, Matrix<double> y, Matrix<double> b) => AccumulateDivisorGradient<double>(dst, dy, y, b);

    /// <inheritdoc cref="AccumulateDivisorGradient(Matrix{double}, Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulateDivisorGradient<T>(Matrix<T> dst, Matrix<T> dy, Matrix<T> y, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateDivisorGradient", dst, dy, y, "dy", "y");
        ArgumentNullException.ThrowIfNull(b);
        ShapeGuard.SameShape("AccumulateDivisorGradient", dst, b, nameof(b), "the destination", "the divisor b");
        T[] d = Target(dst);
        VectorMath.AccumulateDivisorGradient(d, Data(dy), Data(y), Data(b));
        WriteBack(dst, d);
    }

    /// <summary>dst += dY 1 (the row sums of dY): the adjoint of the vector in <see cref="AddColumnwise"/>.</summary>
    public void AccumulateRowSums(Vector<double> dst, Matrix<double> dy) => AccumulateRowSums<double>(dst, dy);

    /// <inheritdoc cref="AccumulateRowSums(Vector{double}, Matrix{double})"/>
    public void AccumulateRowSums<T>(Vector<T> dst, Matrix<T> dy)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dy);
        BatchGuard.Length("AccumulateRowSums", dst, dy.RowCount, dy, "row", nameof(dst));
        T[] d = Target(dst);
        ColumnwiseMath.AccumulateRowSums(d, Data(dy), dy.RowCount);
        WriteBack(dst, d);
    }

    /// <summary>dA += dy 1ᵀ (dy added to every column), the adjoint of the row sums of A.</summary>
    public void AccumulateRowSumsGradient(Matrix<double> dst, Vector<double> dy, Matrix<double> a) => AccumulateRowSumsGradient<double>(dst, dy, a);

    /// <inheritdoc cref="AccumulateRowSumsGradient(Matrix{double}, Vector{double}, Matrix{double})"/>
    public void AccumulateRowSumsGradient<T>(Matrix<T> dst, Vector<T> dy, Matrix<T> a)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(a);
        ShapeGuard.SameShape("AccumulateRowSumsGradient", dst, a, nameof(a), "the destination", "a");
        BatchGuard.Length("AccumulateRowSumsGradient", dy, a.RowCount, a, "row", nameof(dy));
        T[] d = Target(dst);
        ColumnwiseMath.AccumulateToEveryColumn(d, dst.RowCount, Data(dy));
        WriteBack(dst, d);
    }

    /// <summary>dA += 1 dyᵀ (dyⱼ added to every entry of column j), the adjoint of the column sums of A.</summary>
    public void AccumulateColumnSumsGradient(Matrix<double> dst, Vector<double> dy, Matrix<double> a) => AccumulateColumnSumsGradient<double>(dst, dy, a);

    /// <inheritdoc cref="AccumulateColumnSumsGradient(Matrix{double}, Vector{double}, Matrix{double})"/>
    public void AccumulateColumnSumsGradient<T>(Matrix<T> dst, Vector<T> dy, Matrix<T> a)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(a);
        ShapeGuard.SameShape("AccumulateColumnSumsGradient", dst, a, nameof(a), "the destination", "a");
        BatchGuard.Length("AccumulateColumnSumsGradient", dy, a.ColumnCount, a, "column", nameof(dy));
        T[] d = Target(dst);
        ColumnwiseMath.AccumulateToEveryRow(d, dst.RowCount, Data(dy));
        WriteBack(dst, d);
    }

    // dst and two inputs of its shape, reported by their role in the message.
    private static void CheckAdjoint<T>(
        string operation, Matrix<T> dst, Matrix<T> first, Matrix<T> second, string firstName, string secondName)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(first, firstName);
        ArgumentNullException.ThrowIfNull(second, secondName);
        ShapeGuard.SameShape(operation, dst, first, firstName, "the destination", firstName);
        ShapeGuard.SameShape(operation, dst, second, secondName, "the destination", secondName);
    }
}
