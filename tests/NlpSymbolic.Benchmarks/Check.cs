using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Benchmarks;

/// <summary>Start-up guard: a benchmark of a wrong gradient would be meaningless.</summary>
internal static class Check
{
    public static void GeneratedEqualsHandWritten()
    {
        // The fraction-of-ceiling cases, on the operands their benchmarks use (GRU and window included).
        foreach (var name in Enum.GetValues<CeilingCaseName>())
        {
            CeilingCase.For(name).CheckGradients(name.ToString());
        }

        var random = new Random(5);
        Matrix<double> M(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() * 0.2 - 0.1);
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() * 0.2 - 0.1);
        var (L, H, W, U, b1, b2, h0) = (M(5, 7), M(4, 4), M(4, 5), M(7, 4), V(4), V(7), V(4));
        var tokens = new[] { 1, 3, 3, 0, 6, 2 };
        Matrix<double>[] Mz() => new[] { M(5, 7) * 0, M(4, 4) * 0, M(4, 5) * 0, M(7, 4) * 0 };
        var (g, h) = (Mz(), Mz());
        var (gv, hv) = (new[] { V(4) * 0, V(7) * 0, V(4) * 0 }, new[] { V(4) * 0, V(7) * 0, V(4) * 0 });
        Models.RnnLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, g[0], g[1], g[2], gv[0], g[3], gv[1], gv[2]);
        HandWritten.RnnLossBackward(L, H, W, b1, U, b2, h0, tokens, h[0], h[1], h[2], hv[0], h[3], hv[1], hv[2]);
        var (k, kv) = (Mz(), new[] { V(4) * 0, V(7) * 0, V(4) * 0 });
        HandWrittenKernels.RnnLossBackward(L, H, W, b1, U, b2, h0, tokens, k[0], k[1], k[2], kv[0], k[3], kv[1], kv[2]);
        for (var i = 0; i < 4; i++)
        {
            if ((k[i] - h[i]).InfinityNorm() > 1e-10)
            {
                throw new InvalidOperationException($"Kernel hand-written and MathNet hand-written RNN gradients differ (matrix {i}).");
            }
        }

        for (var i = 0; i < 4; i++)
        {
            if ((g[i] - h[i]).InfinityNorm() > 1e-10)
            {
                throw new InvalidOperationException($"Generated and hand-written RNN gradients differ (matrix {i}).");
            }
        }

        for (var i = 0; i < 3; i++)
        {
            if ((gv[i] - hv[i]).InfinityNorm() > 1e-10)
            {
                throw new InvalidOperationException($"Generated and hand-written RNN gradients differ (vector {i}).");
            }
        }
    }
}
