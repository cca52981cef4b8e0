using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Forward vector kernels: each rents its result from this frame.
public sealed partial class Workspace
{
    /// <summary>a + b.</summary>
    public Vector<double> Add(Vector<double> a, Vector<double> b) => Add<double>(a, b);

    /// <inheritdoc cref="Add(Vector{double}, Vector{double})"/>
    public Vector<T> Add<T>(Vector<T> a, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Vector addition", a, b);
        Vector<T> result = RentResult(a.Count, out T[] r);
        TensorPrimitives.Add(Data(a), Data(b), r);
        return result;
    }

    /// <summary>a − b.</summary>
    public Vector<double> Subtract(Vector<double> a, Vector<double> b) => Subtract<double>(a, b);

    /// <inheritdoc cref="Subtract(Vector{double}, Vector{double})"/>
    public Vector<T> Subtract<T>(Vector<T> a, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Vector subtraction", a, b);
        Vector<T> result = RentResult(a.Count, out T[] r);
        TensorPrimitives.Subtract(Data(a), Data(b), r);
        return result;
    }

    /// <summary>−a.</summary>
    public Vector<double> Negate(Vector<double> a) => Negate<double>(a);

    /// <inheritdoc cref="Negate(Vector{double})"/>
    public Vector<T> Negate<T>(Vector<T> a)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        Vector<T> result = RentResult(a.Count, out T[] r);
        TensorPrimitives.Negate(Data(a), r);
        return result;
    }

    /// <summary>s · v.</summary>
    public Vector<double> Scale(double s, Vector<double> v) => Scale<double>(s, v);

    /// <inheritdoc cref="Scale(double, Vector{double})"/>
    public Vector<T> Scale<T>(T s, Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        TensorPrimitives.Multiply(Data(v), s, r);
        return result;
    }

    /// <summary>v + s, elementwise.</summary>
    public Vector<double> AddScalar(Vector<double> v, double s) => AddScalar<double>(v, s);

    /// <inheritdoc cref="AddScalar(Vector{double}, double)"/>
    public Vector<T> AddScalar<T>(Vector<T> v, T s)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        TensorPrimitives.Add(Data(v), s, r);
        return result;
    }

    /// <summary>s − v, elementwise.</summary>
    public Vector<double> ScalarMinus(double s, Vector<double> v) => ScalarMinus<double>(s, v);

    /// <inheritdoc cref="ScalarMinus(double, Vector{double})"/>
    public Vector<T> ScalarMinus<T>(T s, Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        TensorPrimitives.Subtract(s, Data(v), r);
        return result;
    }

    /// <summary>v / s, elementwise.</summary>
    public Vector<double> Divide(Vector<double> v, double s) => Divide<double>(v, s);

    /// <inheritdoc cref="Divide(Vector{double}, double)"/>
    public Vector<T> Divide<T>(Vector<T> v, T s)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        TensorPrimitives.Divide(Data(v), s, r);
        return result;
    }

    /// <summary>s / v, elementwise.</summary>
    public Vector<double> ScalarDivide(double s, Vector<double> v) => ScalarDivide<double>(s, v);

    /// <inheritdoc cref="ScalarDivide(double, Vector{double})"/>
    public Vector<T> ScalarDivide<T>(T s, Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        TensorPrimitives.Divide(s, Data(v), r);
        return result;
    }

    /// <summary>a ∘ b (elementwise product).</summary>
    public Vector<double> PointwiseMultiply(Vector<double> a, Vector<double> b) => PointwiseMultiply<double>(a, b);

    /// <inheritdoc cref="PointwiseMultiply(Vector{double}, Vector{double})"/>
    public Vector<T> PointwiseMultiply<T>(Vector<T> a, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Pointwise multiplication", a, b);
        Vector<T> result = RentResult(a.Count, out T[] r);
        TensorPrimitives.Multiply(Data(a), Data(b), r);
        return result;
    }

    /// <summary>a / b, elementwise.</summary>
    public Vector<double> PointwiseDivide(Vector<double> a, Vector<double> b) => PointwiseDivide<double>(a, b);

    /// <inheritdoc cref="PointwiseDivide(Vector{double}, Vector{double})"/>
    public Vector<T> PointwiseDivide<T>(Vector<T> a, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Pointwise division", a, b);
        Vector<T> result = RentResult(a.Count, out T[] r);
        TensorPrimitives.Divide(Data(a), Data(b), r);
        return result;
    }

    /// <summary>exp(v), elementwise.</summary>
    public Vector<double> PointwiseExp(Vector<double> v) => PointwiseExp<double>(v);

    /// <inheritdoc cref="PointwiseExp(Vector{double})"/>
    public Vector<T> PointwiseExp<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        TensorPrimitives.Exp(Data(v), r);
        return result;
    }

    /// <summary>log(v), elementwise.</summary>
    public Vector<double> PointwiseLog(Vector<double> v) => PointwiseLog<double>(v);

    /// <inheritdoc cref="PointwiseLog(Vector{double})"/>
    public Vector<T> PointwiseLog<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        TensorPrimitives.Log(Data(v), r);
        return result;
    }

    /// <summary>tanh(v), elementwise (same as <see cref="Tanh(Vector{double})"/>).</summary>
    public Vector<double> PointwiseTanh(Vector<double> v) => PointwiseTanh<double>(v);

    /// <inheritdoc cref="PointwiseTanh(Vector{double})"/>
    public Vector<T> PointwiseTanh<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => Tanh(v);

    /// <summary>m v.</summary>
    public Vector<double> Multiply(Matrix<double> m, Vector<double> v) => Multiply<double>(m, v);

    /// <inheritdoc cref="Multiply(Matrix{double}, Vector{double})"/>
    public Vector<T> Multiply<T>(Matrix<T> m, Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(v);
        if (m.ColumnCount != v.Count)
        {
            ShapeGuard.Throw(
                $"Matrix-vector product: the matrix is {ShapeGuard.Shape(m)} but the vector has length {v.Count}.",
                nameof(v));
        }

        Vector<T> result = RentResult(m.RowCount, out T[] r);
        Array.Clear(r);
        MatrixMath.AccumulateMultiply(r, Data(m), m.RowCount, m.ColumnCount, Data(v));
        return result;
    }

    /// <summary>Row <paramref name="i"/> of <paramref name="m"/> as a vector.</summary>
    public Vector<double> Row(Matrix<double> m, int i) => Row<double>(m, i);

    /// <inheritdoc cref="Row(Matrix{double}, int)"/>
    public Vector<T> Row<T>(Matrix<T> m, int i)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        ShapeGuard.Row("Row", i, m, nameof(i));
        int rows = m.RowCount;
        Vector<T> result = RentResult(m.ColumnCount, out T[] r);
        T[] data = Data(m);
        for (int j = 0; j < r.Length; j++)
        {
            r[j] = data[i + j * rows];
        }

        return result;
    }

    /// <summary>Column <paramref name="j"/> of <paramref name="m"/> as a vector.</summary>
    public Vector<double> Column(Matrix<double> m, int j) => Column<double>(m, j);

    /// <inheritdoc cref="Column(Matrix{double}, int)"/>
    public Vector<T> Column<T>(Matrix<T> m, int j)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        ShapeGuard.Column("Column", j, m, nameof(j));
        int rows = m.RowCount;
        Vector<T> result = RentResult(rows, out T[] r);
        Data(m).AsSpan(j * rows, rows).CopyTo(r);
        return result;
    }

    private static void CheckPair<T>(string operation, Vector<T> a, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ShapeGuard.SameLength(operation, a, b, nameof(b));
    }
}
