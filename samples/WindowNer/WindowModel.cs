using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic;
using static NlpSymbolic.Functions;

namespace WindowNer;

/// <summary>
/// The Collobert–Weston window model of the lecture (shared/docs/models.md §1): the window of 2k+1 = 5
/// words around position t is x = [L_{w(t−2)}; …; L_{w(t+2)}] (columns of the embedding matrix L, d × |V|),
/// scored by s = uᵀ tanh(W x + b). The corrupt window x_c replaces the center word by <c>corrupt</c>.
/// The generator writes <c>MaxMarginLossBackward</c> next to it (see Generated/ after a build).
/// </summary>
public static partial class WindowModel
{
    /// <summary>J = max(0, 1 − s + s_c) for the window centered at <paramref name="t"/> of a padded sentence.</summary>
    [Differentiable]
    public static double MaxMarginLoss(
        Matrix<double> L, Matrix<double> W, Vector<double> b, Vector<double> u, int[] tokens, int t, int corrupt)
    {
        var x = Concat(L.Column(tokens[t - 2]), L.Column(tokens[t - 1]), L.Column(tokens[t]), L.Column(tokens[t + 1]), L.Column(tokens[t + 2]));
        var xc = Concat(L.Column(tokens[t - 2]), L.Column(tokens[t - 1]), L.Column(corrupt), L.Column(tokens[t + 1]), L.Column(tokens[t + 2]));
        var s = u * Tanh(W * x + b);
        var sc = u * Tanh(W * xc + b);
        return Math.Max(0, 1 - s + sc);
    }

    /// <summary>
    /// s = uᵀ tanh(W x + b) for the window centered at <paramref name="t"/> with <paramref name="center"/> in
    /// the middle; used to evaluate. (A [Differentiable] method cannot call another one yet, so the loss
    /// above repeats these lines.)
    /// </summary>
    public static double Score(Matrix<double> L, Matrix<double> W, Vector<double> b, Vector<double> u, int[] tokens, int t, int center)
    {
        var x = Concat(L.Column(tokens[t - 2]), L.Column(tokens[t - 1]), L.Column(center), L.Column(tokens[t + 1]), L.Column(tokens[t + 2]));
        return u * Tanh(W * x + b);
    }
}
