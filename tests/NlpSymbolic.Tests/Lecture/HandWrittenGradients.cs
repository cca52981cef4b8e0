using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Tests.Lecture;

/// <summary>
/// The lecture's gradients derived by hand (shared/docs/models.md, the slides in shared/seeds/), in plain
/// MathNet code that shares nothing with the generator or the runtime: no <c>Functions</c>, no
/// <c>Workspace</c>. Each <c>NameBackward</c> has exactly the signature of the generated
/// <c>LectureModels.NameBackward</c>, returns the forward value and ADDS dResult × gradient, so the tests
/// can call both on the same inputs and compare every buffer.
/// Notation: δ for an error signal (gradient at a pre-activation), ∘ the element-wise product.
/// </summary>
public static class HandWrittenGradients
{
    // ───────────── §1 Window classifier ─────────────

    public static double WindowScoreTanhBackward(
        Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, double dResult,
        Matrix<double> dW, Vector<double> db, Vector<double> du, Vector<double> dx) =>
        ScoreAdjoint(W, b, u, x, dResult, tanh: true, dW, db, du, dx);

    public static double WindowScoreSigmoidBackward(
        Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, double dResult,
        Matrix<double> dW, Vector<double> db, Vector<double> du, Vector<double> dx) =>
        ScoreAdjoint(W, b, u, x, dResult, tanh: false, dW, db, du, dx);

    public static double WindowMaxMarginBackward(
        Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, Vector<double> xc, double dResult,
        Matrix<double> dW, Vector<double> db, Vector<double> du, Vector<double> dx, Vector<double> dxc)
    {
        // s = uᵀ f(W x + b), s_c = uᵀ f(W x_c + b)
        var s = Score(W, b, u, x, tanh: true);
        var sc = Score(W, b, u, xc, tanh: true);

        // J = max(0, 1 − s + s_c)
        var J = Math.Max(0, 1 - s + sc);
        if (J > 0)
        {
            // where J > 0: ∂J/∂θ = −∂s/∂θ + ∂s_c/∂θ (θ = W, b, u); ∂J/∂x = −∂s/∂x, ∂J/∂x_c = ∂s_c/∂x_c
            ScoreAdjoint(W, b, u, x, -dResult, tanh: true, dW, db, du, dx);
            ScoreAdjoint(W, b, u, xc, dResult, tanh: true, dW, db, du, dxc);
        }

        // where J = 0 every gradient is zero: nothing is added.
        return J;
    }

    /// <summary>The ?: form has the same derivative as the Math.Max form (margin exactly 0 → no gradient).</summary>
    public static double WindowMaxMarginConditionalBackward(
        Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, Vector<double> xc, double dResult,
        Matrix<double> dW, Vector<double> db, Vector<double> du, Vector<double> dx, Vector<double> dxc) =>
        WindowMaxMarginBackward(W, b, u, x, xc, dResult, dW, db, du, dx, dxc);

    public static double WindowMaxMarginEmbeddingsBackward(
        Matrix<double> L, Matrix<double> W, Vector<double> b, Vector<double> u, int w0, int w1, int w2, int wc, double dResult,
        Matrix<double> dL, Matrix<double> dW, Vector<double> db, Vector<double> du)
    {
        // x = [L_{w0}; L_{w1}; L_{w2}], x_c = [L_{w0}; L_{wc}; L_{w2}]   (columns of L, d × |V|)
        int[] window = { w0, w1, w2 };
        int[] corrupt = { w0, wc, w2 };
        var x = Lookup(L, window);
        var xc = Lookup(L, corrupt);

        // J = max(0, 1 − s + s_c) with ∂J/∂x and ∂J/∂x_c from the plain max-margin model
        var dx = Vector<double>.Build.Dense(x.Count);
        var dxc = Vector<double>.Build.Dense(xc.Count);
        var J = WindowMaxMarginBackward(W, b, u, x, xc, dResult, dW, db, du, dx, dxc);

        // "the gradient w.r.t. x is split back into the 2k+1 embedding columns and added to L";
        // a word occurring twice (or in both windows) receives the sum of its slices.
        ScatterIntoColumns(dL, window, dx);
        ScatterIntoColumns(dL, corrupt, dxc);
        return J;
    }

    public static Vector<double> WindowSoftmaxBackward(
        Matrix<double> W, Vector<double> b, Matrix<double> W2, Vector<double> b2, Vector<double> x, Vector<double> dResult,
        Matrix<double> dW, Vector<double> db, Matrix<double> dW2, Vector<double> db2, Vector<double> dx)
    {
        // a = tanh(W x + b); ŷ = softmax(W₂ a + b₂)
        var a = Tanh(W * x + b);
        var yHat = Softmax(W2 * a + b2);

        // softmax Jacobian diag(ŷ) − ŷŷᵀ applied to g = dResult: ∂⟨g, ŷ⟩/∂θ = ŷ ∘ (g − ŷᵀg)
        var delta2 = yHat.PointwiseMultiply(dResult - (yHat * dResult));
        SoftmaxLayerAdjoint(W, x, a, W2, delta2, dW, db, dW2, db2, dx);
        return yHat;
    }

    public static double WindowSoftmaxLossBackward(
        Matrix<double> W, Vector<double> b, Matrix<double> W2, Vector<double> b2, Vector<double> x, int label, double dResult,
        Matrix<double> dW, Vector<double> db, Matrix<double> dW2, Vector<double> db2, Vector<double> dx)
    {
        // a = tanh(W x + b); ŷ = softmax(W₂ a + b₂); J = −log ŷ_label
        var a = Tanh(W * x + b);
        var yHat = Softmax(W2 * a + b2);
        var J = -Math.Log(yHat[label]);

        // δ₂ = ŷ − y (y the one-hot target), times dResult
        var delta2 = (yHat - OneHot(yHat.Count, label)) * dResult;
        SoftmaxLayerAdjoint(W, x, a, W2, delta2, dW, db, dW2, db2, dx);
        return J;
    }

    // ───────────── §1 Two-layer window net ─────────────

    public static double TwoLayerScoreBackward(
        Matrix<double> W1, Vector<double> b1, Matrix<double> W2, Vector<double> b2, Vector<double> U, Vector<double> x, double dResult,
        Matrix<double> dW1, Vector<double> db1, Matrix<double> dW2, Vector<double> db2, Vector<double> dU, Vector<double> dx) =>
        TwoLayerAdjoint(W1, b1, W2, b2, U, x, dResult, dW1, db1, dW2, db2, dU, dx);

    public static double TwoLayerMaxMarginL2Backward(
        Matrix<double> W1, Vector<double> b1, Matrix<double> W2, Vector<double> b2, Vector<double> U,
        Vector<double> x, Vector<double> xc, double lambda, double dResult,
        Matrix<double> dW1, Vector<double> db1, Matrix<double> dW2, Vector<double> db2, Vector<double> dU,
        Vector<double> dx, Vector<double> dxc)
    {
        var s = TwoLayerScore(W1, b1, W2, b2, U, x);
        var sc = TwoLayerScore(W1, b1, W2, b2, U, xc);

        // J = max(0, 1 − s + s_c); where J > 0: ∂J/∂θ = −∂s/∂θ + ∂s_c/∂θ
        var J = Math.Max(0, 1 - s + sc);
        if (J > 0)
        {
            TwoLayerAdjoint(W1, b1, W2, b2, U, x, -dResult, dW1, db1, dW2, db2, dU, dx);
            TwoLayerAdjoint(W1, b1, W2, b2, U, xc, dResult, dW1, db1, dW2, db2, dU, dxc);
        }

        // J_R = J + λ Σθ² over all parameters θ (the slides' regularised loss):
        // ∂/∂θ λ Σθ² = 2λθ. (The slides write "+ λW⁽ˡ⁾", the same term under the ½λΣθ² convention.)
        var squares = W1.FrobeniusNorm() * W1.FrobeniusNorm() + b1 * b1 + W2.FrobeniusNorm() * W2.FrobeniusNorm() + b2 * b2 + U * U;
        AddInto(dW1, W1 * (2 * lambda * dResult));
        AddInto(db1, b1 * (2 * lambda * dResult));
        AddInto(dW2, W2 * (2 * lambda * dResult));
        AddInto(db2, b2 * (2 * lambda * dResult));
        AddInto(dU, U * (2 * lambda * dResult));
        return J + lambda * squares;
    }

    // ───────────── §2 Elman RNN ─────────────

    public static double RnnStepBackward(
        Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
        Vector<double> hPrev, Vector<double> x, int y, double dResult,
        Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2,
        Vector<double> dhPrev, Vector<double> dx) =>
        RnnStepAdjoint(H, W, b1, U, b2, hPrev, x, y, future: null, tanh: false, dResult, dH, dW, db1, dU, db2, dhPrev, dx);

    public static double RnnStepTanhBackward(
        Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
        Vector<double> hPrev, Vector<double> x, int y, double dResult,
        Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2,
        Vector<double> dhPrev, Vector<double> dx) =>
        RnnStepAdjoint(H, W, b1, U, b2, hPrev, x, y, future: null, tanh: true, dResult, dH, dW, db1, dU, db2, dhPrev, dx);

    public static double RnnStepWithFutureGradientBackward(
        Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
        Vector<double> hPrev, Vector<double> x, int y, Vector<double> future, double dResult,
        Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2,
        Vector<double> dhPrev, Vector<double> dx) =>
        RnnStepAdjoint(H, W, b1, U, b2, hPrev, x, y, future, tanh: false, dResult, dH, dW, db1, dU, db2, dhPrev, dx);

    /// <summary>BPTT over two steps, written out as in models.md §2.</summary>
    public static double RnnTwoStepsBackward(
        Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
        Vector<double> h0, Vector<double> x1, Vector<double> x2, int y1, int y2, double dResult,
        Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2,
        Vector<double> dh0, Vector<double> dx1, Vector<double> dx2)
    {
        // h⁽ᵗ⁾ = σ(H h⁽ᵗ⁻¹⁾ + W x⁽ᵗ⁾ + b₁); ŷ⁽ᵗ⁾ = softmax(U h⁽ᵗ⁾ + b₂); J = Σₜ −log ŷ⁽ᵗ⁾_{y⁽ᵗ⁾}
        var h1 = Sigmoid(H * h0 + W * x1 + b1);
        var yHat1 = Softmax(U * h1 + b2);
        var h2 = Sigmoid(H * h1 + W * x2 + b1);
        var yHat2 = Softmax(U * h2 + b2);
        var J = -Math.Log(yHat1[y1]) - Math.Log(yHat2[y2]);

        // t = 2 (last step): δ₂⁽²⁾ = ŷ⁽²⁾ − y⁽²⁾; ∇U += δ₂⁽²⁾ h⁽²⁾ᵀ; ∇b₂ += δ₂⁽²⁾
        var delta2Out = (yHat2 - OneHot(yHat2.Count, y2)) * dResult;
        AddInto(dU, delta2Out.OuterProduct(h2));
        AddInto(db2, delta2Out);

        // δ⁽²⁾ = h⁽²⁾∘(1−h⁽²⁾)∘(Uᵀδ₂⁽²⁾)   (no δ⁽³⁾: nothing after the last step)
        var delta2 = SigmoidPrime(h2).PointwiseMultiply(U.TransposeThisAndMultiply(delta2Out));

        // t = 1: δ₂⁽¹⁾ = ŷ⁽¹⁾ − y⁽¹⁾; ∇U += δ₂⁽¹⁾ h⁽¹⁾ᵀ; ∇b₂ += δ₂⁽¹⁾   (shared parameters: ADDED)
        var delta1Out = (yHat1 - OneHot(yHat1.Count, y1)) * dResult;
        AddInto(dU, delta1Out.OuterProduct(h1));
        AddInto(db2, delta1Out);

        // δ⁽¹⁾ = h⁽¹⁾∘(1−h⁽¹⁾)∘(Uᵀδ₂⁽¹⁾ + Hᵀδ⁽²⁾)
        var delta1 = SigmoidPrime(h1).PointwiseMultiply(U.TransposeThisAndMultiply(delta1Out) + H.TransposeThisAndMultiply(delta2));

        // ∇H += δ⁽ᵗ⁾ h⁽ᵗ⁻¹⁾ᵀ; ∇W += δ⁽ᵗ⁾ x⁽ᵗ⁾ᵀ; ∇b₁ += δ⁽ᵗ⁾ for t = 2, 1
        AddInto(dH, delta2.OuterProduct(h1) + delta1.OuterProduct(h0));
        AddInto(dW, delta2.OuterProduct(x2) + delta1.OuterProduct(x1));
        AddInto(db1, delta2 + delta1);

        // ∇x⁽ᵗ⁾ = Wᵀ δ⁽ᵗ⁾; the initial state: ∇h⁽⁰⁾ = Hᵀ δ⁽¹⁾
        AddInto(dx2, W.TransposeThisAndMultiply(delta2));
        AddInto(dx1, W.TransposeThisAndMultiply(delta1));
        AddInto(dh0, H.TransposeThisAndMultiply(delta1));
        return J;
    }

    // ───────────── §3 GRU cell ─────────────

    public static Vector<double> GruCellBackward(
        Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur, Matrix<double> W, Matrix<double> U,
        Vector<double> x, Vector<double> hPrev, Vector<double> dResult,
        Matrix<double> dWz, Matrix<double> dUz, Matrix<double> dWr, Matrix<double> dUr, Matrix<double> dW, Matrix<double> dU,
        Vector<double> dx, Vector<double> dhPrev) =>
        GruAdjoint(Wz, Uz, Wr, Ur, W, U, x, hPrev, dh: dResult, dWz, dUz, dWr, dUr, dW, dU, dx, dhPrev);

    public static double GruReadoutBackward(
        Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur, Matrix<double> W, Matrix<double> U,
        Vector<double> x, Vector<double> hPrev, Vector<double> v, double dResult,
        Matrix<double> dWz, Matrix<double> dUz, Matrix<double> dWr, Matrix<double> dUr, Matrix<double> dW, Matrix<double> dU,
        Vector<double> dx, Vector<double> dhPrev, Vector<double> dv)
    {
        // J = vᵀh: ∂J/∂h = v, ∂J/∂v = h
        var h = GruAdjoint(Wz, Uz, Wr, Ur, W, U, x, hPrev, dh: v * dResult, dWz, dUz, dWr, dUr, dW, dU, dx, dhPrev);
        AddInto(dv, h * dResult);
        return v * h;
    }

    // ───────────── §4 word2vec skip-gram with negative sampling ─────────────

    public static double SkipGramNegativeSamplingBackward(
        Vector<double> vc, Vector<double> uo, Vector<double>[] negatives, double dResult,
        Vector<double> dvc, Vector<double> duo, Vector<double>[] dnegatives)
    {
        // J = −log σ(u_oᵀ v_c) − Σ_k log σ(−u_kᵀ v_c)
        var sigmaO = Sigmoid(uo * vc);
        var J = -Math.Log(sigmaO);

        // ∂J/∂u_o = (σ(u_oᵀv_c) − 1) v_c;   ∂J/∂v_c gets (σ(u_oᵀv_c) − 1) u_o
        AddInto(duo, vc * ((sigmaO - 1) * dResult));
        AddInto(dvc, uo * ((sigmaO - 1) * dResult));
        for (var k = 0; k < 3; k++)
        {
            // uses 1 − σ(−a) = σ(a): ∂J/∂u_k = σ(u_kᵀv_c) v_c;   ∂J/∂v_c gets σ(u_kᵀv_c) u_k
            var a = negatives[k] * vc;
            J -= Math.Log(Sigmoid(-a));
            AddInto(dnegatives[k], vc * (Sigmoid(a) * dResult));
            AddInto(dvc, negatives[k] * (Sigmoid(a) * dResult));
        }

        return J;
    }

    // ───────────── §5 Backprop-slide example ─────────────

    public static double SlideTwoNeuronsBackward(
        Vector<double> w1, Vector<double> w2, Vector<double> x, double v1, double v2, double t, double dResult,
        Vector<double> dw1, Vector<double> dw2, Vector<double> dx, ref double dv1, ref double dv2, ref double dt)
    {
        // y₁ = σ(w₁ᵀx), y₂ = σ(w₂ᵀx), p = σ(v₁y₁ − v₂y₂), L = (p − t)²
        var y1 = Sigmoid(w1 * x);
        var y2 = Sigmoid(w2 * x);
        var p = Sigmoid(v1 * y1 - v2 * y2);

        // ∂L/∂p = 2(p − t); ∂L/∂t = −2(p − t)
        var dp = 2 * (p - t) * dResult;
        dt += -dp;

        // through the output sigmoid: δ_p = ∂L/∂p · σ'(·) = ∂L/∂p · p(1 − p)
        var deltaP = dp * p * (1 - p);

        // ∂L/∂v₁ = δ_p y₁, ∂L/∂v₂ = −δ_p y₂
        dv1 += deltaP * y1;
        dv2 += -deltaP * y2;

        // δ₁ = δ_p v₁ y₁(1 − y₁), δ₂ = −δ_p v₂ y₂(1 − y₂)
        var delta1 = deltaP * v1 * y1 * (1 - y1);
        var delta2 = -deltaP * v2 * y2 * (1 - y2);

        // ∂L/∂w₁ = δ₁ x, ∂L/∂w₂ = δ₂ x, ∂L/∂x = δ₁ w₁ + δ₂ w₂
        AddInto(dw1, x * delta1);
        AddInto(dw2, x * delta2);
        AddInto(dx, w1 * delta1 + w2 * delta2);
        return (p - t) * (p - t);
    }

    // ───────────── Shared pieces ─────────────

    /// <summary>Adds ds × ∂s/∂θ for s = uᵀ f(W x + b) into the buffers (dx may be null); returns s.</summary>
    public static double ScoreAdjoint(
        Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, double ds, bool tanh,
        Matrix<double> dW, Vector<double> db, Vector<double> du, Vector<double>? dx)
    {
        // z = W x + b, a = f(z), s = uᵀ a
        var z = W * x + b;
        var a = tanh ? Tanh(z) : Sigmoid(z);
        var s = u * a;

        // δ = u ∘ f'(z), with tanh' = 1 − a², σ' = a(1 − a)
        var delta = u.PointwiseMultiply(tanh ? TanhPrime(a) : SigmoidPrime(a));

        // ∂s/∂W = δ xᵀ; ∂s/∂b = δ; ∂s/∂u = a; ∂s/∂x = Wᵀ δ
        AddInto(dW, delta.OuterProduct(x) * ds);
        AddInto(db, delta * ds);
        AddInto(du, a * ds);
        if (dx is not null)
        {
            AddInto(dx, W.TransposeThisAndMultiply(delta) * ds);
        }

        return s;
    }

    private static double Score(Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, bool tanh) =>
        u * (tanh ? Tanh(W * x + b) : Sigmoid(W * x + b));

    /// <summary>Given δ₂ (gradient at the logits W₂a + b₂) of the softmax window model, adds the rest.</summary>
    private static void SoftmaxLayerAdjoint(
        Matrix<double> W, Vector<double> x, Vector<double> a, Matrix<double> W2, Vector<double> delta2,
        Matrix<double> dW, Vector<double> db, Matrix<double> dW2, Vector<double> db2, Vector<double> dx)
    {
        // ∂J/∂W₂ = δ₂ aᵀ; ∂J/∂b₂ = δ₂
        AddInto(dW2, delta2.OuterProduct(a));
        AddInto(db2, delta2);

        // δ = (W₂ᵀ δ₂) ∘ f'(z), f = tanh
        var delta = W2.TransposeThisAndMultiply(delta2).PointwiseMultiply(TanhPrime(a));

        // ∂J/∂W = δ xᵀ; ∂J/∂b = δ; ∂J/∂x = Wᵀ δ
        AddInto(dW, delta.OuterProduct(x));
        AddInto(db, delta);
        AddInto(dx, W.TransposeThisAndMultiply(delta));
    }

    private static double TwoLayerScore(
        Matrix<double> W1, Vector<double> b1, Matrix<double> W2, Vector<double> b2, Vector<double> U, Vector<double> x) =>
        U * Tanh(W2 * Tanh(W1 * x + b1) + b2);

    /// <summary>Adds ds × ∂s/∂θ for s = Uᵀ f(W⁽²⁾ f(W⁽¹⁾ x + b⁽¹⁾) + b⁽²⁾), f = tanh; returns s.</summary>
    private static double TwoLayerAdjoint(
        Matrix<double> W1, Vector<double> b1, Matrix<double> W2, Vector<double> b2, Vector<double> U, Vector<double> x, double ds,
        Matrix<double> dW1, Vector<double> db1, Matrix<double> dW2, Vector<double> db2, Vector<double> dU, Vector<double> dx)
    {
        // a⁽¹⁾ = x; a⁽²⁾ = f(W⁽¹⁾ a⁽¹⁾ + b⁽¹⁾); a⁽³⁾ = f(W⁽²⁾ a⁽²⁾ + b⁽²⁾); s = Uᵀ a⁽³⁾
        var a2 = Tanh(W1 * x + b1);
        var a3 = Tanh(W2 * a2 + b2);
        var s = U * a3;

        // top layer: δ⁽³⁾ = U ∘ f'(z⁽³⁾); ∂s/∂U = a⁽³⁾
        var delta3 = U.PointwiseMultiply(TanhPrime(a3)) * ds;
        AddInto(dU, a3 * ds);

        // ∂s/∂W⁽²⁾ = δ⁽³⁾ (a⁽²⁾)ᵀ; ∂s/∂b⁽²⁾ = δ⁽³⁾
        AddInto(dW2, delta3.OuterProduct(a2));
        AddInto(db2, delta3);

        // δ⁽²⁾ = ((W⁽²⁾)ᵀ δ⁽³⁾) ∘ f'(z⁽²⁾)
        var delta2 = W2.TransposeThisAndMultiply(delta3).PointwiseMultiply(TanhPrime(a2));

        // ∂s/∂W⁽¹⁾ = δ⁽²⁾ (a⁽¹⁾)ᵀ = δ⁽²⁾ xᵀ; ∂s/∂b⁽¹⁾ = δ⁽²⁾; ∂s/∂x = (W⁽¹⁾)ᵀ δ⁽²⁾
        AddInto(dW1, delta2.OuterProduct(x));
        AddInto(db1, delta2);
        AddInto(dx, W1.TransposeThisAndMultiply(delta2));
        return s;
    }

    /// <summary>
    /// One RNN step's gradient. <paramref name="future"/> is the gradient reaching h from later steps
    /// (the Hᵀδ⁽ᵗ⁺¹⁾ term of BPTT), or null for a step on its own.
    /// </summary>
    private static double RnnStepAdjoint(
        Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
        Vector<double> hPrev, Vector<double> x, int y, Vector<double>? future, bool tanh, double dResult,
        Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2,
        Vector<double> dhPrev, Vector<double> dx)
    {
        // h = f(H h_prev + W x + b₁), f = σ (or tanh); ŷ = softmax(U h + b₂); J = −log ŷ_y
        var pre = H * hPrev + W * x + b1;
        var h = tanh ? Tanh(pre) : Sigmoid(pre);
        var yHat = Softmax(U * h + b2);
        var J = -Math.Log(yHat[y]);

        // δ₂ = ŷ − y; ∇U = δ₂ hᵀ; ∇b₂ = δ₂
        var delta2 = (yHat - OneHot(yHat.Count, y)) * dResult;
        AddInto(dU, delta2.OuterProduct(h));
        AddInto(db2, delta2);

        // δ = h∘(1−h)∘(Uᵀδ₂ + Hᵀδ⁽ᵗ⁺¹⁾)   (tanh: (1 − h²) instead of h∘(1−h))
        var incoming = U.TransposeThisAndMultiply(delta2);
        if (future is not null)
        {
            incoming += future * dResult;
            J += future * h;
        }

        var delta = (tanh ? TanhPrime(h) : SigmoidPrime(h)).PointwiseMultiply(incoming);

        // ∇H = δ h_prevᵀ; ∇W = δ xᵀ; ∇b₁ = δ; ∇x = Wᵀδ; ∇h_prev = Hᵀδ
        AddInto(dH, delta.OuterProduct(hPrev));
        AddInto(dW, delta.OuterProduct(x));
        AddInto(db1, delta);
        AddInto(dx, W.TransposeThisAndMultiply(delta));
        AddInto(dhPrev, H.TransposeThisAndMultiply(delta));
        return J;
    }

    /// <summary>Adds the GRU cell's gradients for the gradient <paramref name="dh"/> arriving at h; returns h.</summary>
    private static Vector<double> GruAdjoint(
        Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur, Matrix<double> W, Matrix<double> U,
        Vector<double> x, Vector<double> hPrev, Vector<double> dh,
        Matrix<double> dWz, Matrix<double> dUz, Matrix<double> dWr, Matrix<double> dUr, Matrix<double> dW, Matrix<double> dU,
        Vector<double> dx, Vector<double> dhPrev)
    {
        // z = σ(W_z x + U_z h_prev); r = σ(W_r x + U_r h_prev)
        var z = Sigmoid(Wz * x + Uz * hPrev);
        var r = Sigmoid(Wr * x + Ur * hPrev);

        // h̃ = tanh(W x + r ∘ (U h_prev)); h = z ∘ h_prev + (1 − z) ∘ h̃
        var uh = U * hPrev;
        var hTilde = Tanh(W * x + r.PointwiseMultiply(uh));
        var h = z.PointwiseMultiply(hPrev) + (1 - z).PointwiseMultiply(hTilde);

        // Paths 1 and 2 — through z, which appears in both terms of h: ∂h/∂z = h_prev − h̃
        var dz = dh.PointwiseMultiply(hPrev - hTilde);

        // h_prev's own term: ∂h/∂h_prev (direct) = z
        AddInto(dhPrev, dh.PointwiseMultiply(z));

        // Path 3 — through h̃: ∂h/∂h̃ = 1 − z, then tanh' = 1 − h̃²
        var dCandidate = dh.PointwiseMultiply(1 - z).PointwiseMultiply(TanhPrime(hTilde));

        // h̃'s pre-activation W x + r ∘ (U h_prev): ∂/∂W = dc xᵀ, ∂/∂x = Wᵀ dc
        AddInto(dW, dCandidate.OuterProduct(x));
        AddInto(dx, W.TransposeThisAndMultiply(dCandidate));

        // ... and r ∘ (U h_prev): ∂/∂(U h_prev) = dc ∘ r → ∂/∂U = (dc ∘ r) h_prevᵀ, ∂/∂h_prev = Uᵀ(dc ∘ r)
        var dUh = dCandidate.PointwiseMultiply(r);
        AddInto(dU, dUh.OuterProduct(hPrev));
        AddInto(dhPrev, U.TransposeThisAndMultiply(dUh));

        // Path 4 — through r (inside h̃): ∂/∂r = dc ∘ (U h_prev), then σ' = r(1 − r)
        var dRPre = dCandidate.PointwiseMultiply(uh).PointwiseMultiply(SigmoidPrime(r));
        AddInto(dWr, dRPre.OuterProduct(x));
        AddInto(dUr, dRPre.OuterProduct(hPrev));
        AddInto(dx, Wr.TransposeThisAndMultiply(dRPre));
        AddInto(dhPrev, Ur.TransposeThisAndMultiply(dRPre));

        // z's pre-activation: σ' = z(1 − z)
        var dZPre = dz.PointwiseMultiply(SigmoidPrime(z));
        AddInto(dWz, dZPre.OuterProduct(x));
        AddInto(dUz, dZPre.OuterProduct(hPrev));
        AddInto(dx, Wz.TransposeThisAndMultiply(dZPre));
        AddInto(dhPrev, Uz.TransposeThisAndMultiply(dZPre));
        return h;
    }

    public static Vector<double> Lookup(Matrix<double> L, int[] words)
    {
        var d = L.RowCount;
        var x = Vector<double>.Build.Dense(d * words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            x.SetSubVector(i * d, d, L.Column(words[i]));
        }

        return x;
    }

    private static void ScatterIntoColumns(Matrix<double> dL, int[] words, Vector<double> dx)
    {
        var d = dL.RowCount;
        for (var i = 0; i < words.Length; i++)
        {
            for (var row = 0; row < d; row++)
            {
                dL[row, words[i]] += dx[i * d + row];
            }
        }
    }

    public static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    public static Vector<double> Sigmoid(Vector<double> z) => z.Map(Sigmoid);

    public static Vector<double> Tanh(Vector<double> z) => z.Map(Math.Tanh);

    /// <summary>σ'(z) written in terms of a = σ(z): a(1 − a).</summary>
    public static Vector<double> SigmoidPrime(Vector<double> a) => a.PointwiseMultiply(1 - a);

    /// <summary>tanh'(z) written in terms of a = tanh(z): 1 − a².</summary>
    public static Vector<double> TanhPrime(Vector<double> a) => 1 - a.PointwiseMultiply(a);

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

    private static void AddInto(Matrix<double> target, Matrix<double> value) => target.Add(value, target);

    private static void AddInto(Vector<double> target, Vector<double> value) => target.Add(value, target);
}
