using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Adjoints of products. Inputs that share storage with the destination are read from a rented
// copy (DataApartFrom), because these kernels read an input element after writing dst elements.
public sealed partial class Workspace
{
    /// <summary>dst += u vᵀ (the adjoint of W in W x, with u = dz and v = x).</summary>
    public void AccumulateOuter(Matrix<double> dst, Vector<double> u, Vector<double> v)
    {
        CheckOuter(dst, u, v, nameof(AccumulateOuter));
        if (QueuedByAFrame(dst, u, v))
        {
            return;
        }

        double[] d = Target(dst);
        MatrixMath.AccumulateOuter(d, Data(u), Data(v));
        WriteBack(dst, d);
    }

    /// <summary>dst += mᵀ u (the adjoint of x in m x).</summary>
    public void AccumulateTransposeThisAndMultiply(Vector<double> dst, Matrix<double> m, Vector<double> u)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(u);
        if (m.RowCount != u.Count || m.ColumnCount != dst.Count)
        {
            ShapeGuard.Throw(
                $"AccumulateTransposeThisAndMultiply (dst += mᵀ u): the matrix is {ShapeGuard.Shape(m)} but u has length {u.Count} and the destination has length {dst.Count}.",
                nameof(u));
        }

        KernelProbe.TransposeProducts++;
        double[] d = Target(dst);
        MatrixMath.AccumulateTransposeThisAndMultiply(d, Data(m), m.RowCount, m.ColumnCount, DataApartFrom(u, d));
        WriteBack(dst, d);
    }

    /// <summary>dst += m u.</summary>
    public void AccumulateMultiply(Vector<double> dst, Matrix<double> m, Vector<double> u)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(u);
        if (m.ColumnCount != u.Count || m.RowCount != dst.Count)
        {
            ShapeGuard.Throw(
                $"AccumulateMultiply (dst += m u): the matrix is {ShapeGuard.Shape(m)} but u has length {u.Count} and the destination has length {dst.Count}.",
                nameof(u));
        }

        double[] d = Target(dst);
        MatrixMath.AccumulateMultiply(d, Data(m), m.RowCount, m.ColumnCount, DataApartFrom(u, d));
        WriteBack(dst, d);
    }

    /// <summary>dst += c bᵀ (the adjoint of a in a b, with c the adjoint of the product).</summary>
    public void AccumulateTransposeAndMultiply(Matrix<double> dst, Matrix<double> c, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(b);
        if (c.ColumnCount != b.ColumnCount || dst.RowCount != c.RowCount || dst.ColumnCount != b.RowCount)
        {
            ShapeGuard.Throw(
                $"AccumulateTransposeAndMultiply (dst += c bᵀ): the destination is {ShapeGuard.Shape(dst)}, c is {ShapeGuard.Shape(c)} and b is {ShapeGuard.Shape(b)}.",
                nameof(c));
        }

        double[] d = Target(dst);
        MatrixMath.AccumulateTransposeAndMultiply(
            d, DataApartFrom(c, d), c.RowCount, c.ColumnCount, DataApartFrom(b, d), b.RowCount);
        WriteBack(dst, d);
    }

    /// <summary>dst += aᵀ c (the adjoint of b in a b, with c the adjoint of the product).</summary>
    public void AccumulateTransposeThisAndMultiply(Matrix<double> dst, Matrix<double> a, Matrix<double> c)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(c);
        if (a.RowCount != c.RowCount || dst.RowCount != a.ColumnCount || dst.ColumnCount != c.ColumnCount)
        {
            ShapeGuard.Throw(
                $"AccumulateTransposeThisAndMultiply (dst += aᵀ c): the destination is {ShapeGuard.Shape(dst)}, a is {ShapeGuard.Shape(a)} and c is {ShapeGuard.Shape(c)}.",
                nameof(a));
        }

        double[] d = Target(dst);
        MatrixMath.AccumulateTransposeThisAndMultiply(
            d, DataApartFrom(a, d), a.RowCount, a.ColumnCount, DataApartFrom(c, d), c.ColumnCount);
        WriteBack(dst, d);
    }

    /// <summary>dst += yᵀ (the adjoint of the input of a transpose).</summary>
    public void AccumulateTranspose(Matrix<double> dst, Matrix<double> y)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(y);
        if (dst.RowCount != y.ColumnCount || dst.ColumnCount != y.RowCount)
        {
            ShapeGuard.Throw(
                $"AccumulateTranspose (dst += yᵀ): the destination is {ShapeGuard.Shape(dst)} but y is {ShapeGuard.Shape(y)}; y must be {dst.ColumnCount}×{dst.RowCount}.",
                nameof(y));
        }

        double[] d = Target(dst);
        MatrixMath.AccumulateTranspose(d, dst.RowCount, dst.ColumnCount, DataApartFrom(y, d));
        WriteBack(dst, d);
    }

    /// <summary>dst += a ∘ b.</summary>
    public void AccumulatePointwiseMultiply(Vector<double> dst, Vector<double> a, Vector<double> b)
    {
        CheckAdjoint("AccumulatePointwiseMultiply", dst, a, b);
        double[] d = Target(dst);
        TensorPrimitives.MultiplyAdd(Data(a), Data(b), d, d);
        WriteBack(dst, d);
    }

    /// <summary>dst += a ∘ b for matrices (the adjoint of a pointwise product).</summary>
    public void AccumulatePointwiseMultiply(Matrix<double> dst, Matrix<double> a, Matrix<double> b)
    {
        CheckAdjoint("AccumulatePointwiseMultiply", dst, a);
        CheckAdjoint("AccumulatePointwiseMultiply", dst, b);
        double[] d = Target(dst);
        TensorPrimitives.MultiplyAdd(Data(a), Data(b), d, d);
        WriteBack(dst, d);
    }

    /// <summary>dst += a / b, elementwise (the adjoint of the dividend of a pointwise division, with a = dy).</summary>
    public void AccumulatePointwiseDivide(Vector<double> dst, Vector<double> a, Vector<double> b)
    {
        CheckAdjoint("AccumulatePointwiseDivide", dst, a, b);
        double[] d = Target(dst);
        VectorMath.AccumulatePointwiseDivide(d, Data(a), Data(b));
        WriteBack(dst, d);
    }

    /// <summary>dst −= dy ∘ y / b, the adjoint of b in y = a / b.</summary>
    public void AccumulateDivisorGradient(Vector<double> dst, Vector<double> dy, Vector<double> y, Vector<double> b)
    {
        CheckAdjoint("AccumulateDivisorGradient", dst, dy, y, "dy", "y");
        ArgumentNullException.ThrowIfNull(b);
        ShapeGuard.SameLength("AccumulateDivisorGradient", dst, b, nameof(b), "the destination", "the divisor b");
        double[] d = Target(dst);
        VectorMath.AccumulateDivisorGradient(d, Data(dy), Data(y), Data(b));
        WriteBack(dst, d);
    }

    // dst and two same-length inputs, reported by their role in the message.
    private static void CheckAdjoint(
        string operation, Vector<double> dst, Vector<double> first, Vector<double> second,
        string firstName = "a", string secondName = "b")
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(first, firstName);
        ArgumentNullException.ThrowIfNull(second, secondName);
        ShapeGuard.SameLength(operation, dst, first, firstName, "the destination", firstName);
        ShapeGuard.SameLength(operation, dst, second, secondName, "the destination", secondName);
    }

    // One message for the immediate and the deferred form, named after the kernel the caller called.
    private static void CheckOuter(Matrix<double> dst, Vector<double> u, Vector<double> v, string kernel)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(v);
        if (dst.RowCount != u.Count || dst.ColumnCount != v.Count)
        {
            ShapeGuard.Throw(
                $"{kernel} (dst += u vᵀ): the destination is {ShapeGuard.Shape(dst)} but u has length {u.Count} and v has length {v.Count}.",
                nameof(dst));
        }
    }
}
