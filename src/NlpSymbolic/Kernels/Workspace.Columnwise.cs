using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Column-wise forward kernels: a minibatch holds one example per column. Each is the vector form applied to
// every column (ColumnwiseMath), so a batch's column equals the single-example result bit for bit.
public sealed partial class Workspace
{
    /// <summary>m + b 1ᵀ: <paramref name="b"/> added to every column; identical to <see cref="Functions.AddColumnwise"/>.</summary>
    public Matrix<double> AddColumnwise(Matrix<double> m, Vector<double> b)
    {
        BatchGuard.Bias("AddColumnwise", m, b);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        ColumnwiseMath.AddColumnwise(Data(m), m.RowCount, Data(b), r);
        return result;
    }

    /// <summary>The row sums m 1 (a vector with one entry per row).</summary>
    public Vector<double> RowSums(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Vector<double> result = RentResult(m.RowCount, out double[] r);
        Array.Clear(r);
        ColumnwiseMath.AccumulateRowSums(r, Data(m), m.RowCount);
        return result;
    }

    /// <summary>The column sums 1ᵀ m (a vector with one entry per column).</summary>
    public Vector<double> ColumnSums(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Vector<double> result = RentResult(m.ColumnCount, out double[] r);
        Array.Clear(r);
        ColumnwiseMath.AccumulateColumnSums(r, Data(m), m.RowCount);
        return result;
    }

    /// <summary>The softmax of every column, max-shifted; identical to <see cref="Functions.Softmax(Matrix{double})"/>.</summary>
    public Matrix<double> Softmax(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        ColumnwiseMath.Softmax(DataApartFrom(m, r), m.RowCount, r);
        return result;
    }

    /// <summary>The log-softmax of every column; identical to <see cref="Functions.LogSoftmax(Matrix{double})"/>.</summary>
    public Matrix<double> LogSoftmax(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        ColumnwiseMath.LogSoftmax(DataApartFrom(m, r), m.RowCount, r);
        return result;
    }

    /// <summary>Σⱼ CrossEntropy(logits[:, j], labels[j]); identical to <see cref="Functions.CrossEntropy(Matrix{double}, int[])"/>.</summary>
    public double CrossEntropy(Matrix<double> logits, int[] labels)
    {
        BatchGuard.Labels("Cross-entropy", logits, labels);
        return ColumnwiseMath.CrossEntropy(Data(logits), logits.RowCount, labels);
    }

    /// <summary>The mean over columns of the cross-entropy; identical to <see cref="Functions.MeanCrossEntropy"/>.</summary>
    public double MeanCrossEntropy(Matrix<double> logits, int[] labels)
    {
        BatchGuard.Labels("Mean cross-entropy", logits, labels);
        Functions.CheckNotEmptyBatch("Mean cross-entropy", logits);
        return ColumnwiseMath.CrossEntropy(Data(logits), logits.RowCount, labels) / labels.Length;
    }
}
