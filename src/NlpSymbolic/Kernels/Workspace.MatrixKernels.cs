using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Forward matrix kernels: each rents its result from this frame.
public sealed partial class Workspace
{
    /// <summary>a + b.</summary>
    public Matrix<double> Add(Matrix<double> a, Matrix<double> b)
    {
        CheckPair("Matrix addition", a, b);
        Matrix<double> result = RentResult(a.RowCount, a.ColumnCount, out double[] r);
        TensorPrimitives.Add(Data(a), Data(b), r);
        return result;
    }

    /// <summary>a − b.</summary>
    public Matrix<double> Subtract(Matrix<double> a, Matrix<double> b)
    {
        CheckPair("Matrix subtraction", a, b);
        Matrix<double> result = RentResult(a.RowCount, a.ColumnCount, out double[] r);
        TensorPrimitives.Subtract(Data(a), Data(b), r);
        return result;
    }

    /// <summary>a ∘ b, elementwise.</summary>
    public Matrix<double> PointwiseMultiply(Matrix<double> a, Matrix<double> b)
    {
        CheckPair("Pointwise multiplication", a, b);
        Matrix<double> result = RentResult(a.RowCount, a.ColumnCount, out double[] r);
        TensorPrimitives.Multiply(Data(a), Data(b), r);
        return result;
    }

    /// <summary>−m.</summary>
    public Matrix<double> Negate(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        TensorPrimitives.Negate(Data(m), r);
        return result;
    }

    /// <summary>s · m.</summary>
    public Matrix<double> Scale(double s, Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        TensorPrimitives.Multiply(Data(m), s, r);
        return result;
    }

    /// <summary>a b.</summary>
    public Matrix<double> Multiply(Matrix<double> a, Matrix<double> b)
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

        Matrix<double> result = RentResult(a.RowCount, b.ColumnCount, out double[] r);
        Array.Clear(r);
        MatrixMath.AccumulateProduct(r, Data(a), a.RowCount, a.ColumnCount, Data(b), b.ColumnCount);
        return result;
    }

    /// <summary>mᵀ.</summary>
    public Matrix<double> Transpose(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.ColumnCount, m.RowCount, out double[] r);
        MatrixMath.Transpose(Data(m), m.RowCount, m.ColumnCount, r);
        return result;
    }

    /// <summary>u vᵀ.</summary>
    public Matrix<double> Outer(Vector<double> u, Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(v);
        int rows = u.Count;
        Matrix<double> result = RentResult(rows, v.Count, out double[] r);
        double[] ud = Data(u);
        double[] vd = Data(v);
        // (u vᵀ)[:, j] = vⱼ · u
        for (int j = 0; j < vd.Length; j++)
        {
            TensorPrimitives.Multiply(ud, vd[j], r.AsSpan(j * rows, rows));
        }

        return result;
    }

    private static void CheckPair(string operation, Matrix<double> a, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ShapeGuard.SameShape(operation, a, b, nameof(b));
    }
}
