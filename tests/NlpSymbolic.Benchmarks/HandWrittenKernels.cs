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

    /// <summary>
    /// The GRU cell's gradient from the lecture's equations (models.md §3), for h' = z ∘ h + (1 − z) ∘ h̃ with
    /// z = σ(W_z x + U_z h), r = σ(W_r x + U_r h), h̃ = tanh(W x + r ∘ (U h)). Returns h' as a copy the caller owns,
    /// as the generated GruCellBackward does.
    /// </summary>
    public static Vector<double> GruCellBackward(Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur,
        Matrix<double> W, Matrix<double> U, Vector<double> x, Vector<double> h, Vector<double> dhNext,
        Matrix<double> dWz, Matrix<double> dUz, Matrix<double> dWr, Matrix<double> dUr, Matrix<double> dW, Matrix<double> dU,
        Vector<double> dx, Vector<double> dh)
    {
        var ws = Workspace.Enter();
        try
        {
            // Forward: each gate's two products summed in one buffer (W x, then += U h), no separate additions.
            var zIn = ws.Multiply(Wz, x);
            ws.AccumulateMultiply(zIn, Uz, h);
            var z = ws.Sigmoid(zIn);
            var rIn = ws.Multiply(Wr, x);
            ws.AccumulateMultiply(rIn, Ur, h);
            var r = ws.Sigmoid(rIn);
            var uh = ws.Multiply(U, h);
            var cIn = ws.Multiply(W, x);
            ws.AccumulatePointwiseMultiply(cIn, r, uh);
            var hTilde = ws.Tanh(cIn);
            var oneMinusZ = ws.ScalarMinus(1.0, z);
            var hNext = ws.PointwiseMultiply(z, h);
            ws.AccumulatePointwiseMultiply(hNext, oneMinusZ, hTilde);

            // h' = z ∘ h + (1 − z) ∘ h̃: ∂h̃ = ∂h' ∘ (1 − z), ∂z = ∂h' ∘ (h − h̃), ∂h += ∂h' ∘ z.
            var dhTilde = ws.PointwiseMultiply(dhNext, oneMinusZ);
            var dz = ws.PointwiseMultiply(dhNext, ws.Subtract(h, hTilde));
            ws.AccumulatePointwiseMultiply(dh, dhNext, z);

            // h̃ = tanh(c), c = W x + r ∘ (U h): δc = ∂h̃ ∘ (1 − h̃²); ∂r = δc ∘ (U h); ∂(U h) = δc ∘ r.
            var deltaC = ws.ZerosLike(hTilde);
            ws.AccumulateTanhGradient(deltaC, dhTilde, hTilde);
            var dr = ws.PointwiseMultiply(deltaC, uh);
            var dUh = ws.PointwiseMultiply(deltaC, r);
            ws.AccumulateMultiplyAdjoints(dU, dh, U, h, dUh);          // ∇U += ∂(U h) hᵀ; ∂h += Uᵀ ∂(U h)
            ws.AccumulateMultiplyAdjoints(dW, dx, W, x, deltaC);       // ∇W += δc xᵀ; ∂x += Wᵀ δc

            // r = σ(W_r x + U_r h): δr = ∂r ∘ r (1 − r); both products get δr.
            var deltaR = ws.ZerosLike(r);
            ws.AccumulateSigmoidGradient(deltaR, dr, r);
            ws.AccumulateMultiplyAdjoints(dUr, dh, Ur, h, deltaR);
            ws.AccumulateMultiplyAdjoints(dWr, dx, Wr, x, deltaR);

            // z = σ(W_z x + U_z h): δz = ∂z ∘ z (1 − z).
            var deltaZ = ws.ZerosLike(z);
            ws.AccumulateSigmoidGradient(deltaZ, dz, z);
            ws.AccumulateMultiplyAdjoints(dUz, dh, Uz, h, deltaZ);
            ws.AccumulateMultiplyAdjoints(dWz, dx, Wz, x, deltaZ);
            return hNext.Clone();
        }
        finally
        {
            ws.Exit();
        }
    }
}
