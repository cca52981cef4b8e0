using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;

namespace NlpSymbolic;

/// <summary>
/// Column-major dense matrix kernels on spans (MathNet's DenseMatrix layout: element (i, j) of an
/// r×c matrix is at index i + j·r). Every routine adds into its destination, which must not overlap
/// any input; callers that need "=" clear the destination first.
/// </summary>
/// <remarks>
/// The loops are arranged so the innermost operation runs down a contiguous column, which is what
/// lets TensorPrimitives vectorise them. The three matrix–matrix products go to the register-blocked
/// <see cref="BlockedProduct"/> where the hardware has 256-bit FMA (about 3× faster on minibatch shapes, measured
/// in tests/NlpSymbolic.Benchmarks/MatrixProductBenchmarks.cs), the matrix–vector products and the outer product to
/// <see cref="BlockedMatrixVector"/> where it has 512-bit vectors (measured in MatrixVectorBenchmarks.cs); these
/// loops remain the portable fallback.
/// </remarks>
internal static class MatrixMath
{
    /// <summary>y += A x, with A rows×cols.</summary>
    internal static void AccumulateMultiply<T>(Span<T> y, ReadOnlySpan<T> a, int rows, int cols, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && BlockedMatrixVector.IsSupported)
        {
            BlockedMatrixVector.AccumulateMultiply(D(y), D(a), rows, cols, D(x));
            return;
        }

        AccumulateMultiplyByColumns(y, a, rows, cols, x);
    }

    /// <summary>The portable form of <see cref="AccumulateMultiply"/>: one TensorPrimitives call per column.</summary>
    internal static void AccumulateMultiplyByColumns<T>(Span<T> y, ReadOnlySpan<T> a, int rows, int cols, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // y += Σⱼ xⱼ · A[:, j]
        for (int j = 0; j < cols; j++)
        {
            TensorPrimitives.MultiplyAdd(a.Slice(j * rows, rows), x[j], y, y);
        }
    }

    /// <summary>y += Aᵀ x, with A rows×cols (y has length cols, x has length rows).</summary>
    internal static void AccumulateTransposeThisAndMultiply<T>(
        Span<T> y, ReadOnlySpan<T> a, int rows, int cols, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && BlockedMatrixVector.IsSupported)
        {
            BlockedMatrixVector.AccumulateTransposeThisAndMultiply(D(y), D(a), rows, cols, D(x));
            return;
        }

        AccumulateTransposeThisAndMultiplyByColumns(y, a, rows, cols, x);
    }

    /// <summary>The portable form of matrix–vector AccumulateTransposeThisAndMultiply.</summary>
    internal static void AccumulateTransposeThisAndMultiplyByColumns<T>(
        Span<T> y, ReadOnlySpan<T> a, int rows, int cols, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // yⱼ += ⟨A[:, j], x⟩
        for (int j = 0; j < cols; j++)
        {
            y[j] += TensorPrimitives.Dot(a.Slice(j * rows, rows), x);
        }
    }

    /// <summary>C += A B, with A rows×inner and B inner×cols.</summary>
    internal static void AccumulateProduct<T>(
        Span<T> c, ReadOnlySpan<T> a, int rows, int inner, ReadOnlySpan<T> b, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && BlockedProduct.IsSupported)
        {
            BlockedProduct.Accumulate(D(c), D(a), rows, inner, D(b), 1, inner, cols);
            return;
        }

        AccumulateProductByColumns(c, a, rows, inner, b, cols);
    }

    /// <summary>The portable form of <see cref="AccumulateProduct"/>: one TensorPrimitives call per column of A and of C.</summary>
    internal static void AccumulateProductByColumns<T>(
        Span<T> c, ReadOnlySpan<T> a, int rows, int inner, ReadOnlySpan<T> b, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // C[:, j] += Σₚ B[p, j] · A[:, p]
        for (int j = 0; j < cols; j++)
        {
            Span<T> cj = c.Slice(j * rows, rows);
            ReadOnlySpan<T> bj = b.Slice(j * inner, inner);
            for (int p = 0; p < inner; p++)
            {
                TensorPrimitives.MultiplyAdd(a.Slice(p * rows, rows), bj[p], cj, cj);
            }
        }
    }

    /// <summary>D += C Bᵀ, with C rows×inner and B cols×inner (D is rows×cols).</summary>
    internal static void AccumulateTransposeAndMultiply<T>(
        Span<T> d, ReadOnlySpan<T> c, int rows, int inner, ReadOnlySpan<T> b, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && BlockedProduct.IsSupported)
        {
            // B[j, p] is b[j + p·cols]: the transpose as strides, no copy.
            BlockedProduct.Accumulate(D(d), D(c), rows, inner, D(b), cols, 1, cols);
            return;
        }

        AccumulateTransposeAndMultiplyByColumns(d, c, rows, inner, b, cols);
    }

    /// <summary>The portable form of <see cref="AccumulateTransposeAndMultiply"/>.</summary>
    internal static void AccumulateTransposeAndMultiplyByColumns<T>(
        Span<T> d, ReadOnlySpan<T> c, int rows, int inner, ReadOnlySpan<T> b, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // D[:, j] += Σₚ B[j, p] · C[:, p]
        for (int j = 0; j < cols; j++)
        {
            Span<T> dj = d.Slice(j * rows, rows);
            for (int p = 0; p < inner; p++)
            {
                TensorPrimitives.MultiplyAdd(c.Slice(p * rows, rows), b[j + p * cols], dj, dj);
            }
        }
    }

    /// <summary>D += Aᵀ C, with A inner×rows and C inner×cols (D is rows×cols).</summary>
    internal static void AccumulateTransposeThisAndMultiply<T>(
        Span<T> d, ReadOnlySpan<T> a, int inner, int rows, ReadOnlySpan<T> c, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && BlockedProduct.IsSupported)
        {
            BlockedProduct.AccumulateTransposeThisAndMultiply(D(d), D(a), inner, rows, D(c), cols);
            return;
        }

        AccumulateTransposeThisAndMultiplyByColumns(d, a, inner, rows, c, cols);
    }

    /// <summary>The portable form of matrix–matrix AccumulateTransposeThisAndMultiply.</summary>
    internal static void AccumulateTransposeThisAndMultiplyByColumns<T>(
        Span<T> d, ReadOnlySpan<T> a, int inner, int rows, ReadOnlySpan<T> c, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // D[i, j] += ⟨A[:, i], C[:, j]⟩: both operands are contiguous columns.
        for (int j = 0; j < cols; j++)
        {
            ReadOnlySpan<T> cj = c.Slice(j * inner, inner);
            for (int i = 0; i < rows; i++)
            {
                d[i + j * rows] += TensorPrimitives.Dot(a.Slice(i * inner, inner), cj);
            }
        }
    }

    /// <summary>D += u vᵀ, with D u.Length×v.Length.</summary>
    internal static void AccumulateOuter<T>(Span<T> d, ReadOnlySpan<T> u, ReadOnlySpan<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && BlockedMatrixVector.IsSupported && d.Length <= BlockedMatrixVector.OuterBlockLimit)
        {
            BlockedMatrixVector.AccumulateOuter(D(d), D(u), D(v));
            return;
        }

        AccumulateOuterByColumns(d, u, v);
    }

    /// <summary>
    /// dx += Wᵀ dy and dW += dy xᵀ (the two adjoints of y = W x), W rows×cols, in one sweep over W where the
    /// hardware allows, else as the two separate loops.
    /// </summary>
    internal static void AccumulateMultiplyAdjoints<T>(
        Span<T> dW, Span<T> dx, ReadOnlySpan<T> w, int rows, int cols, ReadOnlySpan<T> x, ReadOnlySpan<T> dy)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && BlockedMatrixVector.IsSupported)
        {
            BlockedMatrixVector.AccumulateMultiplyAdjoints(D(dW), D(dx), D(w), rows, cols, D(x), D(dy));
            return;
        }

        AccumulateTransposeThisAndMultiplyByColumns(dx, w, rows, cols, dy);
        AccumulateOuterByColumns(dW, dy, x);
    }

    /// <summary>The portable form of <see cref="AccumulateOuter"/>: one TensorPrimitives call per column.</summary>
    internal static void AccumulateOuterByColumns<T>(Span<T> d, ReadOnlySpan<T> u, ReadOnlySpan<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = u.Length;
        // D[:, j] += vⱼ · u
        for (int j = 0; j < v.Length; j++)
        {
            Span<T> dj = d.Slice(j * rows, rows);
            TensorPrimitives.MultiplyAdd(u, v[j], dj, dj);
        }
    }

    /// <summary>D += Yᵀ, with D rows×cols and Y cols×rows.</summary>
    internal static void AccumulateTranspose<T>(Span<T> d, int rows, int cols, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < cols; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                // D[i, j] += Y[j, i]
                d[i + j * rows] += y[j + i * cols];
            }
        }
    }

    /// <summary>T = Mᵀ, with M rows×cols (T is cols×rows).</summary>
    internal static void Transpose<T>(ReadOnlySpan<T> m, int rows, int cols, Span<T> t)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < cols; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                t[j + i * cols] = m[i + j * rows];
            }
        }
    }

    // The register-blocked kernels are written for double (256-bit FMA over 4 lanes, 512-bit over 8): a double
    // span reinterpreted as itself. Float takes the portable TensorPrimitives loops, which vectorise over twice the
    // lanes. The JIT removes the typeof test and the dead branch per instantiation.
    private static Span<double> D<T>(Span<T> s)
        where T : unmanaged => MemoryMarshal.Cast<T, double>(s);

    private static ReadOnlySpan<double> D<T>(ReadOnlySpan<T> s)
        where T : unmanaged => MemoryMarshal.Cast<T, double>(s);
}
