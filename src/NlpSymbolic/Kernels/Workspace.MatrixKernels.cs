using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Forward matrix kernels: each rents its result from this frame.
public sealed partial class Workspace
{
    /// <summary>a + b.</summary>
    public Matrix<double> Add(Matrix<double> a, Matrix<double> b) => Add<double>(a, b);

    /// <inheritdoc cref="Add(Matrix{double}, Matrix{double})"/>
    public Matrix<T> Add<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Matrix addition", a, b);
        Matrix<T> result = RentResult(a.RowCount, a.ColumnCount, out T[] r);
        TensorPrimitives.Add(Data(a), Data(b), r);
        return result;
    }

    /// <summary>a − b.</summary>
    public Matrix<double> Subtract(Matrix<double> a, Matrix<double> b) => Subtract<double>(a, b);

    /// <inheritdoc cref="Subtract(Matrix{double}, Matrix{double})"/>
    public Matrix<T> Subtract<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Matrix subtraction", a, b);
        Matrix<T> result = RentResult(a.RowCount, a.ColumnCount, out T[] r);
        TensorPrimitives.Subtract(Data(a), Data(b), r);
        return result;
    }

    /// <summary>a ∘ b, elementwise.</summary>
    public Matrix<double> PointwiseMultiply(Matrix<double> a, Matrix<double> b) => PointwiseMultiply<double>(a, b);

    /// <inheritdoc cref="PointwiseMultiply(Matrix{double}, Matrix{double})"/>
    public Matrix<T> PointwiseMultiply<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Pointwise multiplication", a, b);
        Matrix<T> result = RentResult(a.RowCount, a.ColumnCount, out T[] r);
        TensorPrimitives.Multiply(Data(a), Data(b), r);
        return result;
    }

    /// <summary>−m.</summary>
    public Matrix<double> Negate(Matrix<double> m) => Negate<double>(m);

    /// <inheritdoc cref="Negate(Matrix{double})"/>
    public Matrix<T> Negate<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        TensorPrimitives.Negate(Data(m), r);
        return result;
    }

    /// <summary>s · m.</summary>
    public Matrix<double> Scale(double s, Matrix<double> m) => Scale<double>(s, m);

    /// <inheritdoc cref="Scale(double, Matrix{double})"/>
    public Matrix<T> Scale<T>(T s, Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        TensorPrimitives.Multiply(Data(m), s, r);
        return result;
    }

    /// <summary>a b.</summary>
    public Matrix<double> Multiply(Matrix<double> a, Matrix<double> b) => Multiply<double>(a, b);

    /// <inheritdoc cref="Multiply(Matrix{double}, Matrix{double})"/>
    public Matrix<T> Multiply<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.ColumnCount != b.RowCount)
        {
            ShapeGuard.Throw(
                $"Matrix product: the left matrix is {ShapeGuard.Shape(a)} but the right matrix is {ShapeGuard.Shape(b)}; " +
                "the left's column count must equal the right's row count.",
                nameof(b));
        }

        Matrix<T> result = RentResult(a.RowCount, b.ColumnCount, out T[] r);
        Array.Clear(r);
        MatrixMath.AccumulateProduct(r, Data(a), a.RowCount, a.ColumnCount, Data(b), b.ColumnCount);
        return result;
    }

    /// <summary>mᵀ.</summary>
    public Matrix<double> Transpose(Matrix<double> m) => Transpose<double>(m);

    /// <inheritdoc cref="Transpose(Matrix{double})"/>
    public Matrix<T> Transpose<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.ColumnCount, m.RowCount, out T[] r);
        MatrixMath.Transpose(Data(m), m.RowCount, m.ColumnCount, r);
        return result;
    }

    /// <summary>u vᵀ.</summary>
    public Matrix<double> Outer(Vector<double> u, Vector<double> v) => Outer<double>(u, v);

    /// <inheritdoc cref="Outer(Vector{double}, Vector{double})"/>
    public Matrix<T> Outer<T>(Vector<T> u, Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(v);
        int rows = u.Count;
        Matrix<T> result = RentResult(rows, v.Count, out T[] r);
        T[] ud = Data(u);
        T[] vd = Data(v);
        // (u vᵀ)[:, j] = vⱼ · u
        for (int j = 0; j < vd.Length; j++)
        {
            TensorPrimitives.Multiply(ud, vd[j], r.AsSpan(j * rows, rows));
        }

        return result;
    }

    private static void CheckPair<T>(string operation, Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ShapeGuard.SameShape(operation, a, b, nameof(b));
    }
}
