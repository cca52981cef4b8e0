using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Column-wise forward kernels: a minibatch holds one example per column. Each is the vector form applied to
// every column (ColumnwiseMath), so a batch's column equals the single-example result bit for bit.
public sealed partial class Workspace
{
    /// <summary>m + b 1ᵀ: <paramref name="b"/> added to every column; identical to <see cref="Functions.AddColumnwise"/>.</summary>
    public Matrix<double> AddColumnwise(Matrix<double> m, Vector<double> b) => AddColumnwise<double>(m, b);

    /// <inheritdoc cref="AddColumnwise(Matrix{double}, Vector{double})"/>
    public Matrix<T> AddColumnwise<T>(Matrix<T> m, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        BatchGuard.Bias("AddColumnwise", m, b);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        ColumnwiseMath.AddColumnwise(Data(m), m.RowCount, Data(b), r);
        return result;
    }

    /// <summary>The row sums m 1 (a vector with one entry per row).</summary>
    public Vector<double> RowSums(Matrix<double> m) => RowSums<double>(m);

    /// <inheritdoc cref="RowSums(Matrix{double})"/>
    public Vector<T> RowSums<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Vector<T> result = RentResult(m.RowCount, out T[] r);
        Array.Clear(r);
        ColumnwiseMath.AccumulateRowSums(r, Data(m), m.RowCount);
        return result;
    }

    /// <summary>The column sums 1ᵀ m (a vector with one entry per column).</summary>
    public Vector<double> ColumnSums(Matrix<double> m) => ColumnSums<double>(m);

    /// <inheritdoc cref="ColumnSums(Matrix{double})"/>
    public Vector<T> ColumnSums<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Vector<T> result = RentResult(m.ColumnCount, out T[] r);
        Array.Clear(r);
        ColumnwiseMath.AccumulateColumnSums(r, Data(m), m.RowCount);
        return result;
    }

    /// <summary>The softmax of every column, max-shifted; identical to <see cref="Functions.Softmax(Matrix{double})"/>.</summary>
    public Matrix<double> Softmax(Matrix<double> m) => Softmax<double>(m);

    /// <inheritdoc cref="Softmax(Matrix{double})"/>
    public Matrix<T> Softmax<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        ColumnwiseMath.Softmax(DataApartFrom(m, r), m.RowCount, r);
        return result;
    }

    /// <summary>The log-softmax of every column; identical to <see cref="Functions.LogSoftmax(Matrix{double})"/>.</summary>
    public Matrix<double> LogSoftmax(Matrix<double> m) => LogSoftmax<double>(m);

    /// <inheritdoc cref="LogSoftmax(Matrix{double})"/>
    public Matrix<T> LogSoftmax<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        ColumnwiseMath.LogSoftmax(DataApartFrom(m, r), m.RowCount, r);
        return result;
    }

    /// <summary>Σⱼ CrossEntropy(logits[:, j], labels[j]); identical to <see cref="Functions.CrossEntropy(Matrix{double}, int[])"/>.</summary>
    public double CrossEntropy(Matrix<double> logits, int[] labels) => CrossEntropy<double>(logits, labels);

    /// <inheritdoc cref="CrossEntropy(Matrix{double}, int[])"/>
    public T CrossEntropy<T>(Matrix<T> logits, int[] labels)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        BatchGuard.Labels("Cross-entropy", logits, labels);
        return ColumnwiseMath.CrossEntropy(Data(logits), logits.RowCount, labels);
    }

    /// <summary>The mean over columns of the cross-entropy; identical to <see cref="Functions.MeanCrossEntropy"/>.</summary>
    public double MeanCrossEntropy(Matrix<double> logits, int[] labels) => MeanCrossEntropy<double>(logits, labels);

    /// <inheritdoc cref="MeanCrossEntropy(Matrix{double}, int[])"/>
    public T MeanCrossEntropy<T>(Matrix<T> logits, int[] labels)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        BatchGuard.Labels("Mean cross-entropy", logits, labels);
        Functions.CheckNotEmptyBatch("Mean cross-entropy", logits);
        return ColumnwiseMath.CrossEntropy(Data(logits), logits.RowCount, labels) / T.CreateTruncating(labels.Length);
    }
}
