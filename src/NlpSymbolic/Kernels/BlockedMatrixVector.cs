using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NlpSymbolic;

/// <summary>
/// Register-blocked matrix–vector kernels over column-major spans (element (i, j) of a rows×cols matrix at
/// i + j·rows): one example's weight matrix times a vector, and the adjoints. The column-at-a-time loops in
/// <see cref="MatrixMath"/> read and write the output once per column; these keep a block of the output (or of
/// the vector they broadcast) in registers across several columns, and the fused adjoint reads each column of W
/// once for both dx and dW. Each kernel adds into its destination, which must not overlap any input.
/// </summary>
/// <remarks>
/// Offsets are computed as indices from the start of each span (never a reference walked past its end), and
/// every entry point checks the span lengths once, so a wrong shape is an exception, not memory corruption.
/// Rows that do not fill a vector register are done in scalar code: at most 7 per column. Row blocks held in
/// registers across all columns (y for W x, u for u vᵀ) were tried and measured: faster on 100×150, but 1.1–3.9× slower
/// on 512×812, whose columns are 4 KB apart.
/// </remarks>
internal static class BlockedMatrixVector
{
    /// <summary>Whether these kernels run here (512-bit vectors in hardware); otherwise the MatrixMath loops do.</summary>
    internal static bool IsSupported => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// Above this many entries (1 MB, beyond L2) an outer product is bound by memory, and one column at a time
    /// (a single stream) measured faster than four columns per pass.
    /// </summary>
    internal const int OuterBlockLimit = 1 << 17;

    private const int Lanes = 8;

    /// <summary>y += A x, with A rows×cols: eight columns per pass, so each block of y is read and written once per eight columns.</summary>
    internal static void AccumulateMultiply(Span<double> y, ReadOnlySpan<double> a, int rows, int cols, ReadOnlySpan<double> x)
    {
        CheckLengths(a, rows, cols, x.Length == cols && y.Length == rows);
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        int rows8 = rows & ~(Lanes - 1);
        nuint r = (nuint)rows;
        int j = 0;
        for (; j + 8 <= cols; j += 8)
        {
            var x1 = Vector512.Create(x[j]);
            var x2 = Vector512.Create(x[j + 1]);
            var x3 = Vector512.Create(x[j + 2]);
            var x4 = Vector512.Create(x[j + 3]);
            var x5 = Vector512.Create(x[j + 4]);
            var x6 = Vector512.Create(x[j + 5]);
            var x7 = Vector512.Create(x[j + 6]);
            var x8 = Vector512.Create(x[j + 7]);
            for (int i = 0; i < rows8; i += Lanes)
            {
                nuint p = (nuint)(i + j * rows);
                // Two chains of four FMAs, so the sum does not wait on eight dependent FMAs in a row.
                var s = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p), x1, Vector512.LoadUnsafe(ref y0, (nuint)i));
                var t = Vector512.LoadUnsafe(ref a0, p + 4 * r) * x5;
                s = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + r), x2, s);
                t = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 5 * r), x6, t);
                s = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 2 * r), x3, s);
                t = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 6 * r), x7, t);
                s = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 3 * r), x4, s);
                t = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 7 * r), x8, t);
                (s + t).StoreUnsafe(ref y0, (nuint)i);
            }

            for (int i = rows8; i < rows; i++)
            {
                int p = i + j * rows;
                y[i] += a[p] * x[j] + a[p + rows] * x[j + 1] + a[p + 2 * rows] * x[j + 2] + a[p + 3 * rows] * x[j + 3]
                    + a[p + 4 * rows] * x[j + 4] + a[p + 5 * rows] * x[j + 5] + a[p + 6 * rows] * x[j + 6] + a[p + 7 * rows] * x[j + 7];
            }
        }

        for (; j < cols; j++)
        {
            TensorPrimitives.MultiplyAdd(a.Slice(j * rows, rows), x[j], y, y);
        }
    }

    /// <summary>D += u vᵀ, with D u.Length×v.Length: four columns per pass, so each block of u is loaded once per four columns.</summary>
    internal static void AccumulateOuter(Span<double> d, ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        int rows = u.Length, cols = v.Length;
        CheckLengths(d, rows, cols, true);
        ref double d0 = ref MemoryMarshal.GetReference(d);
        ref double u0 = ref MemoryMarshal.GetReference(u);
        int rows8 = rows & ~(Lanes - 1);
        nuint r = (nuint)rows;
        int j = 0;
        for (; j + 4 <= cols; j += 4)
        {
            var v1 = Vector512.Create(v[j]);
            var v2 = Vector512.Create(v[j + 1]);
            var v3 = Vector512.Create(v[j + 2]);
            var v4 = Vector512.Create(v[j + 3]);
            for (int i = 0; i < rows8; i += Lanes)
            {
                nuint p = (nuint)(i + j * rows);
                // Every load before any store: with 512 rows the four columns are 4 KB apart, and a store followed
                // by a load 4 KB away stalls on a false dependency (4K aliasing).
                var g = Vector512.LoadUnsafe(ref u0, (nuint)i);
                var e1 = Vector512.LoadUnsafe(ref d0, p);
                var e2 = Vector512.LoadUnsafe(ref d0, p + r);
                var e3 = Vector512.LoadUnsafe(ref d0, p + 2 * r);
                var e4 = Vector512.LoadUnsafe(ref d0, p + 3 * r);
                Vector512.FusedMultiplyAdd(g, v1, e1).StoreUnsafe(ref d0, p);
                Vector512.FusedMultiplyAdd(g, v2, e2).StoreUnsafe(ref d0, p + r);
                Vector512.FusedMultiplyAdd(g, v3, e3).StoreUnsafe(ref d0, p + 2 * r);
                Vector512.FusedMultiplyAdd(g, v4, e4).StoreUnsafe(ref d0, p + 3 * r);
            }

            for (int i = rows8; i < rows; i++)
            {
                int p = i + j * rows;
                d[p] += u[i] * v[j];
                d[p + rows] += u[i] * v[j + 1];
                d[p + 2 * rows] += u[i] * v[j + 2];
                d[p + 3 * rows] += u[i] * v[j + 3];
            }
        }

        for (; j < cols; j++)
        {
            Span<double> dj = d.Slice(j * rows, rows);
            TensorPrimitives.MultiplyAdd(u, v[j], dj, dj);
        }
    }

    /// <summary>y += Aᵀ x, with A rows×cols (y has length cols): eight column dot products share each load of x.</summary>
    internal static void AccumulateTransposeThisAndMultiply(Span<double> y, ReadOnlySpan<double> a, int rows, int cols, ReadOnlySpan<double> x)
    {
        CheckLengths(a, rows, cols, x.Length == rows && y.Length == cols);
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double x0 = ref MemoryMarshal.GetReference(x);
        int rows8 = rows & ~(Lanes - 1);
        int j = 0;
        for (; j + 8 <= cols; j += 8)
        {
            Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default;
            Vector512<double> s4 = default, s5 = default, s6 = default, s7 = default;
            nuint r = (nuint)rows;
            for (int i = 0; i < rows8; i += Lanes)
            {
                nuint p = (nuint)(i + j * rows);
                var g = Vector512.LoadUnsafe(ref x0, (nuint)i);
                s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p), g, s0);
                s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + r), g, s1);
                s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 2 * r), g, s2);
                s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 3 * r), g, s3);
                s4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 4 * r), g, s4);
                s5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 5 * r), g, s5);
                s6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 6 * r), g, s6);
                s7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 7 * r), g, s7);
            }

            y[j] += Vector512.Sum(s0) + TailDot(a, x, rows, rows8, j);
            y[j + 1] += Vector512.Sum(s1) + TailDot(a, x, rows, rows8, j + 1);
            y[j + 2] += Vector512.Sum(s2) + TailDot(a, x, rows, rows8, j + 2);
            y[j + 3] += Vector512.Sum(s3) + TailDot(a, x, rows, rows8, j + 3);
            y[j + 4] += Vector512.Sum(s4) + TailDot(a, x, rows, rows8, j + 4);
            y[j + 5] += Vector512.Sum(s5) + TailDot(a, x, rows, rows8, j + 5);
            y[j + 6] += Vector512.Sum(s6) + TailDot(a, x, rows, rows8, j + 6);
            y[j + 7] += Vector512.Sum(s7) + TailDot(a, x, rows, rows8, j + 7);
        }

        for (; j < cols; j++)
        {
            y[j] += TensorPrimitives.Dot(a.Slice(j * rows, rows), x);
        }
    }

    /// <summary>
    /// The two adjoints of y = W x in one sweep over W: dx += Wᵀ dy and dW += dy xᵀ. Each block of four columns
    /// of W is read once, with the matching columns of dW, while dy is loaded once per block.
    /// </summary>
    internal static void AccumulateMultiplyAdjoints(
        Span<double> dW, Span<double> dx, ReadOnlySpan<double> w, int rows, int cols, ReadOnlySpan<double> x, ReadOnlySpan<double> dy)
    {
        CheckLengths(w, rows, cols, dW.Length == w.Length && dx.Length == cols && x.Length == cols && dy.Length == rows);
        ref double w0 = ref MemoryMarshal.GetReference(w);
        ref double d0 = ref MemoryMarshal.GetReference(dW);
        ref double g0 = ref MemoryMarshal.GetReference(dy);
        int rows8 = rows & ~(Lanes - 1);
        int j = 0;
        for (; j + 4 <= cols; j += 4)
        {
            Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default;
            var x1 = Vector512.Create(x[j]);
            var x2 = Vector512.Create(x[j + 1]);
            var x3 = Vector512.Create(x[j + 2]);
            var x4 = Vector512.Create(x[j + 3]);
            nuint r = (nuint)rows;
            for (int i = 0; i < rows8; i += Lanes)
            {
                nuint p = (nuint)(i + j * rows);
                // Loads before stores, as in AccumulateOuter (4K aliasing when rows is a multiple of 512).
                var g = Vector512.LoadUnsafe(ref g0, (nuint)i);
                var e1 = Vector512.LoadUnsafe(ref d0, p);
                var e2 = Vector512.LoadUnsafe(ref d0, p + r);
                var e3 = Vector512.LoadUnsafe(ref d0, p + 2 * r);
                var e4 = Vector512.LoadUnsafe(ref d0, p + 3 * r);
                s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w0, p), g, s0);
                s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w0, p + r), g, s1);
                s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w0, p + 2 * r), g, s2);
                s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w0, p + 3 * r), g, s3);
                Vector512.FusedMultiplyAdd(g, x1, e1).StoreUnsafe(ref d0, p);
                Vector512.FusedMultiplyAdd(g, x2, e2).StoreUnsafe(ref d0, p + r);
                Vector512.FusedMultiplyAdd(g, x3, e3).StoreUnsafe(ref d0, p + 2 * r);
                Vector512.FusedMultiplyAdd(g, x4, e4).StoreUnsafe(ref d0, p + 3 * r);
            }

            double t0 = Vector512.Sum(s0), t1 = Vector512.Sum(s1), t2 = Vector512.Sum(s2), t3 = Vector512.Sum(s3);
            for (int i = rows8; i < rows; i++)
            {
                int p = i + j * rows;
                double gi = dy[i];
                t0 += w[p] * gi;
                t1 += w[p + rows] * gi;
                t2 += w[p + 2 * rows] * gi;
                t3 += w[p + 3 * rows] * gi;
                dW[p] += gi * x[j];
                dW[p + rows] += gi * x[j + 1];
                dW[p + 2 * rows] += gi * x[j + 2];
                dW[p + 3 * rows] += gi * x[j + 3];
            }

            dx[j] += t0;
            dx[j + 1] += t1;
            dx[j + 2] += t2;
            dx[j + 3] += t3;
        }

        for (; j < cols; j++)
        {
            Span<double> dWj = dW.Slice(j * rows, rows);
            dx[j] += TensorPrimitives.Dot(w.Slice(j * rows, rows), dy);
            TensorPrimitives.MultiplyAdd(dy, x[j], dWj, dWj);
        }
    }

    private static double TailDot(ReadOnlySpan<double> a, ReadOnlySpan<double> x, int rows, int from, int j)
    {
        double sum = 0.0;
        for (int i = from; i < rows; i++)
        {
            sum += a[i + j * rows] * x[i];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(ref double target, nuint offset, Vector512<double> value) =>
        (Vector512.LoadUnsafe(ref target, offset) + value).StoreUnsafe(ref target, offset);

    // The Workspace kernels check shapes with messages for users; this is the last line against a caller's bug.
    private static void CheckLengths(ReadOnlySpan<double> matrix, int rows, int cols, bool othersMatch)
    {
        if (rows < 0 || cols < 0 || matrix.Length != rows * cols || !othersMatch)
        {
            throw new ArgumentException($"BlockedMatrixVector: span lengths do not match a {rows}×{cols} matrix.");
        }
    }
}
