using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// The lecture models of shared/docs/models.md as [Differentiable] methods. Shapes (test-only [Shape]):
/// word vectors d = 3, windows of 2k+1 = 3 words, so x ∈ R⁹; hidden H = 5; vocabulary |V| = 7.
/// Every method here has a hand-derived twin with the same signature as its generated backward in
/// <see cref="Lecture.HandWrittenGradients"/>.
/// </summary>
public static partial class LectureModels
{
    // ───────────── §1 Window classifier (Collobert & Weston) ─────────────

    /// <summary>s = uᵀ tanh(W x + b).</summary>
    [Differentiable]
    public static double WindowScoreTanh(
        [Shape(5, 9)] Matrix<double> W, [Shape(5)] Vector<double> b, [Shape(5)] Vector<double> u, [Shape(9)] Vector<double> x)
    {
        var z = W * x + b;
        var a = Tanh(z);
        return u * a;
    }

    /// <summary>s = uᵀ σ(W x + b).</summary>
    [Differentiable]
    public static double WindowScoreSigmoid(
        [Shape(5, 9)] Matrix<double> W, [Shape(5)] Vector<double> b, [Shape(5)] Vector<double> u, [Shape(9)] Vector<double> x)
    {
        var z = W * x + b;
        var a = Sigmoid(z);
        return u * a;
    }

    /// <summary>J = max(0, 1 − s + s_c) with s = uᵀ tanh(W x + b), s_c = uᵀ tanh(W x_c + b).</summary>
    [Differentiable]
    public static double WindowMaxMargin(
        [Shape(5, 9)] Matrix<double> W, [Shape(5)] Vector<double> b, [Shape(5)] Vector<double> u,
        [Shape(9)] Vector<double> x, [Shape(9)] Vector<double> xc)
    {
        var s = u * Tanh(W * x + b);
        var sc = u * Tanh(W * xc + b);
        return Math.Max(0, 1 - s + sc);
    }

    /// <summary>The same loss written with ?: (the slides' "J > 0" case split).</summary>
    [Differentiable]
    public static double WindowMaxMarginConditional(
        [Shape(5, 9)] Matrix<double> W, [Shape(5)] Vector<double> b, [Shape(5)] Vector<double> u,
        [Shape(9)] Vector<double> x, [Shape(9)] Vector<double> xc)
    {
        var s = u * Tanh(W * x + b);
        var sc = u * Tanh(W * xc + b);
        var margin = 1 - s + sc;
        return margin > 0 ? margin : 0;
    }

    /// <summary>
    /// Max-margin loss on windows looked up in the embedding matrix L (d × |V|): the true window is
    /// (w0, w1, w2), the corrupt one replaces the center word w1 by wc. The word-vector gradient flows
    /// back into the columns of L.
    /// </summary>
    [Differentiable]
    public static double WindowMaxMarginEmbeddings(
        [Shape(3, 7)] Matrix<double> L, [Shape(5, 9)] Matrix<double> W, [Shape(5)] Vector<double> b, [Shape(5)] Vector<double> u,
        [Value(2)] int w0, [Value(5)] int w1, [Value(0)] int w2, [Value(3)] int wc)
    {
        var x = Concat(L.Column(w0), L.Column(w1), L.Column(w2));
        var xc = Concat(L.Column(w0), L.Column(wc), L.Column(w2));
        var s = u * Tanh(W * x + b);
        var sc = u * Tanh(W * xc + b);
        return Math.Max(0, 1 - s + sc);
    }

    /// <summary>Softmax window classifier, probabilities: ŷ = softmax(W₂ tanh(W x + b) + b₂), 4 classes.</summary>
    [Differentiable]
    public static Vector<double> WindowSoftmax(
        [Shape(5, 9)] Matrix<double> W, [Shape(5)] Vector<double> b, [Shape(4, 5)] Matrix<double> W2, [Shape(4)] Vector<double> b2,
        [Shape(9)] Vector<double> x)
    {
        var a = Tanh(W * x + b);
        return Softmax(W2 * a + b2);
    }

    /// <summary>Softmax window classifier, loss: J = −log ŷ_label = CrossEntropy(W₂ a + b₂, label).</summary>
    [Differentiable]
    public static double WindowSoftmaxLoss(
        [Shape(5, 9)] Matrix<double> W, [Shape(5)] Vector<double> b, [Shape(4, 5)] Matrix<double> W2, [Shape(4)] Vector<double> b2,
        [Shape(9)] Vector<double> x, [Value(2)] int label)
    {
        var a = Tanh(W * x + b);
        return CrossEntropy(W2 * a + b2, label);
    }

    // ───────────── §1 Two-layer window net ─────────────

    /// <summary>s = Uᵀ tanh(W⁽²⁾ tanh(W⁽¹⁾ x + b⁽¹⁾) + b⁽²⁾), layers 9 → 5 → 4.</summary>
    [Differentiable]
    public static double TwoLayerScore(
        [Shape(5, 9)] Matrix<double> W1, [Shape(5)] Vector<double> b1, [Shape(4, 5)] Matrix<double> W2, [Shape(4)] Vector<double> b2,
        [Shape(4)] Vector<double> U, [Shape(9)] Vector<double> x)
    {
        var a1 = Tanh(W1 * x + b1);
        var a2 = Tanh(W2 * a1 + b2);
        return U * a2;
    }

    /// <summary>
    /// Two-layer max-margin loss plus L2 over all parameters: J + λ Σθ². ‖W‖²_F has no direct form in the
    /// supported vocabulary (no matrix PointwiseMultiply/Sum/trace), so it is written as Σᵢ W.Row(i)·W.Row(i)
    /// over the (fixed) rows: 5 rows of W⁽¹⁾, 4 rows of W⁽²⁾.
    /// </summary>
    [Differentiable]
    public static double TwoLayerMaxMarginL2(
        [Shape(5, 9)] Matrix<double> W1, [Shape(5)] Vector<double> b1, [Shape(4, 5)] Matrix<double> W2, [Shape(4)] Vector<double> b2,
        [Shape(4)] Vector<double> U, [Shape(9)] Vector<double> x, [Shape(9)] Vector<double> xc,
        [NoDerivative, Range(0.01, 0.1)] double lambda)
    {
        var s = U * Tanh(W2 * Tanh(W1 * x + b1) + b2);
        var sc = U * Tanh(W2 * Tanh(W1 * xc + b1) + b2);
        var J = Math.Max(0, 1 - s + sc);
        var w1Squared = W1.Row(0) * W1.Row(0) + W1.Row(1) * W1.Row(1) + W1.Row(2) * W1.Row(2)
            + W1.Row(3) * W1.Row(3) + W1.Row(4) * W1.Row(4);
        var w2Squared = W2.Row(0) * W2.Row(0) + W2.Row(1) * W2.Row(1) + W2.Row(2) * W2.Row(2) + W2.Row(3) * W2.Row(3);
        var squares = w1Squared + b1 * b1 + w2Squared + b2 * b2 + U * U;
        return J + lambda * squares;
    }

    // ───────────── §2 Elman RNN ─────────────
    // Shapes: hidden 4, input 3, 5 classes. H: 4×4, W: 4×3, b1: 4, U: 5×4, b2: 5.

    /// <summary>h = σ(H h_prev + W x + b₁); J = CrossEntropy(U h + b₂, y).</summary>
    [Differentiable]
    public static double RnnStep(
        [Shape(4, 4)] Matrix<double> H, [Shape(4, 3)] Matrix<double> W, [Shape(4)] Vector<double> b1,
        [Shape(5, 4)] Matrix<double> U, [Shape(5)] Vector<double> b2,
        [Shape(4)] Vector<double> hPrev, [Shape(3)] Vector<double> x, [Value(2)] int y)
    {
        var h = Sigmoid(H * hPrev + W * x + b1);
        return CrossEntropy(U * h + b2, y);
    }

    /// <summary>The tanh variant: h = tanh(H h_prev + W x + b₁); J = CrossEntropy(U h + b₂, y).</summary>
    [Differentiable]
    public static double RnnStepTanh(
        [Shape(4, 4)] Matrix<double> H, [Shape(4, 3)] Matrix<double> W, [Shape(4)] Vector<double> b1,
        [Shape(5, 4)] Matrix<double> U, [Shape(5)] Vector<double> b2,
        [Shape(4)] Vector<double> hPrev, [Shape(3)] Vector<double> x, [Value(4)] int y)
    {
        var h = Tanh(H * hPrev + W * x + b1);
        return CrossEntropy(U * h + b2, y);
    }

    /// <summary>
    /// One step of full BPTT: the step loss plus gᵀh, where g = <paramref name="future"/> = ∂J_{later}/∂h is
    /// a constant computed by the backward calls of the later steps. Its backward pushes g back through this
    /// step (the Hᵀδ⁽ᵗ⁺¹⁾ term), which a scalar-loss step alone cannot do: <c>RnnStepBackward</c> has no
    /// argument that receives a gradient arriving at h. The returned value is J⁽ᵗ⁾ + gᵀh, not J⁽ᵗ⁾.
    /// </summary>
    [Differentiable]
    public static double RnnStepWithFutureGradient(
        [Shape(4, 4)] Matrix<double> H, [Shape(4, 3)] Matrix<double> W, [Shape(4)] Vector<double> b1,
        [Shape(5, 4)] Matrix<double> U, [Shape(5)] Vector<double> b2,
        [Shape(4)] Vector<double> hPrev, [Shape(3)] Vector<double> x, [Value(2)] int y,
        [NoDerivative, Shape(4)] Vector<double> future)
    {
        var h = Sigmoid(H * hPrev + W * x + b1);
        return CrossEntropy(U * h + b2, y) + future * h;
    }

    /// <summary>Two steps unrolled: J = J⁽¹⁾ + J⁽²⁾ with shared H, W, b₁, U, b₂.</summary>
    [Differentiable]
    public static double RnnTwoSteps(
        [Shape(4, 4)] Matrix<double> H, [Shape(4, 3)] Matrix<double> W, [Shape(4)] Vector<double> b1,
        [Shape(5, 4)] Matrix<double> U, [Shape(5)] Vector<double> b2,
        [Shape(4)] Vector<double> h0, [Shape(3)] Vector<double> x1, [Shape(3)] Vector<double> x2,
        [Value(2)] int y1, [Value(0)] int y2)
    {
        var h1 = Sigmoid(H * h0 + W * x1 + b1);
        var J1 = CrossEntropy(U * h1 + b2, y1);
        var h2 = Sigmoid(H * h1 + W * x2 + b1);
        var J2 = CrossEntropy(U * h2 + b2, y2);
        return J1 + J2;
    }

    // ───────────── §3 GRU cell (no biases) ─────────────
    // Shapes: input 3, hidden 4. W_z, W_r, W: 4×3; U_z, U_r, U: 4×4.

    /// <summary>The GRU cell's new state h = z ∘ h_prev + (1 − z) ∘ h̃.</summary>
    [Differentiable]
    public static Vector<double> GruCell(
        [Shape(4, 3)] Matrix<double> Wz, [Shape(4, 4)] Matrix<double> Uz,
        [Shape(4, 3)] Matrix<double> Wr, [Shape(4, 4)] Matrix<double> Ur,
        [Shape(4, 3)] Matrix<double> W, [Shape(4, 4)] Matrix<double> U,
        [Shape(3)] Vector<double> x, [Shape(4)] Vector<double> hPrev)
    {
        var z = Sigmoid(Wz * x + Uz * hPrev);
        var r = Sigmoid(Wr * x + Ur * hPrev);
        var hTilde = Tanh(W * x + r.PointwiseMultiply(U * hPrev));
        return z.PointwiseMultiply(hPrev) + (1 - z).PointwiseMultiply(hTilde);
    }

    /// <summary>A scalar read-out of the GRU state, vᵀh, so h's gradient flows through all four paths.</summary>
    [Differentiable]
    public static double GruReadout(
        [Shape(4, 3)] Matrix<double> Wz, [Shape(4, 4)] Matrix<double> Uz,
        [Shape(4, 3)] Matrix<double> Wr, [Shape(4, 4)] Matrix<double> Ur,
        [Shape(4, 3)] Matrix<double> W, [Shape(4, 4)] Matrix<double> U,
        [Shape(3)] Vector<double> x, [Shape(4)] Vector<double> hPrev, [Shape(4)] Vector<double> v)
    {
        var z = Sigmoid(Wz * x + Uz * hPrev);
        var r = Sigmoid(Wr * x + Ur * hPrev);
        var hTilde = Tanh(W * x + r.PointwiseMultiply(U * hPrev));
        var h = z.PointwiseMultiply(hPrev) + (1 - z).PointwiseMultiply(hTilde);
        return v * h;
    }

    // ───────────── §4 word2vec skip-gram, negative sampling ─────────────

    /// <summary>J = −log σ(u_oᵀ v_c) − Σ_{k=0..2} log σ(−u_kᵀ v_c), d = 4, K = 3 negatives.</summary>
    [Differentiable]
    public static double SkipGramNegativeSampling(
        [Shape(4)] Vector<double> vc, [Shape(4)] Vector<double> uo, [Shape(3, 4)] Vector<double>[] negatives)
    {
        var positive = -Math.Log(Sigmoid(uo * vc));
        var negative0 = -Math.Log(Sigmoid(-(negatives[0] * vc)));
        var negative1 = -Math.Log(Sigmoid(-(negatives[1] * vc)));
        var negative2 = -Math.Log(Sigmoid(-(negatives[2] * vc)));
        return positive + negative0 + negative1 + negative2;
    }

    // ───────────── §5 Backprop-slide example ─────────────

    /// <summary>y₁ = σ(w₁ᵀx), y₂ = σ(w₂ᵀx), p = σ(v₁y₁ − v₂y₂), L = (p − t)².</summary>
    [Differentiable]
    public static double SlideTwoNeurons(
        [Shape(3)] Vector<double> w1, [Shape(3)] Vector<double> w2, [Shape(3)] Vector<double> x,
        double v1, double v2, [Range(0, 1)] double t)
    {
        var y1 = Sigmoid(w1 * x);
        var y2 = Sigmoid(w2 * x);
        var p = Sigmoid(v1 * y1 - v2 * y2);
        return (p - t) * (p - t);
    }
}
