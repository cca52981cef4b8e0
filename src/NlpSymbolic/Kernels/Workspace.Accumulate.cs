using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Additive adjoint kernels: each adds into its first argument in place.
public sealed partial class Workspace
{
    /// <summary>dst += src.</summary>
    public void Accumulate(Vector<double> dst, Vector<double> src) => Accumulate<double>(dst, src);

    /// <inheritdoc cref="Accumulate(Vector{double}, Vector{double})"/>
    public void Accumulate<T>(Vector<T> dst, Vector<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("Accumulate", dst, src);
        T[] d = Target(dst);
        TensorPrimitives.Add(d, Data(src), d);
        WriteBack(dst, d);
    }

    /// <summary>dst += src.</summary>
    public void Accumulate(Matrix<double> dst, Matrix<double> src) => Accumulate<double>(dst, src);

    /// <inheritdoc cref="Accumulate(Matrix{double}, Matrix{double})"/>
    public void Accumulate<T>(Matrix<T> dst, Matrix<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("Accumulate", dst, src);
        T[] d = Target(dst);
        TensorPrimitives.Add(d, Data(src), d);
        WriteBack(dst, d);
    }

    /// <summary>dst −= src.</summary>
    public void AccumulateNegate(Vector<double> dst, Vector<double> src) => AccumulateNegate<double>(dst, src);

    /// <inheritdoc cref="AccumulateNegate(Vector{double}, Vector{double})"/>
    public void AccumulateNegate<T>(Vector<T> dst, Vector<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateNegate", dst, src);
        T[] d = Target(dst);
        TensorPrimitives.Subtract(d, Data(src), d);
        WriteBack(dst, d);
    }

    /// <summary>dst −= src.</summary>
    public void AccumulateNegate(Matrix<double> dst, Matrix<double> src) => AccumulateNegate<double>(dst, src);

    /// <inheritdoc cref="AccumulateNegate(Matrix{double}, Matrix{double})"/>
    public void AccumulateNegate<T>(Matrix<T> dst, Matrix<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateNegate", dst, src);
        T[] d = Target(dst);
        TensorPrimitives.Subtract(d, Data(src), d);
        WriteBack(dst, d);
    }

    /// <summary>dst += s · src.</summary>
    public void AccumulateScale(Vector<double> dst, double s, Vector<double> src) => AccumulateScale<double>(dst, s, src);

    /// <inheritdoc cref="AccumulateScale(Vector{double}, double, Vector{double})"/>
    public void AccumulateScale<T>(Vector<T> dst, T s, Vector<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateScale", dst, src);
        T[] d = Target(dst);
        TensorPrimitives.MultiplyAdd(Data(src), s, d, d);
        WriteBack(dst, d);
    }

    /// <summary>dst += s · src.</summary>
    public void AccumulateScale(Matrix<double> dst, double s, Matrix<double> src) => AccumulateScale<double>(dst, s, src);

    /// <inheritdoc cref="AccumulateScale(Matrix{double}, double, Matrix{double})"/>
    public void AccumulateScale<T>(Matrix<T> dst, T s, Matrix<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateScale", dst, src);
        T[] d = Target(dst);
        TensorPrimitives.MultiplyAdd(Data(src), s, d, d);
        WriteBack(dst, d);
    }

    /// <summary>dst += s in every element.</summary>
    public void AccumulateScalar(Vector<double> dst, double s) => AccumulateScalar<double>(dst, s);

    /// <inheritdoc cref="AccumulateScalar(Vector{double}, double)"/>
    public void AccumulateScalar<T>(Vector<T> dst, T s)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        T[] d = Target(dst);
        TensorPrimitives.Add(d, s, d);
        WriteBack(dst, d);
    }

    /// <summary>dst += src[offset .. offset + dst.Count) — the adjoint of one part of a Concat.</summary>
    public void AccumulateSlice(Vector<double> dst, Vector<double> src, int offset) => AccumulateSlice<double>(dst, src, offset);

    /// <inheritdoc cref="AccumulateSlice(Vector{double}, Vector{double}, int)"/>
    public void AccumulateSlice<T>(Vector<T> dst, Vector<T> src, int offset)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        if (offset < 0 || offset > src.Count - dst.Count)
        {
            ShapeGuard.Throw(
                $"AccumulateSlice: a slice of length {dst.Count} at offset {offset} does not fit in a source of length {src.Count}.",
                nameof(offset));
        }

        T[] d = Target(dst);
        ReadOnlySpan<T> slice = DataApartFrom(src, d).AsSpan(offset, d.Length);
        TensorPrimitives.Add(d, slice, d);
        WriteBack(dst, d);
    }

    /// <summary>dst[i, :] += src.</summary>
    public void AccumulateIntoRow(Matrix<double> dst, int i, Vector<double> src) => AccumulateIntoRow<double>(dst, i, src);

    /// <inheritdoc cref="AccumulateIntoRow(Matrix{double}, int, Vector{double})"/>
    public void AccumulateIntoRow<T>(Matrix<T> dst, int i, Vector<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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

        T[] d = Target(dst);
        T[] s = Data(src);
        int rows = dst.RowCount;
        // A row is strided in column-major storage, so this is a plain loop.
        for (int j = 0; j < s.Length; j++)
        {
            d[i + j * rows] += s[j];
        }

        WriteBack(dst, d);
    }

    /// <summary>dst[:, j] += src.</summary>
    public void AccumulateIntoColumn(Matrix<double> dst, int j, Vector<double> src) => AccumulateIntoColumn<double>(dst, j, src);

    /// <inheritdoc cref="AccumulateIntoColumn(Matrix{double}, int, Vector{double})"/>
    public void AccumulateIntoColumn<T>(Matrix<T> dst, int j, Vector<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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

        T[] d = Target(dst);
        Span<T> column = d.AsSpan(j * dst.RowCount, dst.RowCount);
        TensorPrimitives.Add(column, Data(src), column);
        WriteBack(dst, d);
    }

    /// <summary>dst[i] += s.</summary>
    public void AccumulateAt(Vector<double> dst, int i, double s) => AccumulateAt<double>(dst, i, s);

    /// <inheritdoc cref="AccumulateAt(Vector{double}, int, double)"/>
    public void AccumulateAt<T>(Vector<T> dst, int i, T s)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ShapeGuard.Index("AccumulateAt", i, dst.Count, nameof(i));
        dst[i] += s;
    }

    /// <summary>dst[i, j] += s.</summary>
    public void AccumulateAt(Matrix<double> dst, int i, int j, double s) => AccumulateAt<double>(dst, i, j, s);

    /// <inheritdoc cref="AccumulateAt(Matrix{double}, int, int, double)"/>
    public void AccumulateAt<T>(Matrix<T> dst, int i, int j, T s)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ShapeGuard.Index("AccumulateAt", i, j, dst);
        dst[i, j] += s;
    }

    /// <summary>dst[i] += s.</summary>
    public void AccumulateElement(double[] dst, int i, double s) => AccumulateElement<double>(dst, i, s);

    /// <inheritdoc cref="AccumulateElement(double[], int, double)"/>
    public void AccumulateElement<T>(T[] dst, int i, T s)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ShapeGuard.Index("AccumulateElement", i, dst.Length, nameof(i));
        dst[i] += s;
    }

    /// <summary>dst[i] += src, where dst[i] is a vector.</summary>
    public void AccumulateElement(Vector<double>[] dst, int i, Vector<double> src) => AccumulateElement<double>(dst, i, src);

    /// <inheritdoc cref="AccumulateElement(Vector{double}[], int, Vector{double})"/>
    public void AccumulateElement<T>(Vector<T>[] dst, int i, Vector<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ShapeGuard.Index("AccumulateElement", i, dst.Length, nameof(i));
        Vector<T>? element = dst[i];
        if (element is null)
        {
            ShapeGuard.Throw($"AccumulateElement: element {i} of the destination array is null.", nameof(dst));
        }

        Accumulate(element, src);
    }

    private static void CheckAdjoint<T>(string operation, Vector<T> dst, Vector<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        ShapeGuard.SameLength(operation, dst, src, nameof(src), "the destination", "the source");
    }

    private static void CheckAdjoint<T>(string operation, Matrix<T> dst, Matrix<T> src)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        ShapeGuard.SameShape(operation, dst, src, nameof(src), "the destination", "the source");
    }
}
