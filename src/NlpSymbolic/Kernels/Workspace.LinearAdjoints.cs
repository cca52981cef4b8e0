using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Adjoints of products. Inputs that share storage with the destination are read from a rented
// copy (DataApartFrom), because these kernels read an input element after writing dst elements.
public sealed partial class Workspace
{
    /// <summary>dst += u vᵀ (the adjoint of W in W x, with u = dz and v = x).</summary>
    public void AccumulateOuter(Matrix<double> dst, Vector<double> u, Vector<double> v) => AccumulateOuter<double>(dst, u, v);

    /// <inheritdoc cref="AccumulateOuter(Matrix{double}, Vector{double}, Vector{double})"/>
    public void AccumulateOuter<T>(Matrix<T> dst, Vector<T> u, Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckOuter(dst, u, v, nameof(AccumulateOuter));
        if (typeof(T) == typeof(double) && QueuedByAFrame(AsDouble(dst), AsDouble(u), AsDouble(v)))
        {
            return;
        }

        T[] d = Target(dst);
        MatrixMath.AccumulateOuter(d, Data(u), Data(v));
        WriteBack(dst, d);
    }

    /// <summary>dst += mᵀ u (the adjoint of x in m x).</summary>
    public void AccumulateTransposeThisAndMultiply(Vector<double> dst, Matrix<double> m, Vector<double> u) => AccumulateTransposeThisAndMultiply<double>(dst, m, u);

    /// <inheritdoc cref="AccumulateTransposeThisAndMultiply(Vector{double}, Matrix{double}, Vector{double})"/>
    public void AccumulateTransposeThisAndMultiply<T>(Vector<T> dst, Matrix<T> m, Vector<T> u)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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
        T[] d = Target(dst);
        MatrixMath.AccumulateTransposeThisAndMultiply(d, Data(m), m.RowCount, m.ColumnCount, DataApartFrom(u, d));
        WriteBack(dst, d);
    }

    /// <summary>dst += m u.</summary>
    public void AccumulateMultiply(Vector<double> dst, Matrix<double> m, Vector<double> u) => AccumulateMultiply<double>(dst, m, u);

    /// <inheritdoc cref="AccumulateMultiply(Vector{double}, Matrix{double}, Vector{double})"/>
    public void AccumulateMultiply<T>(Vector<T> dst, Matrix<T> m, Vector<T> u)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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

        T[] d = Target(dst);
        MatrixMath.AccumulateMultiply(d, Data(m), m.RowCount, m.ColumnCount, DataApartFrom(u, d));
        WriteBack(dst, d);
    }

    /// <summary>dst += c bᵀ (the adjoint of a in a b, with c the adjoint of the product).</summary>
    public void AccumulateTransposeAndMultiply(Matrix<double> dst, Matrix<double> c, Matrix<double> b) => AccumulateTransposeAndMultiply<double>(dst, c, b);

    /// <inheritdoc cref="AccumulateTransposeAndMultiply(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulateTransposeAndMultiply<T>(Matrix<T> dst, Matrix<T> c, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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

        T[] d = Target(dst);
        MatrixMath.AccumulateTransposeAndMultiply(
            d, DataApartFrom(c, d), c.RowCount, c.ColumnCount, DataApartFrom(b, d), b.RowCount);
        WriteBack(dst, d);
    }

    /// <summary>dst += aᵀ c (the adjoint of b in a b, with c the adjoint of the product).</summary>
    public void AccumulateTransposeThisAndMultiply(Matrix<double> dst, Matrix<double> a, Matrix<double> c) => AccumulateTransposeThisAndMultiply<double>(dst, a, c);

    /// <inheritdoc cref="AccumulateTransposeThisAndMultiply(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulateTransposeThisAndMultiply<T>(Matrix<T> dst, Matrix<T> a, Matrix<T> c)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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

        T[] d = Target(dst);
        MatrixMath.AccumulateTransposeThisAndMultiply(
            d, DataApartFrom(a, d), a.RowCount, a.ColumnCount, DataApartFrom(c, d), c.ColumnCount);
        WriteBack(dst, d);
    }

    /// <summary>dst += yᵀ (the adjoint of the input of a transpose).</summary>
    public void AccumulateTranspose(Matrix<double> dst, Matrix<double> y) => AccumulateTranspose<double>(dst, y);

    /// <inheritdoc cref="AccumulateTranspose(Matrix{double}, Matrix{double})"/>
    public void AccumulateTranspose<T>(Matrix<T> dst, Matrix<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(y);
        if (dst.RowCount != y.ColumnCount || dst.ColumnCount != y.RowCount)
        {
            ShapeGuard.Throw(
                $"AccumulateTranspose (dst += yᵀ): the destination is {ShapeGuard.Shape(dst)} but y is {ShapeGuard.Shape(y)}; y must be {dst.ColumnCount}×{dst.RowCount}.",
                nameof(y));
        }

        T[] d = Target(dst);
        MatrixMath.AccumulateTranspose(d, dst.RowCount, dst.ColumnCount, DataApartFrom(y, d));
        WriteBack(dst, d);
    }

    /// <summary>dst += a ∘ b.</summary>
    public void AccumulatePointwiseMultiply(Vector<double> dst, Vector<double> a, Vector<double> b) => AccumulatePointwiseMultiply<double>(dst, a, b);

    /// <inheritdoc cref="AccumulatePointwiseMultiply(Vector{double}, Vector{double}, Vector{double})"/>
    public void AccumulatePointwiseMultiply<T>(Vector<T> dst, Vector<T> a, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulatePointwiseMultiply", dst, a, b);
        T[] d = Target(dst);
        TensorPrimitives.MultiplyAdd(Data(a), Data(b), d, d);
        WriteBack(dst, d);
    }

    /// <summary>dst += a ∘ b for matrices (the adjoint of a pointwise product).</summary>
    public void AccumulatePointwiseMultiply(Matrix<double> dst, Matrix<double> a, Matrix<double> b) => AccumulatePointwiseMultiply<double>(dst, a, b);

    /// <inheritdoc cref="AccumulatePointwiseMultiply(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public void AccumulatePointwiseMultiply<T>(Matrix<T> dst, Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulatePointwiseMultiply", dst, a);
        CheckAdjoint("AccumulatePointwiseMultiply", dst, b);
        T[] d = Target(dst);
        TensorPrimitives.MultiplyAdd(Data(a), Data(b), d, d);
        WriteBack(dst, d);
    }

    /// <summary>dst += a / b, elementwise (the adjoint of the dividend of a pointwise division, with a = dy).</summary>
    public void AccumulatePointwiseDivide(Vector<double> dst, Vector<double> a, Vector<double> b) => AccumulatePointwiseDivide<double>(dst, a, b);

    /// <inheritdoc cref="AccumulatePointwiseDivide(Vector{double}, Vector{double}, Vector{double})"/>
    public void AccumulatePointwiseDivide<T>(Vector<T> dst, Vector<T> a, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulatePointwiseDivide", dst, a, b);
        T[] d = Target(dst);
        VectorMath.AccumulatePointwiseDivide(d, Data(a), Data(b));
        WriteBack(dst, d);
    }

    /// <summary>dst −= dy ∘ y / b, the adjoint of b in y = a / b.</summary>
    public void AccumulateDivisorGradient(Vector<double> dst, Vector<double> dy, Vector<double> y, Vector<double> b) => AccumulateDivisorGradient<double>(dst, dy, y, b);

    /// <inheritdoc cref="AccumulateDivisorGradient(Vector{double}, Vector{double}, Vector{double}, Vector{double})"/>
    public void AccumulateDivisorGradient<T>(Vector<T> dst, Vector<T> dy, Vector<T> y, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateDivisorGradient", dst, dy, y, "dy", "y");
        ArgumentNullException.ThrowIfNull(b);
        ShapeGuard.SameLength("AccumulateDivisorGradient", dst, b, nameof(b), "the destination", "the divisor b");
        T[] d = Target(dst);
        VectorMath.AccumulateDivisorGradient(d, Data(dy), Data(y), Data(b));
        WriteBack(dst, d);
    }

    // dst and two same-length inputs, reported by their role in the message.
    private static void CheckAdjoint<T>(
        string operation, Vector<T> dst, Vector<T> first, Vector<T> second,
        string firstName = "a", string secondName = "b")
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(first, firstName);
        ArgumentNullException.ThrowIfNull(second, secondName);
        ShapeGuard.SameLength(operation, dst, first, firstName, "the destination", firstName);
        ShapeGuard.SameLength(operation, dst, second, secondName, "the destination", secondName);
    }

    // One message for the immediate and the deferred form, named after the kernel the caller called.
    private static void CheckOuter<T>(Matrix<T> dst, Vector<T> u, Vector<T> v, string kernel)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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

    // Deferred outer products (DeferGradientUpdates) hold double panels: only a double destination is deferred. The
    // casts are identities, guarded by typeof(T) == typeof(double), which the JIT folds per instantiation.
    private static Matrix<double> AsDouble<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => (Matrix<double>)(object)m;

    private static Vector<double> AsDouble<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => (Vector<double>)(object)v;
}
