using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// The LSTM of models.md §6 written the natural way, with several outputs: the cell returns (h', c'), and the
/// language model calls it in a loop, deconstructing the pair into the carried state. Separate gate matrices;
/// shapes all differ so a transposed gradient cannot pass: input d = 3, hidden H = 4, vocabulary V = 5.
/// </summary>
public static partial class LstmModels
{
    /// <summary>
    /// i = σ(Wᵢx + Uᵢh + bᵢ), f = σ(W_f x + U_f h + b_f), o = σ(Wₒx + Uₒh + bₒ), g = tanh(W_g x + U_g h + b_g);
    /// c' = f ∘ c + i ∘ g; h' = o ∘ tanh(c').
    /// </summary>
    [Differentiable]
    public static (Vector<double> h, Vector<double> c) Cell(
        [Shape(4, 3)] Matrix<double> Wi, [Shape(4, 4)] Matrix<double> Ui, [Shape(4)] Vector<double> bi,
        [Shape(4, 3)] Matrix<double> Wf, [Shape(4, 4)] Matrix<double> Uf, [Shape(4)] Vector<double> bf,
        [Shape(4, 3)] Matrix<double> Wo, [Shape(4, 4)] Matrix<double> Uo, [Shape(4)] Vector<double> bo,
        [Shape(4, 3)] Matrix<double> Wg, [Shape(4, 4)] Matrix<double> Ug, [Shape(4)] Vector<double> bg,
        [Shape(3)] Vector<double> x, [Shape(4)] Vector<double> h, [Shape(4)] Vector<double> c)
    {
        var i = Sigmoid(Wi * x + Ui * h + bi);
        var f = Sigmoid(Wf * x + Uf * h + bf);
        var o = Sigmoid(Wo * x + Uo * h + bo);
        var g = Tanh(Wg * x + Ug * h + bg);
        var cNext = f.PointwiseMultiply(c) + i.PointwiseMultiply(g);
        var hNext = o.PointwiseMultiply(Tanh(cNext));
        return (hNext, cNext);
    }

    /// <summary>
    /// J = Σₜ CrossEntropy(U hₜ + b, tokens[t+1]) with (hₜ, cₜ) = Cell(…, L.Column(tokens[t]), hₜ₋₁, cₜ₋₁): each
    /// token predicts the next. The default sequence repeats tokens so columns of L get gradients from several steps.
    /// </summary>
    [Differentiable]
    public static double LanguageModelLoss(
        [Shape(3, 5)] Matrix<double> L,
        [Shape(4, 3)] Matrix<double> Wi, [Shape(4, 4)] Matrix<double> Ui, [Shape(4)] Vector<double> bi,
        [Shape(4, 3)] Matrix<double> Wf, [Shape(4, 4)] Matrix<double> Uf, [Shape(4)] Vector<double> bf,
        [Shape(4, 3)] Matrix<double> Wo, [Shape(4, 4)] Matrix<double> Uo, [Shape(4)] Vector<double> bo,
        [Shape(4, 3)] Matrix<double> Wg, [Shape(4, 4)] Matrix<double> Ug, [Shape(4)] Vector<double> bg,
        [Shape(5, 4)] Matrix<double> U, [Shape(5)] Vector<double> b,
        [Shape(4)] Vector<double> h0, [Shape(4)] Vector<double> c0,
        [Value(2, 0, 4, 2, 2, 1, 4, 0)] int[] tokens)
    {
        var h = h0;
        var c = c0;
        var J = 0.0;
        for (var t = 0; t < tokens.Length - 1; t++)
        {
            (h, c) = Cell(Wi, Ui, bi, Wf, Uf, bf, Wo, Uo, bo, Wg, Ug, bg, L.Column(tokens[t]), h, c);
            J += CrossEntropy(U * h + b, tokens[t + 1]);
        }

        return J;
    }
}
