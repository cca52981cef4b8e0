using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

public sealed partial class Workspace
{
    /// <summary>A dense vector of the given length owned by this frame; contents unspecified.</summary>
    public Vector<double> RentVector(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long shape = ShapeKey(VectorKind, length, 0);
        return TakeBuffer(shape) as Vector<double> ?? Own(Vector<double>.Build.Dense(length), shape);
    }

    /// <summary>A dense rows×columns matrix owned by this frame; contents unspecified.</summary>
    public Matrix<double> RentMatrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        long shape = ShapeKey(MatrixKind, rows, columns);
        return TakeBuffer(shape) as Matrix<double> ?? Own(Matrix<double>.Build.Dense(rows, columns), shape);
    }

    /// <summary>A zero vector with the length of <paramref name="v"/>, owned by this frame.</summary>
    public Vector<double> ZerosLike(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentVector(v.Count);
        Array.Clear(result.AsArray());
        return result;
    }

    /// <summary>A zero matrix with the shape of <paramref name="m"/>, owned by this frame.</summary>
    public Matrix<double> ZerosLike(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentMatrix(m.RowCount, m.ColumnCount);
        Array.Clear(result.AsColumnMajorArray());
        return result;
    }

    /// <summary>
    /// <paramref name="buffer"/> cleared when it has the shape of <paramref name="v"/>, else a zero vector of that
    /// shape owned by this frame: how a reversed loop iteration starts a carried value's gradient over in the buffer
    /// it already has (a carried value may change shape between iterations, e.g. a result not yet assigned).
    /// </summary>
    public Vector<double> ZerosLike(Vector<double> v, Vector<double> buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Count != v.Count)
        {
            return ZerosLike(v);
        }

        Array.Clear(buffer.AsArray() ?? throw new ArgumentException("ZerosLike: the buffer to reuse must be dense.", nameof(buffer)));
        return buffer;
    }

    /// <summary><paramref name="buffer"/> cleared when it has the shape of <paramref name="m"/>, else a zero matrix of that shape owned by this frame.</summary>
    public Matrix<double> ZerosLike(Matrix<double> m, Matrix<double> buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.RowCount != m.RowCount || buffer.ColumnCount != m.ColumnCount)
        {
            return ZerosLike(m);
        }

        Array.Clear(buffer.AsColumnMajorArray() ?? throw new ArgumentException("ZerosLike: the buffer to reuse must be dense.", nameof(buffer)));
        return buffer;
    }

    private void EnsureActive()
    {
        if (!_active)
        {
            throw new InvalidOperationException(
                "Workspace: this frame was used after its Exit; buffers must be rented between Enter and Exit.");
        }
    }

    private Vector<double> RentResult(int length, out double[] data)
    {
        Vector<double> result = RentVector(length);
        data = result.AsArray();
        return result;
    }

    private Matrix<double> RentResult(int rows, int columns, out double[] data)
    {
        Matrix<double> result = RentMatrix(rows, columns);
        data = result.AsColumnMajorArray();
        return result;
    }

    // Dense storage is used directly; anything else (sparse, diagonal, …) is copied into a rented
    // dense buffer so every kernel has a single span-based path.
    private double[] Data(Vector<double> v)
    {
        double[]? data = v.AsArray();
        if (data is not null)
        {
            return data;
        }

        double[] copy = RentVector(v.Count).AsArray();
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = v[i];
        }

        return copy;
    }

    private double[] Data(Matrix<double> m)
    {
        double[]? data = m.AsColumnMajorArray();
        if (data is not null)
        {
            return data;
        }

        int rows = m.RowCount;
        double[] copy = RentMatrix(rows, m.ColumnCount).AsColumnMajorArray();
        for (int j = 0; j < m.ColumnCount; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                copy[i + j * rows] = m[i, j];
            }
        }

        return copy;
    }

    // For kernels that are not elementwise, an input sharing storage with the destination would be
    // read after it has been partly overwritten; such an input is read from a rented copy instead.
    private double[] DataApartFrom(Vector<double> v, double[] destination)
    {
        double[] data = Data(v);
        return ReferenceEquals(data, destination) ? CopyOf(data) : data;
    }

    private double[] DataApartFrom(Matrix<double> m, double[] destination)
    {
        double[] data = Data(m);
        return ReferenceEquals(data, destination) ? CopyOf(data) : data;
    }

    private double[] CopyOf(double[] data)
    {
        double[] copy = RentVector(data.Length).AsArray();
        data.AsSpan().CopyTo(copy);
        return copy;
    }

    // The destination of an adjoint kernel: dense storage in place, otherwise a rented copy that
    // WriteBack copies into the original afterwards.
    private double[] Target(Vector<double> v) => Data(v);

    private double[] Target(Matrix<double> m) => Data(m);

    private static void WriteBack(Vector<double> v, double[] data)
    {
        if (v.AsArray() is not null)
        {
            return;
        }

        for (int i = 0; i < data.Length; i++)
        {
            v[i] = data[i];
        }
    }

    private static void WriteBack(Matrix<double> m, double[] data)
    {
        if (m.AsColumnMajorArray() is not null)
        {
            return;
        }

        int rows = m.RowCount;
        for (int j = 0; j < m.ColumnCount; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                m[i, j] = data[i + j * rows];
            }
        }
    }
}
