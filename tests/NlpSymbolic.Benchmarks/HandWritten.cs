using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// Backprop written by hand from the lecture's equations with MathNet operators — what a user writes
/// without NlpSymbolic. Same results as the generated code (checked at start-up).
/// </summary>
public static class HandWritten
{
    public static double WindowHingeBackward(Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, Vector<double> xc,
        Matrix<double> dW, Vector<double> db, Vector<double> du, Vector<double> dx, Vector<double> dxc)
    {
        var a = (W * x + b).PointwiseTanh();
        var ac = (W * xc + b).PointwiseTanh();
        var J = 1 - u * a + u * ac;
        if (J <= 0)
        {
            return 0;
        }

        // ∂J/∂θ = −∂s/∂θ + ∂s_c/∂θ with δ = u ∘ (1 − a²)
        var delta = u.PointwiseMultiply(1 - a.PointwiseMultiply(a));
        var deltaC = u.PointwiseMultiply(1 - ac.PointwiseMultiply(ac));
        du.Add(ac - a, du);
        db.Add(deltaC - delta, db);
        dW.Add(deltaC.OuterProduct(xc) - delta.OuterProduct(x), dW);
        dx.Subtract(W.TransposeThisAndMultiply(delta), dx);
        dxc.Add(W.TransposeThisAndMultiply(deltaC), dxc);
        return J;
    }

    public static double RnnLossBackward(Matrix<double> L, Matrix<double> H, Matrix<double> W, Vector<double> b1,
        Matrix<double> U, Vector<double> b2, Vector<double> h0, int[] tokens,
        Matrix<double> dL, Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2, Vector<double> dh0)
    {
        var steps = tokens.Length - 1;
        var hs = new List<Vector<double>> { h0 };
        var ys = new List<Vector<double>>();
        var J = 0.0;
        for (var t = 0; t < steps; t++)
        {
            var h = (H * hs[t] + W * L.Column(tokens[t]) + b1).PointwiseTanh();
            var logits = U * h + b2;
            var max = logits.Maximum();
            var e = (logits - max).PointwiseExp();
            var y = e / e.Sum();
            J += -Math.Log(y[tokens[t + 1]]);
            hs.Add(h);
            ys.Add(y);
        }

        var dhNext = Vector<double>.Build.Dense(h0.Count);
        for (var t = steps - 1; t >= 0; t--)
        {
            var delta2 = ys[t].Clone();                  // δ₂ = ŷ − y
            delta2[tokens[t + 1]] -= 1;
            dU.Add(delta2.OuterProduct(hs[t + 1]), dU);  // ∇U += δ₂ hᵀ
            db2.Add(delta2, db2);
            var h = hs[t + 1];
            var delta = (U.TransposeThisAndMultiply(delta2) + dhNext).PointwiseMultiply(1 - h.PointwiseMultiply(h));
            dH.Add(delta.OuterProduct(hs[t]), dH);       // ∇H += δ h⁽ᵗ⁻¹⁾ᵀ
            dW.Add(delta.OuterProduct(L.Column(tokens[t])), dW);
            db1.Add(delta, db1);
            var dx = W.TransposeThisAndMultiply(delta);
            dL.SetColumn(tokens[t], dL.Column(tokens[t]) + dx);
            dhNext = H.TransposeThisAndMultiply(delta);
        }

        dh0.Add(dhNext, dh0);
        return J;
    }
}
