using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Forward vector kernels: each rents its result from this frame.
public sealed partial class Workspace
{
    /// <summary>a + b.</summary>
    public Vector<double> Add(Vector<double> a, Vector<double> b)
    {
        CheckPair("Vector addition", a, b);
        Vector<double> result = RentResult(a.Count, out double[] r);
        TensorPrimitives.Add(Data(a), Data(b), r);
        return result;
    }

    /// <summary>a − b.</summary>
    public Vector<double> Subtract(Vector<double> a, Vector<double> b)
    {
        CheckPair("Vector subtraction", a, b);
        Vector<double> result = RentResult(a.Count, out double[] r);
        TensorPrimitives.Subtract(Data(a), Data(b), r);
        return result;
    }

    /// <summary>−a.</summary>
    public Vector<double> Negate(Vector<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        Vector<double> result = RentResult(a.Count, out double[] r);
        TensorPrimitives.Negate(Data(a), r);
        return result;
    }

    /// <summary>s · v.</summary>
    public Vector<double> Scale(double s, Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        TensorPrimitives.Multiply(Data(v), s, r);
        return result;
    }

    /// <summary>v + s, elementwise.</summary>
    public Vector<double> AddScalar(Vector<double> v, double s)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        TensorPrimitives.Add(Data(v), s, r);
        return result;
    }

    /// <summary>s − v, elementwise.</summary>
    public Vector<double> ScalarMinus(double s, Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        TensorPrimitives.Subtract(s, Data(v), r);
        return result;
    }

    /// <summary>v / s, elementwise.</summary>
    public Vector<double> Divide(Vector<double> v, double s)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        TensorPrimitives.Divide(Data(v), s, r);
        return result;
    }

    /// <summary>s / v, elementwise.</summary>
    public Vector<double> ScalarDivide(double s, Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        TensorPrimitives.Divide(s, Data(v), r);
        return result;
    }

    /// <summary>a ∘ b (elementwise product).</summary>
    public Vector<double> PointwiseMultiply(Vector<double> a, Vector<double> b)
    {
        CheckPair("Pointwise multiplication", a, b);
        Vector<double> result = RentResult(a.Count, out double[] r);
        TensorPrimitives.Multiply(Data(a), Data(b), r);
        return result;
    }

    /// <summary>a / b, elementwise.</summary>
    public Vector<double> PointwiseDivide(Vector<double> a, Vector<double> b)
    {
        CheckPair("Pointwise division", a, b);
        Vector<double> result = RentResult(a.Count, out double[] r);
        TensorPrimitives.Divide(Data(a), Data(b), r);
        return result;
    }

    /// <summary>exp(v), elementwise.</summary>
    public Vector<double> PointwiseExp(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        TensorPrimitives.Exp(Data(v), r);
        return result;
    }

    /// <summary>log(v), elementwise.</summary>
    public Vector<double> PointwiseLog(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        TensorPrimitives.Log(Data(v), r);
        return result;
    }

    /// <summary>tanh(v), elementwise (same as <see cref="Tanh(Vector{double})"/>).</summary>
    public Vector<double> PointwiseTanh(Vector<double> v) => Tanh(v);

    /// <summary>m v.</summary>
    public Vector<double> Multiply(Matrix<double> m, Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(v);
        if (m.ColumnCount != v.Count)
        {
            ShapeGuard.Throw(
                $"Matrix-vector product: the matrix is {ShapeGuard.Shape(m)} but the vector has length {v.Count}.",
                nameof(v));
        }

        Vector<double> result = RentResult(m.RowCount, out double[] r);
        Array.Clear(r);
        MatrixMath.AccumulateMultiply(r, Data(m), m.RowCount, m.ColumnCount, Data(v));
        return result;
    }

    /// <summary>Row <paramref name="i"/> of <paramref name="m"/> as a vector.</summary>
    public Vector<double> Row(Matrix<double> m, int i)
    {
        ArgumentNullException.ThrowIfNull(m);
        ShapeGuard.Row("Row", i, m, nameof(i));
        int rows = m.RowCount;
        Vector<double> result = RentResult(m.ColumnCount, out double[] r);
        double[] data = Data(m);
        for (int j = 0; j < r.Length; j++)
        {
            r[j] = data[i + j * rows];
        }

        return result;
    }

    /// <summary>Column <paramref name="j"/> of <paramref name="m"/> as a vector.</summary>
    public Vector<double> Column(Matrix<double> m, int j)
    {
        ArgumentNullException.ThrowIfNull(m);
        ShapeGuard.Column("Column", j, m, nameof(j));
        int rows = m.RowCount;
        Vector<double> result = RentResult(rows, out double[] r);
        Data(m).AsSpan(j * rows, rows).CopyTo(r);
        return result;
    }

    private static void CheckPair(string operation, Vector<double> a, Vector<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ShapeGuard.SameLength(operation, a, b, nameof(b));
    }
}
