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
/// Rows that do not fill a vector register are done in scalar code: at most 7 per column.
/// </remarks>
internal static class BlockedMatrixVector
{
    /// <summary>Whether these kernels run here (512-bit vectors in hardware); otherwise the MatrixMath loops do.</summary>
    internal static bool IsSupported => Vector512.IsHardwareAccelerated;

    private const int Lanes = 8;

    /// <summary>y += A x, with A rows×cols: 32 rows of y stay in registers for a pass over every column.</summary>
    internal static void AccumulateMultiply(Span<double> y, ReadOnlySpan<double> a, int rows, int cols, ReadOnlySpan<double> x)
    {
        CheckLengths(a, rows, cols, x.Length == cols && y.Length == rows);
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i + 4 * Lanes <= rows; i += 4 * Lanes)
        {
            MultiplyRows32(ref y0, ref a0, rows, cols, ref x0, i);
        }

        for (; i + Lanes <= rows; i += Lanes)
        {
            MultiplyRows8(ref y0, ref a0, rows, cols, ref x0, i);
        }

        for (int j = 0; j < cols && i < rows; j++)
        {
            double xj = x[j];
            for (int r = i; r < rows; r++)
            {
                y[r] += a[r + j * rows] * xj;
            }
        }
    }

    // Two columns per step into two sets of accumulators, so eight independent FMA chains hide the FMA latency.
    private static void MultiplyRows32(ref double y0, ref double a0, int rows, int cols, ref double x0, int i)
    {
        Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default;
        Vector512<double> t0 = default, t1 = default, t2 = default, t3 = default;
        int j = 0;
        for (; j + 2 <= cols; j += 2)
        {
            nuint p = (nuint)(i + j * rows), q = p + (nuint)rows;
            var xa = Vector512.Create(Unsafe.Add(ref x0, j));
            var xb = Vector512.Create(Unsafe.Add(ref x0, j + 1));
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p), xa, s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 8), xa, s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 16), xa, s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 24), xa, s3);
            t0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, q), xb, t0);
            t1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, q + 8), xb, t1);
            t2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, q + 16), xb, t2);
            t3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, q + 24), xb, t3);
        }

        if (j < cols)
        {
            nuint p = (nuint)(i + j * rows);
            var xa = Vector512.Create(Unsafe.Add(ref x0, j));
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p), xa, s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 8), xa, s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 16), xa, s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 24), xa, s3);
        }

        AddTo(ref y0, (nuint)i, s0 + t0);
        AddTo(ref y0, (nuint)i + 8, s1 + t1);
        AddTo(ref y0, (nuint)i + 16, s2 + t2);
        AddTo(ref y0, (nuint)i + 24, s3 + t3);
    }

    private static void MultiplyRows8(ref double y0, ref double a0, int rows, int cols, ref double x0, int i)
    {
        Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default;
        int j = 0;
        for (; j + 4 <= cols; j += 4)
        {
            nuint p = (nuint)(i + j * rows), r = (nuint)rows;
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p), Vector512.Create(Unsafe.Add(ref x0, j)), s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + r), Vector512.Create(Unsafe.Add(ref x0, j + 1)), s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 2 * r), Vector512.Create(Unsafe.Add(ref x0, j + 2)), s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, p + 3 * r), Vector512.Create(Unsafe.Add(ref x0, j + 3)), s3);
        }

        for (; j < cols; j++)
        {
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, (nuint)(i + j * rows)), Vector512.Create(Unsafe.Add(ref x0, j)), s0);
        }

        AddTo(ref y0, (nuint)i, (s0 + s1) + (s2 + s3));
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

    /// <summary>D += u vᵀ, with D u.Length×v.Length: 32 entries of u stay in registers for a pass over every column.</summary>
    internal static void AccumulateOuter(Span<double> d, ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        int rows = u.Length, cols = v.Length;
        CheckLengths(d, rows, cols, true);
        ref double d0 = ref MemoryMarshal.GetReference(d);
        ref double u0 = ref MemoryMarshal.GetReference(u);
        ref double v0 = ref MemoryMarshal.GetReference(v);
        int i = 0;
        for (; i + 4 * Lanes <= rows; i += 4 * Lanes)
        {
            var u1 = Vector512.LoadUnsafe(ref u0, (nuint)i);
            var u2 = Vector512.LoadUnsafe(ref u0, (nuint)i + 8);
            var u3 = Vector512.LoadUnsafe(ref u0, (nuint)i + 16);
            var u4 = Vector512.LoadUnsafe(ref u0, (nuint)i + 24);
            for (int j = 0; j < cols; j++)
            {
                nuint p = (nuint)(i + j * rows);
                var vj = Vector512.Create(Unsafe.Add(ref v0, j));
                Vector512.FusedMultiplyAdd(u1, vj, Vector512.LoadUnsafe(ref d0, p)).StoreUnsafe(ref d0, p);
                Vector512.FusedMultiplyAdd(u2, vj, Vector512.LoadUnsafe(ref d0, p + 8)).StoreUnsafe(ref d0, p + 8);
                Vector512.FusedMultiplyAdd(u3, vj, Vector512.LoadUnsafe(ref d0, p + 16)).StoreUnsafe(ref d0, p + 16);
                Vector512.FusedMultiplyAdd(u4, vj, Vector512.LoadUnsafe(ref d0, p + 24)).StoreUnsafe(ref d0, p + 24);
            }
        }

        for (; i + Lanes <= rows; i += Lanes)
        {
            var u1 = Vector512.LoadUnsafe(ref u0, (nuint)i);
            for (int j = 0; j < cols; j++)
            {
                nuint p = (nuint)(i + j * rows);
                Vector512.FusedMultiplyAdd(u1, Vector512.Create(Unsafe.Add(ref v0, j)), Vector512.LoadUnsafe(ref d0, p)).StoreUnsafe(ref d0, p);
            }
        }

        for (int j = 0; j < cols && i < rows; j++)
        {
            double vj = v[j];
            for (int r = i; r < rows; r++)
            {
                d[r + j * rows] += u[r] * vj;
            }
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
                var g = Vector512.LoadUnsafe(ref g0, (nuint)i);
                s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w0, p), g, s0);
                Vector512.FusedMultiplyAdd(g, x1, Vector512.LoadUnsafe(ref d0, p)).StoreUnsafe(ref d0, p);
                s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w0, p + r), g, s1);
                Vector512.FusedMultiplyAdd(g, x2, Vector512.LoadUnsafe(ref d0, p + r)).StoreUnsafe(ref d0, p + r);
                s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w0, p + 2 * r), g, s2);
                Vector512.FusedMultiplyAdd(g, x3, Vector512.LoadUnsafe(ref d0, p + 2 * r)).StoreUnsafe(ref d0, p + 2 * r);
                s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w0, p + 3 * r), g, s3);
                Vector512.FusedMultiplyAdd(g, x4, Vector512.LoadUnsafe(ref d0, p + 3 * r)).StoreUnsafe(ref d0, p + 3 * r);
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
