using MathNet.Numerics.LinearAlgebra;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Benchmarks;

/// <summary>The models measured: the window score with max-margin loss, the RNN language-model loss, and the GRU cell.</summary>
public static partial class Models
{
    [Differentiable]
    public static double WindowHinge(Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, Vector<double> xc)
    {
        var s = u * Tanh(W * x + b);
        var sc = u * Tanh(W * xc + b);
        return System.Math.Max(0, 1 - s + sc);
    }

    [Differentiable]
    public static double RnnLoss(Matrix<double> L, Matrix<double> H, Matrix<double> W, Vector<double> b1,
                                 Matrix<double> U, Vector<double> b2, Vector<double> h0, int[] tokens)
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

    /// <summary>The lecture's GRU cell (models.md §3, no biases): z = σ(W_z x + U_z h), r = σ(W_r x + U_r h), h̃ = tanh(W x + r ∘ (U h)).</summary>
    [Differentiable]
    public static Vector<double> GruCell(Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur,
                                         Matrix<double> W, Matrix<double> U, Vector<double> x, Vector<double> hPrev)
    {
        var z = Sigmoid(Wz * x + Uz * hPrev);
        var r = Sigmoid(Wr * x + Ur * hPrev);
        var hTilde = Tanh(W * x + r.PointwiseMultiply(U * hPrev));
        return z.PointwiseMultiply(hPrev) + (1 - z).PointwiseMultiply(hTilde);
    }
}
