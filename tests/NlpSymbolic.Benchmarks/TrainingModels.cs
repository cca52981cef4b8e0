using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Benchmarks;

/// <summary>The two models the data-parallel benchmark trains (as in tests/NlpSymbolic.Tests).</summary>
public static partial class TrainingModels
{
    /// <summary>Collobert &amp; Weston window tagger: five embedding columns, tanh hidden layer, softmax over tags.</summary>
    [Differentiable]
    public static double WindowTagLoss(
        Matrix<double> L, Matrix<double> W, Vector<double> b, Matrix<double> U, Vector<double> c, int[] tokens, int t, int tag)
    {
        var x = Concat(L.Column(tokens[t - 2]), L.Column(tokens[t - 1]), L.Column(tokens[t]), L.Column(tokens[t + 1]), L.Column(tokens[t + 2]));
        var h = Tanh(W * x + b);
        return CrossEntropy(U * h + c, tag);
    }

    /// <summary>The GRU cell of the lecture.</summary>
    [Differentiable]
    public static Vector<double> GruCell(
        Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur, Matrix<double> W, Matrix<double> U,
        Vector<double> x, Vector<double> hPrev)
    {
        var z = Sigmoid(Wz * x + Uz * hPrev);
        var r = Sigmoid(Wr * x + Ur * hPrev);
        var hTilde = Tanh(W * x + r.PointwiseMultiply(U * hPrev));
        return z.PointwiseMultiply(hPrev) + (1 - z).PointwiseMultiply(hTilde);
    }

    /// <summary>A GRU language model over a chunk of tokens: Σₜ CrossEntropy(V h⁽ᵗ⁾, tokens[t+1]).</summary>
    [Differentiable]
    public static double GruSequenceLoss(
        Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur, Matrix<double> W, Matrix<double> U,
        Matrix<double> L, Matrix<double> V, Vector<double> h0, int[] tokens)
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
