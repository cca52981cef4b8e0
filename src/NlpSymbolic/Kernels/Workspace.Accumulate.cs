using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Additive adjoint kernels: each adds into its first argument in place.
public sealed partial class Workspace
{
    /// <summary>dst += src.</summary>
    public void Accumulate(Vector<double> dst, Vector<double> src)
    {
        CheckAdjoint("Accumulate", dst, src);
        double[] d = Target(dst);
        TensorPrimitives.Add(d, Data(src), d);
        WriteBack(dst, d);
    }

    /// <summary>dst += src.</summary>
    public void Accumulate(Matrix<double> dst, Matrix<double> src)
    {
        CheckAdjoint("Accumulate", dst, src);
        double[] d = Target(dst);
        TensorPrimitives.Add(d, Data(src), d);
        WriteBack(dst, d);
    }

    /// <summary>dst −= src.</summary>
    public void AccumulateNegate(Vector<double> dst, Vector<double> src)
    {
        CheckAdjoint("AccumulateNegate", dst, src);
        double[] d = Target(dst);
        TensorPrimitives.Subtract(d, Data(src), d);
        WriteBack(dst, d);
    }

    /// <summary>dst −= src.</summary>
    public void AccumulateNegate(Matrix<double> dst, Matrix<double> src)
    {
        CheckAdjoint("AccumulateNegate", dst, src);
        double[] d = Target(dst);
        TensorPrimitives.Subtract(d, Data(src), d);
        WriteBack(dst, d);
    }

    /// <summary>dst += s · src.</summary>
    public void AccumulateScale(Vector<double> dst, double s, Vector<double> src)
    {
        CheckAdjoint("AccumulateScale", dst, src);
        double[] d = Target(dst);
        TensorPrimitives.MultiplyAdd(Data(src), s, d, d);
        WriteBack(dst, d);
    }

    /// <summary>dst += s · src.</summary>
    public void AccumulateScale(Matrix<double> dst, double s, Matrix<double> src)
    {
        CheckAdjoint("AccumulateScale", dst, src);
        double[] d = Target(dst);
        TensorPrimitives.MultiplyAdd(Data(src), s, d, d);
        WriteBack(dst, d);
    }

    /// <summary>dst += s in every element.</summary>
    public void AccumulateScalar(Vector<double> dst, double s)
    {
        ArgumentNullException.ThrowIfNull(dst);
        double[] d = Target(dst);
        TensorPrimitives.Add(d, s, d);
        WriteBack(dst, d);
    }

    /// <summary>dst += src[offset .. offset + dst.Count) — the adjoint of one part of a Concat.</summary>
    public void AccumulateSlice(Vector<double> dst, Vector<double> src, int offset)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        if (offset < 0 || offset > src.Count - dst.Count)
        {
            ShapeGuard.Throw(
                $"AccumulateSlice: a slice of length {dst.Count} at offset {offset} does not fit in a source of length {src.Count}.",
                nameof(offset));
        }

        double[] d = Target(dst);
        ReadOnlySpan<double> slice = DataApartFrom(src, d).AsSpan(offset, d.Length);
        TensorPrimitives.Add(d, slice, d);
        WriteBack(dst, d);
    }

    /// <summary>dst[i, :] += src.</summary>
    public void AccumulateIntoRow(Matrix<double> dst, int i, Vector<double> src)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        ShapeGuard.Row("AccumulateIntoRow", i, dst, nameof(i));
        if (src.Count != dst.ColumnCount)
        {
            ShapeGuard.Throw(
                $"AccumulateIntoRow: the destination is {ShapeGuard.Shape(dst)} (rows of length {dst.ColumnCount}) but the source has length {src.Count}.",
                nameof(src));
        }

        double[] d = Target(dst);
        double[] s = Data(src);
        int rows = dst.RowCount;
        // A row is strided in column-major storage, so this is a plain loop.
        for (int j = 0; j < s.Length; j++)
        {
            d[i + j * rows] += s[j];
        }

        WriteBack(dst, d);
    }

    /// <summary>dst[:, j] += src.</summary>
    public void AccumulateIntoColumn(Matrix<double> dst, int j, Vector<double> src)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        ShapeGuard.Column("AccumulateIntoColumn", j, dst, nameof(j));
        if (src.Count != dst.RowCount)
        {
            ShapeGuard.Throw(
                $"AccumulateIntoColumn: the destination is {ShapeGuard.Shape(dst)} (columns of length {dst.RowCount}) but the source has length {src.Count}.",
                nameof(src));
        }

        double[] d = Target(dst);
        Span<double> column = d.AsSpan(j * dst.RowCount, dst.RowCount);
        TensorPrimitives.Add(column, Data(src), column);
        WriteBack(dst, d);
    }

    /// <summary>dst[i] += s.</summary>
    public void AccumulateAt(Vector<double> dst, int i, double s)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ShapeGuard.Index("AccumulateAt", i, dst.Count, nameof(i));
        dst[i] += s;
    }

    /// <summary>dst[i, j] += s.</summary>
    public void AccumulateAt(Matrix<double> dst, int i, int j, double s)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ShapeGuard.Index("AccumulateAt", i, j, dst);
        dst[i, j] += s;
    }

    /// <summary>dst[i] += s.</summary>
    public void AccumulateElement(double[] dst, int i, double s)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ShapeGuard.Index("AccumulateElement", i, dst.Length, nameof(i));
        dst[i] += s;
    }

    /// <summary>dst[i] += src, where dst[i] is a vector.</summary>
    public void AccumulateElement(Vector<double>[] dst, int i, Vector<double> src)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ShapeGuard.Index("AccumulateElement", i, dst.Length, nameof(i));
        Vector<double>? element = dst[i];
        if (element is null)
        {
            ShapeGuard.Throw($"AccumulateElement: element {i} of the destination array is null.", nameof(dst));
        }

        Accumulate(element, src);
    }

    private static void CheckAdjoint(string operation, Vector<double> dst, Vector<double> src)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        ShapeGuard.SameLength(operation, dst, src, nameof(src), "the destination", "the source");
    }

    private static void CheckAdjoint(string operation, Matrix<double> dst, Matrix<double> src)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        ShapeGuard.SameShape(operation, dst, src, nameof(src), "the destination", "the source");
    }
}
