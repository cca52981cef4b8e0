using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NlpSymbolic;

/// <summary>
/// Register-blocked matrix–matrix products over column-major spans, for the minibatch shapes (a weight
/// matrix times a d × B batch, and the two adjoints). The plain routines in <see cref="MatrixMath"/> stream the
/// whole left matrix once per result column; these keep an 8 × 4 block of the result in registers, so the left
/// matrix is read once per four result columns.
/// </summary>
internal static class BlockedProduct
{
    /// <summary>Whether the blocked kernels run here (256-bit vectors with fused multiply–add).</summary>
    internal static bool IsSupported => Fma.IsSupported && Vector256.IsHardwareAccelerated;

    /// <summary>
    /// C += A B', with A rows×inner (column-major, contiguous columns) and B'(p, j) = b[p·pStride + j·jStride]:
    /// (pStride, jStride) = (1, inner) is B itself (inner×cols), (cols, 1) is the transpose of a cols×inner B.
    /// </summary>
    internal static void Accumulate(
        Span<double> c, ReadOnlySpan<double> a, int rows, int inner, ReadOnlySpan<double> b, int pStride, int jStride, int cols)
    {
        int rows8 = rows & ~7;
        int rows4 = rows & ~3;
        int cols4 = cols & ~3;
        ref double c0 = ref MemoryMarshal.GetReference(c);
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double b0 = ref MemoryMarshal.GetReference(b);
        for (int j = 0; j < cols4; j += 4)
        {
            int i = 0;
            for (; i < rows8; i += 8)
            {
                Block8x4(ref c0, ref a0, ref b0, rows, inner, pStride, jStride, i, j);
            }

            for (; i < rows4; i += 4)
            {
                Block4x4(ref c0, ref a0, ref b0, rows, inner, pStride, jStride, i, j);
            }

            for (; i < rows; i++)
            {
                for (int jj = j; jj < j + 4; jj++)
                {
                    c[i + jj * rows] += RowTimesColumn(a, rows, inner, b, pStride, jStride, i, jj);
                }
            }
        }

        // The last cols mod 4 columns: one column at a time, down contiguous columns of A.
        for (int j = cols4; j < cols; j++)
        {
            Span<double> cj = c.Slice(j * rows, rows);
            for (int p = 0; p < inner; p++)
            {
                TensorPrimitives.MultiplyAdd(a.Slice(p * rows, rows), b[p * pStride + j * jStride], cj, cj);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8x4(ref double c, ref double a, ref double b, int rows, int inner, int pStride, int jStride, int i, int j)
    {
        var c00 = Vector256<double>.Zero; var c10 = Vector256<double>.Zero;
        var c01 = Vector256<double>.Zero; var c11 = Vector256<double>.Zero;
        var c02 = Vector256<double>.Zero; var c12 = Vector256<double>.Zero;
        var c03 = Vector256<double>.Zero; var c13 = Vector256<double>.Zero;
        ref double ap = ref Unsafe.Add(ref a, i);
        ref double bp = ref Unsafe.Add(ref b, j * jStride);
        for (int p = 0; p < inner; p++)
        {
            var a0 = Vector256.LoadUnsafe(ref ap);
            var a1 = Vector256.LoadUnsafe(ref ap, 4);
            var b0 = Vector256.Create(bp);
            var b1 = Vector256.Create(Unsafe.Add(ref bp, jStride));
            var b2 = Vector256.Create(Unsafe.Add(ref bp, 2 * jStride));
            var b3 = Vector256.Create(Unsafe.Add(ref bp, 3 * jStride));
            c00 = Fma.MultiplyAdd(a0, b0, c00); c10 = Fma.MultiplyAdd(a1, b0, c10);
            c01 = Fma.MultiplyAdd(a0, b1, c01); c11 = Fma.MultiplyAdd(a1, b1, c11);
            c02 = Fma.MultiplyAdd(a0, b2, c02); c12 = Fma.MultiplyAdd(a1, b2, c12);
            c03 = Fma.MultiplyAdd(a0, b3, c03); c13 = Fma.MultiplyAdd(a1, b3, c13);
            ap = ref Unsafe.Add(ref ap, rows);
            bp = ref Unsafe.Add(ref bp, pStride);
        }

        ref double cc = ref Unsafe.Add(ref c, i + j * rows);
        Add(ref cc, 0, c00); Add(ref cc, 4, c10);
        cc = ref Unsafe.Add(ref cc, rows);
        Add(ref cc, 0, c01); Add(ref cc, 4, c11);
        cc = ref Unsafe.Add(ref cc, rows);
        Add(ref cc, 0, c02); Add(ref cc, 4, c12);
        cc = ref Unsafe.Add(ref cc, rows);
        Add(ref cc, 0, c03); Add(ref cc, 4, c13);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x4(ref double c, ref double a, ref double b, int rows, int inner, int pStride, int jStride, int i, int j)
    {
        var c0 = Vector256<double>.Zero; var c1 = Vector256<double>.Zero;
        var c2 = Vector256<double>.Zero; var c3 = Vector256<double>.Zero;
        ref double ap = ref Unsafe.Add(ref a, i);
        ref double bp = ref Unsafe.Add(ref b, j * jStride);
        for (int p = 0; p < inner; p++)
        {
            var a0 = Vector256.LoadUnsafe(ref ap);
            c0 = Fma.MultiplyAdd(a0, Vector256.Create(bp), c0);
            c1 = Fma.MultiplyAdd(a0, Vector256.Create(Unsafe.Add(ref bp, jStride)), c1);
            c2 = Fma.MultiplyAdd(a0, Vector256.Create(Unsafe.Add(ref bp, 2 * jStride)), c2);
            c3 = Fma.MultiplyAdd(a0, Vector256.Create(Unsafe.Add(ref bp, 3 * jStride)), c3);
            ap = ref Unsafe.Add(ref ap, rows);
            bp = ref Unsafe.Add(ref bp, pStride);
        }

        ref double cc = ref Unsafe.Add(ref c, i + j * rows);
        Add(ref cc, 0, c0);
        Add(ref cc, rows, c1);
        Add(ref cc, 2 * rows, c2);
        Add(ref cc, 3 * rows, c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref double target, int offset, Vector256<double> value)
    {
        ref double t = ref Unsafe.Add(ref target, offset);
        (Vector256.LoadUnsafe(ref t) + value).StoreUnsafe(ref t);
    }

    private static double RowTimesColumn(ReadOnlySpan<double> a, int rows, int inner, ReadOnlySpan<double> b, int pStride, int jStride, int i, int j)
    {
        double sum = 0.0;
        for (int p = 0; p < inner; p++)
        {
            sum += a[i + p * rows] * b[p * pStride + j * jStride];
        }

        return sum;
    }

    /// <summary>
    /// D += Aᵀ C, with A inner×rows and C inner×cols (D rows×cols): each entry is a dot product of two contiguous
    /// columns; blocks of 4 × 2 entries share their loads.
    /// </summary>
    internal static void AccumulateTransposeThisAndMultiply(
        Span<double> d, ReadOnlySpan<double> a, int inner, int rows, ReadOnlySpan<double> c, int cols)
    {
        int rows4 = rows & ~3;
        int cols2 = cols & ~1;
        int inner4 = inner & ~3;
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double c0 = ref MemoryMarshal.GetReference(c);
        for (int j = 0; j < cols2; j += 2)
        {
            ref double cj0 = ref Unsafe.Add(ref c0, j * inner);
            ref double cj1 = ref Unsafe.Add(ref cj0, inner);
            int i = 0;
            for (; i < rows4; i += 4)
            {
                ref double ai0 = ref Unsafe.Add(ref a0, i * inner);
                ref double ai1 = ref Unsafe.Add(ref ai0, inner);
                ref double ai2 = ref Unsafe.Add(ref ai1, inner);
                ref double ai3 = ref Unsafe.Add(ref ai2, inner);
                var s00 = Vector256<double>.Zero; var s01 = Vector256<double>.Zero;
                var s10 = Vector256<double>.Zero; var s11 = Vector256<double>.Zero;
                var s20 = Vector256<double>.Zero; var s21 = Vector256<double>.Zero;
                var s30 = Vector256<double>.Zero; var s31 = Vector256<double>.Zero;
                int p = 0;
                for (; p < inner4; p += 4)
                {
                    var x0 = Vector256.LoadUnsafe(ref cj0, (nuint)p);
                    var x1 = Vector256.LoadUnsafe(ref cj1, (nuint)p);
                    var y = Vector256.LoadUnsafe(ref ai0, (nuint)p);
                    s00 = Fma.MultiplyAdd(y, x0, s00); s01 = Fma.MultiplyAdd(y, x1, s01);
                    y = Vector256.LoadUnsafe(ref ai1, (nuint)p);
                    s10 = Fma.MultiplyAdd(y, x0, s10); s11 = Fma.MultiplyAdd(y, x1, s11);
                    y = Vector256.LoadUnsafe(ref ai2, (nuint)p);
                    s20 = Fma.MultiplyAdd(y, x0, s20); s21 = Fma.MultiplyAdd(y, x1, s21);
                    y = Vector256.LoadUnsafe(ref ai3, (nuint)p);
                    s30 = Fma.MultiplyAdd(y, x0, s30); s31 = Fma.MultiplyAdd(y, x1, s31);
                }

                double t00 = Vector256.Sum(s00), t01 = Vector256.Sum(s01), t10 = Vector256.Sum(s10), t11 = Vector256.Sum(s11);
                double t20 = Vector256.Sum(s20), t21 = Vector256.Sum(s21), t30 = Vector256.Sum(s30), t31 = Vector256.Sum(s31);
                for (; p < inner; p++)
                {
                    double x0 = Unsafe.Add(ref cj0, p), x1 = Unsafe.Add(ref cj1, p);
                    t00 += Unsafe.Add(ref ai0, p) * x0; t01 += Unsafe.Add(ref ai0, p) * x1;
                    t10 += Unsafe.Add(ref ai1, p) * x0; t11 += Unsafe.Add(ref ai1, p) * x1;
                    t20 += Unsafe.Add(ref ai2, p) * x0; t21 += Unsafe.Add(ref ai2, p) * x1;
                    t30 += Unsafe.Add(ref ai3, p) * x0; t31 += Unsafe.Add(ref ai3, p) * x1;
                }

                int k = i + j * rows;
                d[k] += t00; d[k + 1] += t10; d[k + 2] += t20; d[k + 3] += t30;
                k += rows;
                d[k] += t01; d[k + 1] += t11; d[k + 2] += t21; d[k + 3] += t31;
            }

            for (; i < rows; i++)
            {
                ReadOnlySpan<double> ai = a.Slice(i * inner, inner);
                d[i + j * rows] += TensorPrimitives.Dot(ai, c.Slice(j * inner, inner));
                d[i + (j + 1) * rows] += TensorPrimitives.Dot(ai, c.Slice((j + 1) * inner, inner));
            }
        }

        for (int j = cols2; j < cols; j++)
        {
            ReadOnlySpan<double> cj = c.Slice(j * inner, inner);
            for (int i = 0; i < rows; i++)
            {
                d[i + j * rows] += TensorPrimitives.Dot(a.Slice(i * inner, inner), cj);
            }
        }
    }
}
