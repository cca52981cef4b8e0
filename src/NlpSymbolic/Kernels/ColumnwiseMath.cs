using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NlpSymbolic;

/// <summary>
/// Column-wise span kernels over column-major rows×cols storage (a minibatch: one example per column), shared
/// by <see cref="Functions"/> and <see cref="Workspace"/> so both compute bit-for-bit the same values. Each
/// column goes through the vector kernel of <see cref="VectorMath"/>, so a column of a batch gives exactly what
/// the single-example form gives for that example.
/// </summary>
internal static class ColumnwiseMath
{
    /// <summary>Y[:, j] = M[:, j] + b for every column j.</summary>
    internal static void AddColumnwise<T>(ReadOnlySpan<T> m, int rows, ReadOnlySpan<T> b, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < m.Length; start += rows)
        {
            TensorPrimitives.Add(m.Slice(start, rows), b, y.Slice(start, rows));
        }
    }

    /// <summary>r += Σⱼ M[:, j] (the row sums, added into r).</summary>
    internal static void AccumulateRowSums<T>(Span<T> r, ReadOnlySpan<T> m, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < m.Length; start += rows)
        {
            TensorPrimitives.Add(r, m.Slice(start, rows), r);
        }
    }

    /// <summary>c[j] += Σᵢ M[i, j] (the column sums, added into c).</summary>
    internal static void AccumulateColumnSums<T>(Span<T> c, ReadOnlySpan<T> m, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < c.Length; j++)
        {
            c[j] += TensorPrimitives.Sum(m.Slice(j * rows, rows));
        }
    }

    /// <summary>D[:, j] += v for every column j (the adjoint of the row sums).</summary>
    internal static void AccumulateToEveryColumn<T>(Span<T> d, int rows, ReadOnlySpan<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < d.Length; start += rows)
        {
            Span<T> column = d.Slice(start, rows);
            TensorPrimitives.Add(column, v, column);
        }
    }

    /// <summary>D[:, j] += vⱼ in every row (the adjoint of the column sums).</summary>
    internal static void AccumulateToEveryRow<T>(Span<T> d, int rows, ReadOnlySpan<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < v.Length; j++)
        {
            Span<T> column = d.Slice(j * rows, rows);
            TensorPrimitives.Add(column, v[j], column);
        }
    }

    /// <summary>Each column's softmax. The destination must not alias x.</summary>
    internal static void Softmax<T>(ReadOnlySpan<T> x, int rows, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < x.Length; start += rows)
        {
            VectorMath.Softmax(x.Slice(start, rows), y.Slice(start, rows));
        }
    }

    /// <summary>Each column's log-softmax. The destination must not alias x.</summary>
    internal static void LogSoftmax<T>(ReadOnlySpan<T> x, int rows, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < x.Length; start += rows)
        {
            VectorMath.LogSoftmax(x.Slice(start, rows), y.Slice(start, rows));
        }
    }

    /// <summary>Σⱼ CrossEntropy(Z[:, j], labels[j]).</summary>
    internal static T CrossEntropy<T>(ReadOnlySpan<T> logits, int rows, ReadOnlySpan<int> labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int j = 0; j < labels.Length; j++)
        {
            sum += VectorMath.CrossEntropy(logits.Slice(j * rows, rows), labels[j]);
        }

        return sum;
    }

    /// <summary>dZ[:, j] += ds · (softmax(Z[:, j]) − e_labels[j]) for every column j.</summary>
    internal static void AccumulateCrossEntropyGradient<T>(
        Span<T> dz, T ds, ReadOnlySpan<T> logits, int rows, ReadOnlySpan<int> labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < labels.Length; j++)
        {
            VectorMath.AccumulateCrossEntropyGradient(dz.Slice(j * rows, rows), ds, logits.Slice(j * rows, rows), labels[j]);
        }
    }

    /// <summary>dX[:, j] += Y[:, j] ∘ (dY[:, j] − ⟨dY[:, j], Y[:, j]⟩), the adjoint of the column-wise softmax.</summary>
    internal static void AccumulateSoftmaxGradient<T>(Span<T> dx, ReadOnlySpan<T> dy, ReadOnlySpan<T> y, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < dx.Length; start += rows)
        {
            VectorMath.AccumulateSoftmaxGradient(dx.Slice(start, rows), dy.Slice(start, rows), y.Slice(start, rows));
        }
    }

    /// <summary>dX[:, j] += dY[:, j] − exp(Y[:, j]) Σ dY[:, j], the adjoint of the column-wise log-softmax.</summary>
    internal static void AccumulateLogSoftmaxGradient<T>(Span<T> dx, ReadOnlySpan<T> dy, ReadOnlySpan<T> y, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < dx.Length; start += rows)
        {
            VectorMath.AccumulateLogSoftmaxGradient(dx.Slice(start, rows), dy.Slice(start, rows), y.Slice(start, rows));
        }
    }
}
