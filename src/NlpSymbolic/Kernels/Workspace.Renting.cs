using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

public sealed partial class Workspace
{
    /// <summary>A dense vector of the given length owned by this frame; contents unspecified.</summary>
    public Vector<double> RentVector(int length) => RentVector<double>(length);

    /// <inheritdoc cref="RentVector(int)"/>
    public Vector<T> RentVector<T>(int length)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long shape = ShapeKey<T>(VectorKind, length, 0);
        return TakeBuffer(shape) as Vector<T> ?? Own(Vector<T>.Build.Dense(length), shape);
    }

    /// <summary>A dense rows×columns matrix owned by this frame; contents unspecified.</summary>
    public Matrix<double> RentMatrix(int rows, int columns) => RentMatrix<double>(rows, columns);

    /// <inheritdoc cref="RentMatrix(int, int)"/>
    public Matrix<T> RentMatrix<T>(int rows, int columns)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        long shape = ShapeKey<T>(MatrixKind, rows, columns);
        return TakeBuffer(shape) as Matrix<T> ?? Own(Matrix<T>.Build.Dense(rows, columns), shape);
    }

    /// <summary>A zero vector with the length of <paramref name="v"/>, owned by this frame.</summary>
    public Vector<double> ZerosLike(Vector<double> v) => ZerosLike<double>(v);

    /// <inheritdoc cref="ZerosLike(Vector{double})"/>
    public Vector<T> ZerosLike<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentVector<T>(v.Count);
        Array.Clear(result.AsArray());
        return result;
    }

    /// <summary>A zero matrix with the shape of <paramref name="m"/>, owned by this frame.</summary>
    public Matrix<double> ZerosLike(Matrix<double> m) => ZerosLike<double>(m);

    /// <inheritdoc cref="ZerosLike(Matrix{double})"/>
    public Matrix<T> ZerosLike<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentMatrix<T>(m.RowCount, m.ColumnCount);
        Array.Clear(result.AsColumnMajorArray());
        return result;
    }

    /// <summary>
    /// <paramref name="buffer"/> cleared when it has the shape of <paramref name="v"/>, else a zero vector of that
    /// shape owned by this frame: how a reversed loop iteration starts a carried value's gradient over in the buffer
    /// it already has (a carried value may change shape between iterations, e.g. a result not yet assigned).
    /// </summary>
    public Vector<double> ZerosLike(Vector<double> v, Vector<double> buffer) => ZerosLike<double>(v, buffer);

    /// <inheritdoc cref="ZerosLike(Vector{double}, Vector{double})"/>
    public Vector<T> ZerosLike<T>(Vector<T> v, Vector<T> buffer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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
    public Matrix<double> ZerosLike(Matrix<double> m, Matrix<double> buffer) => ZerosLike<double>(m, buffer);

    /// <inheritdoc cref="ZerosLike(Matrix{double}, Matrix{double})"/>
    public Matrix<T> ZerosLike<T>(Matrix<T> m, Matrix<T> buffer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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

    private Vector<T> RentResult<T>(int length, out T[] data)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Vector<T> result = RentVector<T>(length);
        data = result.AsArray();
        return result;
    }

    private Matrix<T> RentResult<T>(int rows, int columns, out T[] data)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Matrix<T> result = RentMatrix<T>(rows, columns);
        data = result.AsColumnMajorArray();
        return result;
    }

    // Dense storage is used directly; anything else (sparse, diagonal, …) is copied into a rented
    // dense buffer so every kernel has a single span-based path.
    private T[] Data<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[]? data = v.AsArray();
        if (data is not null)
        {
            return data;
        }

        T[] copy = RentVector<T>(v.Count).AsArray();
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = v[i];
        }

        return copy;
    }

    private T[] Data<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[]? data = m.AsColumnMajorArray();
        if (data is not null)
        {
            return data;
        }

        int rows = m.RowCount;
        T[] copy = RentMatrix<T>(rows, m.ColumnCount).AsColumnMajorArray();
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
    private T[] DataApartFrom<T>(Vector<T> v, T[] destination)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] data = Data(v);
        return ReferenceEquals(data, destination) ? CopyOf(data) : data;
    }

    private T[] DataApartFrom<T>(Matrix<T> m, T[] destination)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] data = Data(m);
        return ReferenceEquals(data, destination) ? CopyOf(data) : data;
    }

    private T[] CopyOf<T>(T[] data)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] copy = RentVector<T>(data.Length).AsArray();
        data.AsSpan().CopyTo(copy);
        return copy;
    }

    // The destination of an adjoint kernel: dense storage in place, otherwise a rented copy that
    // WriteBack copies into the original afterwards.
    private T[] Target<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => Data(v);

    private T[] Target<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => Data(m);

    private static void WriteBack<T>(Vector<T> v, T[] data)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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

    private static void WriteBack<T>(Matrix<T> m, T[] data)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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
