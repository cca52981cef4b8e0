using System;
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
    internal static void AccumulateMultiply(Span<double> y, ReadOnlySpan<double> a, int rows, int cols, ReadOnlySpan<double> x)
    {
        if (BlockedMatrixVector.IsSupported)
        {
            BlockedMatrixVector.AccumulateMultiply(y, a, rows, cols, x);
            return;
        }

        AccumulateMultiplyByColumns(y, a, rows, cols, x);
    }

    /// <summary>The portable form of <see cref="AccumulateMultiply"/>: one TensorPrimitives call per column.</summary>
    internal static void AccumulateMultiplyByColumns(Span<double> y, ReadOnlySpan<double> a, int rows, int cols, ReadOnlySpan<double> x)
    {
        // y += Σⱼ xⱼ · A[:, j]
        for (int j = 0; j < cols; j++)
        {
            TensorPrimitives.MultiplyAdd(a.Slice(j * rows, rows), x[j], y, y);
        }
    }

    /// <summary>y += Aᵀ x, with A rows×cols (y has length cols, x has length rows).</summary>
    internal static void AccumulateTransposeThisAndMultiply(
        Span<double> y, ReadOnlySpan<double> a, int rows, int cols, ReadOnlySpan<double> x)
    {
        if (BlockedMatrixVector.IsSupported)
        {
            BlockedMatrixVector.AccumulateTransposeThisAndMultiply(y, a, rows, cols, x);
            return;
        }

        AccumulateTransposeThisAndMultiplyByColumns(y, a, rows, cols, x);
    }

    /// <summary>The portable form of <see cref="AccumulateTransposeThisAndMultiply(Span{double}, ReadOnlySpan{double}, int, int, ReadOnlySpan{double})"/>.</summary>
    internal static void AccumulateTransposeThisAndMultiplyByColumns(
        Span<double> y, ReadOnlySpan<double> a, int rows, int cols, ReadOnlySpan<double> x)
    {
        // yⱼ += ⟨A[:, j], x⟩
        for (int j = 0; j < cols; j++)
        {
            y[j] += TensorPrimitives.Dot(a.Slice(j * rows, rows), x);
        }
    }

    /// <summary>C += A B, with A rows×inner and B inner×cols.</summary>
    internal static void AccumulateProduct(
        Span<double> c, ReadOnlySpan<double> a, int rows, int inner, ReadOnlySpan<double> b, int cols)
    {
        if (BlockedProduct.IsSupported)
        {
            BlockedProduct.Accumulate(c, a, rows, inner, b, 1, inner, cols);
            return;
        }

        AccumulateProductByColumns(c, a, rows, inner, b, cols);
    }

    /// <summary>The portable form of <see cref="AccumulateProduct"/>: one TensorPrimitives call per column of A and of C.</summary>
    internal static void AccumulateProductByColumns(
        Span<double> c, ReadOnlySpan<double> a, int rows, int inner, ReadOnlySpan<double> b, int cols)
    {
        // C[:, j] += Σₚ B[p, j] · A[:, p]
        for (int j = 0; j < cols; j++)
        {
            Span<double> cj = c.Slice(j * rows, rows);
            ReadOnlySpan<double> bj = b.Slice(j * inner, inner);
            for (int p = 0; p < inner; p++)
            {
                TensorPrimitives.MultiplyAdd(a.Slice(p * rows, rows), bj[p], cj, cj);
            }
        }
    }

    /// <summary>D += C Bᵀ, with C rows×inner and B cols×inner (D is rows×cols).</summary>
    internal static void AccumulateTransposeAndMultiply(
        Span<double> d, ReadOnlySpan<double> c, int rows, int inner, ReadOnlySpan<double> b, int cols)
    {
        if (BlockedProduct.IsSupported)
        {
            // B[j, p] is b[j + p·cols]: the transpose as strides, no copy.
            BlockedProduct.Accumulate(d, c, rows, inner, b, cols, 1, cols);
            return;
        }

        AccumulateTransposeAndMultiplyByColumns(d, c, rows, inner, b, cols);
    }

    /// <summary>The portable form of <see cref="AccumulateTransposeAndMultiply"/>.</summary>
    internal static void AccumulateTransposeAndMultiplyByColumns(
        Span<double> d, ReadOnlySpan<double> c, int rows, int inner, ReadOnlySpan<double> b, int cols)
    {
        // D[:, j] += Σₚ B[j, p] · C[:, p]
        for (int j = 0; j < cols; j++)
        {
            Span<double> dj = d.Slice(j * rows, rows);
            for (int p = 0; p < inner; p++)
            {
                TensorPrimitives.MultiplyAdd(c.Slice(p * rows, rows), b[j + p * cols], dj, dj);
            }
        }
    }

    /// <summary>D += Aᵀ C, with A inner×rows and C inner×cols (D is rows×cols).</summary>
    internal static void AccumulateTransposeThisAndMultiply(
        Span<double> d, ReadOnlySpan<double> a, int inner, int rows, ReadOnlySpan<double> c, int cols)
    {
        if (BlockedProduct.IsSupported)
        {
            BlockedProduct.AccumulateTransposeThisAndMultiply(d, a, inner, rows, c, cols);
            return;
        }

        AccumulateTransposeThisAndMultiplyByColumns(d, a, inner, rows, c, cols);
    }

    /// <summary>The portable form of <see cref="AccumulateTransposeThisAndMultiply(Span{double}, ReadOnlySpan{double}, int, int, ReadOnlySpan{double}, int)"/>.</summary>
    internal static void AccumulateTransposeThisAndMultiplyByColumns(
        Span<double> d, ReadOnlySpan<double> a, int inner, int rows, ReadOnlySpan<double> c, int cols)
    {
        // D[i, j] += ⟨A[:, i], C[:, j]⟩: both operands are contiguous columns.
        for (int j = 0; j < cols; j++)
        {
            ReadOnlySpan<double> cj = c.Slice(j * inner, inner);
            for (int i = 0; i < rows; i++)
            {
                d[i + j * rows] += TensorPrimitives.Dot(a.Slice(i * inner, inner), cj);
            }
        }
    }

    /// <summary>D += u vᵀ, with D u.Length×v.Length.</summary>
    internal static void AccumulateOuter(Span<double> d, ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        if (BlockedMatrixVector.IsSupported && d.Length <= BlockedMatrixVector.OuterBlockLimit)
        {
            BlockedMatrixVector.AccumulateOuter(d, u, v);
            return;
        }

        AccumulateOuterByColumns(d, u, v);
    }

    /// <summary>
    /// dx += Wᵀ dy and dW += dy xᵀ (the two adjoints of y = W x), W rows×cols, in one sweep over W where the
    /// hardware allows, else as the two separate loops.
    /// </summary>
    internal static void AccumulateMultiplyAdjoints(
        Span<double> dW, Span<double> dx, ReadOnlySpan<double> w, int rows, int cols, ReadOnlySpan<double> x, ReadOnlySpan<double> dy)
    {
        if (BlockedMatrixVector.IsSupported)
        {
            BlockedMatrixVector.AccumulateMultiplyAdjoints(dW, dx, w, rows, cols, x, dy);
            return;
        }

        AccumulateTransposeThisAndMultiplyByColumns(dx, w, rows, cols, dy);
        AccumulateOuterByColumns(dW, dy, x);
    }

    /// <summary>The portable form of <see cref="AccumulateOuter"/>: one TensorPrimitives call per column.</summary>
    internal static void AccumulateOuterByColumns(Span<double> d, ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        int rows = u.Length;
        // D[:, j] += vⱼ · u
        for (int j = 0; j < v.Length; j++)
        {
            Span<double> dj = d.Slice(j * rows, rows);
            TensorPrimitives.MultiplyAdd(u, v[j], dj, dj);
        }
    }

    /// <summary>D += Yᵀ, with D rows×cols and Y cols×rows.</summary>
    internal static void AccumulateTranspose(Span<double> d, int rows, int cols, ReadOnlySpan<double> y)
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
    internal static void Transpose(ReadOnlySpan<double> m, int rows, int cols, Span<double> t)
    {
        for (int j = 0; j < cols; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                t[j + i * cols] = m[i + j * rows];
            }
        }
    }
}
