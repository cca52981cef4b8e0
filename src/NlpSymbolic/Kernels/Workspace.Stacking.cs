using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Vectors stacked into a matrix (Matrix<double>.Build.DenseOfColumnVectors / DenseOfRowVectors) and the
// adjoints that take the columns, rows or Concat slices back out. The span overloads take any number of
// separate vectors without a heap array; the array overloads take a Vector<double>[] as written.
public sealed partial class Workspace
{
    /// <summary>The matrix whose columns are <paramref name="columns"/>.</summary>
    public Matrix<double> DenseOfColumnVectors(params ReadOnlySpan<Vector<double>> columns)
    {
        int rows = CommonLength("DenseOfColumnVectors", columns);
        Matrix<double> result = RentResult(rows, columns.Length, out double[] r);
        for (int j = 0; j < columns.Length; j++)
        {
            Data(columns[j]).AsSpan().CopyTo(r.AsSpan(j * rows, rows));
        }

        return result;
    }

    /// <summary>The matrix whose columns are the vectors of <paramref name="columns"/>.</summary>
    public Matrix<double> DenseOfColumnVectors(Vector<double>[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return DenseOfColumnVectors(columns.AsSpan());
    }

    /// <summary>The matrix whose rows are <paramref name="rowVectors"/>.</summary>
    public Matrix<double> DenseOfRowVectors(params ReadOnlySpan<Vector<double>> rowVectors)
    {
        int columns = CommonLength("DenseOfRowVectors", rowVectors);
        int rows = rowVectors.Length;
        Matrix<double> result = RentResult(rows, columns, out double[] r);
        for (int i = 0; i < rows; i++)
        {
            double[] row = Data(rowVectors[i]);
            for (int j = 0; j < columns; j++)
            {
                r[i + j * rows] = row[j];
            }
        }

        return result;
    }

    /// <summary>The matrix whose rows are the vectors of <paramref name="rowVectors"/>.</summary>
    public Matrix<double> DenseOfRowVectors(Vector<double>[] rowVectors)
    {
        ArgumentNullException.ThrowIfNull(rowVectors);
        return DenseOfRowVectors(rowVectors.AsSpan());
    }

    /// <summary>dst += src[:, j]: the adjoint of column j of a stacked matrix.</summary>
    public void AccumulateColumn(Vector<double> dst, Matrix<double> src, int j)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        ShapeGuard.Column("AccumulateColumn", j, src, nameof(j));
        if (dst.Count != src.RowCount)
        {
            ShapeGuard.Throw($"AccumulateColumn: the destination has length {dst.Count} but the source is {ShapeGuard.Shape(src)}.", nameof(dst));
        }

        double[] d = Target(dst);
        TensorPrimitives.Add(d, Data(src).AsSpan(j * src.RowCount, src.RowCount), d);
        WriteBack(dst, d);
    }

    /// <summary>dst += src[i, :]ᵀ: the adjoint of row i of a stacked matrix.</summary>
    public void AccumulateRow(Vector<double> dst, Matrix<double> src, int i)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        ShapeGuard.Row("AccumulateRow", i, src, nameof(i));
        if (dst.Count != src.ColumnCount)
        {
            ShapeGuard.Throw($"AccumulateRow: the destination has length {dst.Count} but the source is {ShapeGuard.Shape(src)}.", nameof(dst));
        }

        double[] d = Target(dst);
        double[] s = Data(src);
        int rows = src.RowCount;
        for (int j = 0; j < d.Length; j++)
        {
            d[j] += s[i + j * rows];
        }

        WriteBack(dst, d);
    }

    /// <summary>dst[j] += src[:, j] for every j: the adjoint of DenseOfColumnVectors(array).</summary>
    public void AccumulateColumns(Vector<double>[] dst, Matrix<double> src)
    {
        CheckStack("AccumulateColumns", dst, src, src.ColumnCount);
        for (int j = 0; j < dst.Length; j++)
        {
            AccumulateColumn(dst[j], src, j);
        }
    }

    /// <summary>dst[i] += src[i, :]ᵀ for every i: the adjoint of DenseOfRowVectors(array).</summary>
    public void AccumulateRows(Vector<double>[] dst, Matrix<double> src)
    {
        CheckStack("AccumulateRows", dst, src, src.RowCount);
        for (int i = 0; i < dst.Length; i++)
        {
            AccumulateRow(dst[i], src, i);
        }
    }

    /// <summary>dst[k] += its slice of src, the parts laid end to end: the adjoint of Concat(array).</summary>
    public void AccumulateSlices(Vector<double>[] dst, Vector<double> src)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        int offset = 0;
        for (int k = 0; k < dst.Length; k++)
        {
            Vector<double> part = dst[k] ?? throw new ArgumentException($"AccumulateSlices: element {k} of the destination array is null.", nameof(dst));
            AccumulateSlice(part, src, offset);
            offset += part.Count;
        }

        if (offset != src.Count)
        {
            ShapeGuard.Throw($"AccumulateSlices: the parts have {offset} elements in all but the source has {src.Count}.", nameof(src));
        }
    }

    private static int CommonLength(string operation, ReadOnlySpan<Vector<double>> vectors)
    {
        int length = -1;
        for (int k = 0; k < vectors.Length; k++)
        {
            Vector<double>? v = vectors[k];
            if (v is null)
            {
                throw new ArgumentNullException(nameof(vectors), $"{operation}: vector {k} is null.");
            }

            if (length >= 0 && v.Count != length)
            {
                ShapeGuard.Throw($"{operation}: vector {k} has length {v.Count} but vector 0 has length {length}.", nameof(vectors));
            }

            length = v.Count;
        }

        return Math.Max(length, 0);
    }

    private static void CheckStack(string operation, Vector<double>[] dst, Matrix<double> src, int count)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        if (dst.Length != count)
        {
            ShapeGuard.Throw($"{operation}: the destination array has {dst.Length} elements but the source is {ShapeGuard.Shape(src)}.", nameof(dst));
        }

        for (int k = 0; k < dst.Length; k++)
        {
            if (dst[k] is null)
            {
                ShapeGuard.Throw($"{operation}: element {k} of the destination array is null.", nameof(dst));
            }
        }
    }
}
