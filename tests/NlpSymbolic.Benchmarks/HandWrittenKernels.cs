using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// Backprop written by hand from the lecture's equations by someone who knows the runtime's kernels: the
/// fair "as fast as hand-written" baseline for the generated code (same buffers, same fused kernels: both adjoints
/// of each W x in one AccumulateMultiplyAdjoints sweep, as the generated code calls them).
/// </summary>
public static class HandWrittenKernels
{
    public static double WindowHingeBackward(Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, Vector<double> xc,
        Matrix<double> dW, Vector<double> db, Vector<double> du, Vector<double> dx, Vector<double> dxc)
    {
        var ws = Workspace.Enter();
        try
        {
            var a = ws.Tanh(ws.Add(ws.Multiply(W, x), b));
            var ac = ws.Tanh(ws.Add(ws.Multiply(W, xc), b));
            var J = 1 - ws.Dot(u, a) + ws.Dot(u, ac);
            if (J <= 0)
            {
                return 0;
            }

            // δ = u ∘ (1 − a²) for the true window (with sign −) and the corrupt one (+).
            var delta = ws.ZerosLike(a);
            ws.AccumulateTanhGradient(delta, u, a);
            var deltaC = ws.ZerosLike(ac);
            ws.AccumulateTanhGradient(deltaC, u, ac);
            ws.AccumulateNegate(du, a);
            ws.Accumulate(du, ac);
            ws.AccumulateNegate(db, delta);
            ws.Accumulate(db, deltaC);
            var minusDelta = ws.Negate(delta);
            ws.AccumulateMultiplyAdjointsDeferred(dW, dx, W, x, minusDelta);   // ∇x += Wᵀ(−δ); ∇W += −δ xᵀ queued
            ws.AccumulateMultiplyAdjointsDeferred(dW, dxc, W, xc, deltaC);   // both ∇W updates added as one rank-2 product at Exit
            return J;
        }
        finally
        {
            ws.Exit();
        }
    }

    public static double RnnLossBackward(Matrix<double> L, Matrix<double> H, Matrix<double> W, Vector<double> b1,
        Matrix<double> U, Vector<double> b2, Vector<double> h0, int[] tokens,
        Matrix<double> dL, Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2, Vector<double> dh0)
    {
        var ws = Workspace.Enter();
        try
        {
            var steps = tokens.Length - 1;
            var hs = new Vector<double>[steps + 1];   // a real implementation would pool these too
            var logits = new Vector<double>[steps];
            hs[0] = h0;
            var J = 0.0;
            for (var t = 0; t < steps; t++)
            {
                var x = ws.Column(L, tokens[t]);
                hs[t + 1] = ws.Tanh(ws.Add(ws.Add(ws.Multiply(H, hs[t]), ws.Multiply(W, x)), b1));
                logits[t] = ws.Add(ws.Multiply(U, hs[t + 1]), b2);
                J += ws.CrossEntropy(logits[t], tokens[t + 1]);
            }

            var dhNext = ws.ZerosLike(h0);
            for (var t = steps - 1; t >= 0; t--)
            {
                var delta2 = ws.ZerosLike(logits[t]);
                ws.AccumulateCrossEntropyGradient(delta2, 1.0, logits[t], tokens[t + 1]);   // δ₂ = ŷ − y
                ws.AccumulateMultiplyAdjointsDeferred(dU, dhNext, U, hs[t + 1], delta2);            // ∇U += δ₂ hᵀ; Uᵀδ₂ + Hᵀδ_next
                ws.Accumulate(db2, delta2);
                var delta = ws.ZerosLike(dhNext);
                ws.AccumulateTanhGradient(delta, dhNext, hs[t + 1]);                         // δ = (…) ∘ (1 − h²)
                var dhPrevious = ws.ZerosLike(h0);
                ws.AccumulateMultiplyAdjointsDeferred(dH, dhPrevious, H, hs[t], delta);             // ∇H += δ hᵀ; Hᵀδ to the step before
                var x = ws.Column(L, tokens[t]);
                var dx = ws.ZerosLike(x);
                ws.AccumulateMultiplyAdjointsDeferred(dW, dx, W, x, delta);                        // ∇W += δ xᵀ; ∇x = Wᵀδ
                ws.Accumulate(db1, delta);
                ws.AccumulateIntoColumn(dL, tokens[t], dx);
                dhNext = dhPrevious;
            }

            ws.Accumulate(dh0, dhNext);
            return J;
        }
        finally
        {
            ws.Exit();
        }
    }
}
