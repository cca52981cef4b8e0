using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Tests.Lecture;

/// <summary>
/// Backpropagation through time written by hand from the lecture's equations (shared/docs/models.md §2, §3),
/// in plain MathNet code that shares nothing with the generator or the runtime (no <c>Functions</c>, no
/// <c>Workspace</c>). Each <c>NameBackward</c> has exactly the signature of the generated
/// <c>SequenceModels.NameBackward</c>, returns the forward value and ADDS dResult × gradient into the buffers.
/// Notation: step t = 0 … T−1 (T = tokens.Length − 1) reads x⁽ᵗ⁾ = L[:, tokens[t]] and predicts tokens[t+1];
/// h⁽ᵗ⁾ is the state after step t, h⁽⁻¹⁾ = h0; δ the gradient at a pre-activation; ∘ the element-wise product.
/// </summary>
public static class HandWrittenBptt
{
    // ───────────── §2 Elman RNN language model ─────────────

    public static double RnnLanguageModelLossBackward(
        Matrix<double> L, Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
        Vector<double> h0, int[] tokens, double dResult,
        Matrix<double> dL, Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2,
        Vector<double> dh0) =>
        Bptt(L, H, W, b1, U, b2, h0, tokens, tanh: false, dResult, dL, dH, dW, db1, dU, db2, dh0);

    public static double RnnLanguageModelLossTanhBackward(
        Matrix<double> L, Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
        Vector<double> h0, int[] tokens, double dResult,
        Matrix<double> dL, Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2,
        Vector<double> dh0) =>
        Bptt(L, H, W, b1, U, b2, h0, tokens, tanh: true, dResult, dL, dH, dW, db1, dU, db2, dh0);

    /// <summary>The same function as the σ model (only its forward is written with calls).</summary>
    public static double RnnLanguageModelLossByCallsBackward(
        Matrix<double> L, Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
        Vector<double> h0, int[] tokens, double dResult,
        Matrix<double> dL, Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2,
        Vector<double> dh0) =>
        Bptt(L, H, W, b1, U, b2, h0, tokens, tanh: false, dResult, dL, dH, dW, db1, dU, db2, dh0);

    /// <summary>h = σ(H h_prev + W x + b₁) with a vector dResult = ∂J/∂h arriving at h.</summary>
    public static Vector<double> RnnStepBackward(
        Matrix<double> H, Matrix<double> W, Vector<double> b1, Vector<double> hPrev, Vector<double> x, Vector<double> dResult,
        Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Vector<double> dhPrev, Vector<double> dx)
    {
        var h = Sigmoid(H * hPrev + W * x + b1);

        // δ = h∘(1−h)∘dResult; ∇H += δ h_prevᵀ; ∇W += δ xᵀ; ∇b₁ += δ; ∇h_prev += Hᵀδ; ∇x += Wᵀδ
        var delta = h.PointwiseMultiply(1 - h).PointwiseMultiply(dResult);
        AddInto(dH, delta.OuterProduct(hPrev));
        AddInto(dW, delta.OuterProduct(x));
        AddInto(db1, delta);
        AddInto(dhPrev, H.TransposeThisAndMultiply(delta));
        AddInto(dx, W.TransposeThisAndMultiply(delta));
        return h;
    }

    /// <summary>J = −log softmax(U h + b₂)_label.</summary>
    public static double StepLossBackward(
        Matrix<double> U, Vector<double> b2, Vector<double> h, int label, double dResult,
        Matrix<double> dU, Vector<double> db2, Vector<double> dh)
    {
        var yHat = Softmax(U * h + b2);

        // δ₂ = ŷ − y; ∇U += δ₂ hᵀ; ∇b₂ += δ₂; ∇h += Uᵀδ₂
        var delta2 = (yHat - OneHot(yHat.Count, label)) * dResult;
        AddInto(dU, delta2.OuterProduct(h));
        AddInto(db2, delta2);
        AddInto(dh, U.TransposeThisAndMultiply(delta2));
        return -Math.Log(yHat[label]);
    }

    /// <summary>
    /// BPTT for J = Σₜ −log ŷ⁽ᵗ⁾_{tokens[t+1]}, ŷ⁽ᵗ⁾ = softmax(U h⁽ᵗ⁾ + b₂), h⁽ᵗ⁾ = f(H h⁽ᵗ⁻¹⁾ + W x⁽ᵗ⁾ + b₁).
    /// </summary>
    public static double Bptt(
        Matrix<double> L, Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
        Vector<double> h0, int[] tokens, bool tanh, double dResult,
        Matrix<double> dL, Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2,
        Vector<double> dh0)
    {
        var steps = Math.Max(0, tokens.Length - 1);

        // Forward: keep every state (states[t + 1] = h⁽ᵗ⁾, states[0] = h0) and every prediction.
        var states = new Vector<double>[steps + 1];
        var predictions = new Vector<double>[steps];
        states[0] = h0;
        var J = 0.0;
        for (var t = 0; t < steps; t++)
        {
            var pre = H * states[t] + W * L.Column(tokens[t]) + b1;
            states[t + 1] = tanh ? pre.Map(Math.Tanh) : Sigmoid(pre);
            predictions[t] = Softmax(U * states[t + 1] + b2);
            J -= Math.Log(predictions[t][tokens[t + 1]]);
        }

        // Backward, last step first. δ⁽ᵗ⁺¹⁾ is the error signal of the step after t (zero after the last one).
        var deltaNext = Vector<double>.Build.Dense(H.RowCount);
        for (var t = steps - 1; t >= 0; t--)
        {
            var h = states[t + 1];
            var hPrev = states[t];
            var x = L.Column(tokens[t]);

            // δ₂⁽ᵗ⁾ = ŷ⁽ᵗ⁾ − y⁽ᵗ⁾; ∇U += δ₂⁽ᵗ⁾ h⁽ᵗ⁾ᵀ; ∇b₂ += δ₂⁽ᵗ⁾   (shared parameters: every step ADDS)
            var delta2 = (predictions[t] - OneHot(predictions[t].Count, tokens[t + 1])) * dResult;
            AddInto(dU, delta2.OuterProduct(h));
            AddInto(db2, delta2);

            // δ⁽ᵗ⁾ = f'(·) ∘ (Uᵀδ₂⁽ᵗ⁾ + Hᵀδ⁽ᵗ⁺¹⁾), f' = h∘(1−h) for σ, 1 − h² for tanh
            var derivative = tanh ? 1 - h.PointwiseMultiply(h) : h.PointwiseMultiply(1 - h);
            var delta = derivative.PointwiseMultiply(U.TransposeThisAndMultiply(delta2) + H.TransposeThisAndMultiply(deltaNext));

            // ∇H += δ⁽ᵗ⁾ h⁽ᵗ⁻¹⁾ᵀ; ∇W += δ⁽ᵗ⁾ x⁽ᵗ⁾ᵀ; ∇b₁ += δ⁽ᵗ⁾
            AddInto(dH, delta.OuterProduct(hPrev));
            AddInto(dW, delta.OuterProduct(x));
            AddInto(db1, delta);

            // ∇x⁽ᵗ⁾ = Wᵀδ⁽ᵗ⁾, added into column tokens[t] of ∇L (a repeated token gets the sum)
            AddIntoColumn(dL, tokens[t], W.TransposeThisAndMultiply(delta));
            deltaNext = delta;
        }

        // The initial state feeds step 0 through H: ∇h0 = Hᵀδ⁽⁰⁾ (zero when there is no step).
        if (steps > 0)
        {
            AddInto(dh0, H.TransposeThisAndMultiply(deltaNext));
        }

        return J;
    }

    // ───────────── §3 GRU ─────────────

    public static Vector<double> GruCellBackward(
        Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur, Matrix<double> W, Matrix<double> U,
        Vector<double> x, Vector<double> hPrev, Vector<double> dResult,
        Matrix<double> dWz, Matrix<double> dUz, Matrix<double> dWr, Matrix<double> dUr, Matrix<double> dW, Matrix<double> dU,
        Vector<double> dx, Vector<double> dhPrev) =>
        GruCellAdjoint(Wz, Uz, Wr, Ur, W, U, x, hPrev, dResult, dWz, dUz, dWr, dUr, dW, dU, dx, dhPrev);

    public static double GruSequenceLossBackward(
        Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur, Matrix<double> W, Matrix<double> U,
        Matrix<double> L, Matrix<double> V, Vector<double> h0, int[] tokens, double dResult,
        Matrix<double> dWz, Matrix<double> dUz, Matrix<double> dWr, Matrix<double> dUr, Matrix<double> dW, Matrix<double> dU,
        Matrix<double> dL, Matrix<double> dV, Vector<double> dh0)
    {
        var steps = Math.Max(0, tokens.Length - 1);
        var states = new Vector<double>[steps + 1];
        var predictions = new Vector<double>[steps];
        states[0] = h0;
        var J = 0.0;
        for (var t = 0; t < steps; t++)
        {
            states[t + 1] = GruCellValue(Wz, Uz, Wr, Ur, W, U, L.Column(tokens[t]), states[t]);
            predictions[t] = Softmax(V * states[t + 1]);
            J -= Math.Log(predictions[t][tokens[t + 1]]);
        }

        // dhNext: the gradient reaching h⁽ᵗ⁾ from step t+1 (through that step's h_prev).
        var dhNext = Vector<double>.Build.Dense(h0.Count);
        for (var t = steps - 1; t >= 0; t--)
        {
            // read-out: δ₂ = ŷ − y; ∇V += δ₂ h⁽ᵗ⁾ᵀ; the gradient at h⁽ᵗ⁾ is Vᵀδ₂ plus what step t+1 sends back
            var delta2 = (predictions[t] - OneHot(predictions[t].Count, tokens[t + 1])) * dResult;
            AddInto(dV, delta2.OuterProduct(states[t + 1]));
            var dh = V.TransposeThisAndMultiply(delta2) + dhNext;

            // through the cell; x's gradient goes into column tokens[t] of ∇L
            var dx = Vector<double>.Build.Dense(L.RowCount);
            var dhPrev = Vector<double>.Build.Dense(h0.Count);
            GruCellAdjoint(Wz, Uz, Wr, Ur, W, U, L.Column(tokens[t]), states[t], dh, dWz, dUz, dWr, dUr, dW, dU, dx, dhPrev);
            AddIntoColumn(dL, tokens[t], dx);
            dhNext = dhPrev;
        }

        AddInto(dh0, dhNext);
        return J;
    }

    private static Vector<double> GruCellValue(
        Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur, Matrix<double> W, Matrix<double> U,
        Vector<double> x, Vector<double> hPrev)
    {
        var z = Sigmoid(Wz * x + Uz * hPrev);
        var r = Sigmoid(Wr * x + Ur * hPrev);
        var hTilde = (W * x + r.PointwiseMultiply(U * hPrev)).Map(Math.Tanh);
        return z.PointwiseMultiply(hPrev) + (1 - z).PointwiseMultiply(hTilde);
    }

    /// <summary>Adds the cell's gradients for the gradient <paramref name="dh"/> arriving at h; returns h.</summary>
    private static Vector<double> GruCellAdjoint(
        Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur, Matrix<double> W, Matrix<double> U,
        Vector<double> x, Vector<double> hPrev, Vector<double> dh,
        Matrix<double> dWz, Matrix<double> dUz, Matrix<double> dWr, Matrix<double> dUr, Matrix<double> dW, Matrix<double> dU,
        Vector<double> dx, Vector<double> dhPrev)
    {
        // Forward: z = σ(W_z x + U_z h_prev), r = σ(W_r x + U_r h_prev), c = U h_prev,
        // h̃ = tanh(W x + r ∘ c), h = z ∘ h_prev + (1 − z) ∘ h̃.
        var z = Sigmoid(Wz * x + Uz * hPrev);
        var r = Sigmoid(Wr * x + Ur * hPrev);
        var c = U * hPrev;
        var hTilde = (W * x + r.PointwiseMultiply(c)).Map(Math.Tanh);
        var h = z.PointwiseMultiply(hPrev) + (1 - z).PointwiseMultiply(hTilde);

        // h_prev reaches h by four paths (direct, through z, through r, through h̃'s U h_prev); x by three
        // (z, r, h̃). Every path's contribution is summed.

        // Path "direct": ∂h/∂h_prev = diag(z)
        AddInto(dhPrev, dh.PointwiseMultiply(z));

        // Path "z": ∂h/∂z = h_prev − h̃, then σ' = z(1 − z)
        var deltaZ = dh.PointwiseMultiply(hPrev - hTilde).PointwiseMultiply(z.PointwiseMultiply(1 - z));
        AddInto(dWz, deltaZ.OuterProduct(x));
        AddInto(dUz, deltaZ.OuterProduct(hPrev));
        AddInto(dx, Wz.TransposeThisAndMultiply(deltaZ));
        AddInto(dhPrev, Uz.TransposeThisAndMultiply(deltaZ));

        // Path "h̃": ∂h/∂h̃ = 1 − z, then tanh' = 1 − h̃²
        var deltaTilde = dh.PointwiseMultiply(1 - z).PointwiseMultiply(1 - hTilde.PointwiseMultiply(hTilde));
        AddInto(dW, deltaTilde.OuterProduct(x));
        AddInto(dx, W.TransposeThisAndMultiply(deltaTilde));

        //   … inside h̃, r ∘ (U h_prev): ∂/∂c = δ̃ ∘ r → ∇U += (δ̃∘r) h_prevᵀ, ∇h_prev += Uᵀ(δ̃∘r)
        var deltaC = deltaTilde.PointwiseMultiply(r);
        AddInto(dU, deltaC.OuterProduct(hPrev));
        AddInto(dhPrev, U.TransposeThisAndMultiply(deltaC));

        // Path "r": ∂/∂r = δ̃ ∘ c, then σ' = r(1 − r)
        var deltaR = deltaTilde.PointwiseMultiply(c).PointwiseMultiply(r.PointwiseMultiply(1 - r));
        AddInto(dWr, deltaR.OuterProduct(x));
        AddInto(dUr, deltaR.OuterProduct(hPrev));
        AddInto(dx, Wr.TransposeThisAndMultiply(deltaR));
        AddInto(dhPrev, Ur.TransposeThisAndMultiply(deltaR));
        return h;
    }

    // ───────────── Plain helpers ─────────────

    public static Vector<double> Sigmoid(Vector<double> z) => z.Map(v => 1 / (1 + Math.Exp(-v)));

    public static Vector<double> Softmax(Vector<double> z)
    {
        var e = (z - z.Maximum()).PointwiseExp();
        return e / e.Sum();
    }

    private static Vector<double> OneHot(int n, int index)
    {
        var y = Vector<double>.Build.Dense(n);
        y[index] = 1;
        return y;
    }

    private static void AddIntoColumn(Matrix<double> target, int column, Vector<double> value)
    {
        for (var row = 0; row < target.RowCount; row++)
        {
            target[row, column] += value[row];
        }
    }

    private static void AddInto(Matrix<double> target, Matrix<double> value) => target.Add(value, target);

    private static void AddInto(Vector<double> target, Vector<double> value) => target.Add(value, target);
}
