using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// Whole-sequence models (shared/docs/models.md §2, §3) written as ONE [Differentiable] method with a loop
/// over the time steps. Shapes (test-only [Shape]) are all different so a transposed gradient cannot pass:
/// embedding dimension d = 3, hidden Dh = 4, vocabulary V = 5; the embedding matrix L is d × V (word vectors
/// are its columns). The default token sequence has 8 tokens (7 steps) and repeats tokens 0, 2 and 4, so
/// columns of L receive gradients from several steps.
/// Every method has a hand-derived twin with the same signature as its generated backward in
/// <see cref="Lecture.HandWrittenBptt"/>.
/// </summary>
public static partial class SequenceModels
{
    // ───────────── §2 Elman RNN language model ─────────────
    // L: 3×5, H: 4×4, W: 4×3, b1: 4, U: 5×4, b2: 5, h0: 4.

    /// <summary>
    /// J = Σ_{t=0}^{n−2} CrossEntropy(U h⁽ᵗ⁾ + b₂, tokens[t+1]) with h⁽ᵗ⁾ = σ(H h⁽ᵗ⁻¹⁾ + W x⁽ᵗ⁾ + b₁),
    /// x⁽ᵗ⁾ = L.Column(tokens[t]): each token predicts the next one.
    /// </summary>
    [Differentiable]
    public static double RnnLanguageModelLoss(
        [Shape(3, 5)] Matrix<double> L, [Shape(4, 4)] Matrix<double> H, [Shape(4, 3)] Matrix<double> W, [Shape(4)] Vector<double> b1,
        [Shape(5, 4)] Matrix<double> U, [Shape(5)] Vector<double> b2, [Shape(4)] Vector<double> h0,
        [Value(2, 0, 4, 2, 2, 1, 4, 0)] int[] tokens)
    {
        var h = h0;
        var J = 0.0;
        for (var t = 0; t < tokens.Length - 1; t++)
        {
            var x = L.Column(tokens[t]);
            h = Sigmoid(H * h + W * x + b1);
            J += CrossEntropy(U * h + b2, tokens[t + 1]);
        }

        return J;
    }

    /// <summary>The tanh variant: h⁽ᵗ⁾ = tanh(H h⁽ᵗ⁻¹⁾ + W x⁽ᵗ⁾ + b₁).</summary>
    [Differentiable]
    public static double RnnLanguageModelLossTanh(
        [Shape(3, 5)] Matrix<double> L, [Shape(4, 4)] Matrix<double> H, [Shape(4, 3)] Matrix<double> W, [Shape(4)] Vector<double> b1,
        [Shape(5, 4)] Matrix<double> U, [Shape(5)] Vector<double> b2, [Shape(4)] Vector<double> h0,
        [Value(3, 3, 1, 0, 3, 4, 1, 2)] int[] tokens)
    {
        var h = h0;
        var J = 0.0;
        for (var t = 0; t < tokens.Length - 1; t++)
        {
            var x = L.Column(tokens[t]);
            h = Tanh(H * h + W * x + b1);
            J += CrossEntropy(U * h + b2, tokens[t + 1]);
        }

        return J;
    }

    /// <summary>The σ model again, its loop body written as calls of <see cref="RnnStep"/> and <see cref="StepLoss"/>.</summary>
    [Differentiable]
    public static double RnnLanguageModelLossByCalls(
        [Shape(3, 5)] Matrix<double> L, [Shape(4, 4)] Matrix<double> H, [Shape(4, 3)] Matrix<double> W, [Shape(4)] Vector<double> b1,
        [Shape(5, 4)] Matrix<double> U, [Shape(5)] Vector<double> b2, [Shape(4)] Vector<double> h0,
        [Value(2, 0, 4, 2, 2, 1, 4, 0)] int[] tokens)
    {
        var h = h0;
        var J = 0.0;
        for (var t = 0; t < tokens.Length - 1; t++)
        {
            h = RnnStep(H, W, b1, h, L.Column(tokens[t]));
            J += StepLoss(U, b2, h, tokens[t + 1]);
        }

        return J;
    }

    /// <summary>One step of the recurrence: h = σ(H h_prev + W x + b₁).</summary>
    [Differentiable]
    public static Vector<double> RnnStep(
        [Shape(4, 4)] Matrix<double> H, [Shape(4, 3)] Matrix<double> W, [Shape(4)] Vector<double> b1,
        [Shape(4)] Vector<double> hPrev, [Shape(3)] Vector<double> x) =>
        Sigmoid(H * hPrev + W * x + b1);

    /// <summary>One step's loss: J⁽ᵗ⁾ = CrossEntropy(U h + b₂, label).</summary>
    [Differentiable]
    public static double StepLoss(
        [Shape(5, 4)] Matrix<double> U, [Shape(5)] Vector<double> b2, [Shape(4)] Vector<double> h, [Value(3)] int label) =>
        CrossEntropy(U * h + b2, label);

    // ───────────── §3 GRU language model ─────────────
    // Input 3, hidden 4, vocabulary 5. W_z, W_r, W: 4×3; U_z, U_r, U: 4×4; L: 3×5; V: 5×4; h0: 4.

    /// <summary>The GRU cell: z = σ(W_z x + U_z h_prev), r = σ(W_r x + U_r h_prev), h̃ = tanh(W x + r ∘ (U h_prev)), h = z ∘ h_prev + (1 − z) ∘ h̃.</summary>
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

    /// <summary>J = Σₜ CrossEntropy(V h⁽ᵗ⁾, tokens[t+1]) with h⁽ᵗ⁾ = GruCell(…, L.Column(tokens[t]), h⁽ᵗ⁻¹⁾): the loop CALLS the cell.</summary>
    [Differentiable]
    public static double GruSequenceLoss(
        [Shape(4, 3)] Matrix<double> Wz, [Shape(4, 4)] Matrix<double> Uz,
        [Shape(4, 3)] Matrix<double> Wr, [Shape(4, 4)] Matrix<double> Ur,
        [Shape(4, 3)] Matrix<double> W, [Shape(4, 4)] Matrix<double> U,
        [Shape(3, 5)] Matrix<double> L, [Shape(5, 4)] Matrix<double> V, [Shape(4)] Vector<double> h0,
        [Value(1, 4, 4, 0, 1, 3, 1, 2)] int[] tokens)
    {
        var h = h0;
        var J = 0.0;
        for (var t = 0; t < tokens.Length - 1; t++)
        {
            var x = L.Column(tokens[t]);
            h = GruCell(Wz, Uz, Wr, Ur, W, U, x, h);
            J += CrossEntropy(V * h, tokens[t + 1]);
        }

        return J;
    }
}
