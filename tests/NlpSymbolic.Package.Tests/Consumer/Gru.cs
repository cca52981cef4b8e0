using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic;
using static NlpSymbolic.Functions;

namespace Consumer;

/// <summary>The lecture's GRU cell, as a user of the package writes it.</summary>
public static partial class Gru
{
    /// <summary>z = σ(W_z x + U_z h), r = σ(W_r x + U_r h), h̃ = tanh(W x + r ∘ (U h)), h' = z ∘ h + (1 − z) ∘ h̃.</summary>
    [Differentiable]
    public static Vector<double> Cell(Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur,
                                      Matrix<double> W, Matrix<double> U, Vector<double> x, Vector<double> hPrev)
    {
        var z = Sigmoid(Wz * x + Uz * hPrev);
        var r = Sigmoid(Wr * x + Ur * hPrev);
        var hTilde = Tanh(W * x + r.PointwiseMultiply(U * hPrev));
        return z.PointwiseMultiply(hPrev) + (1 - z).PointwiseMultiply(hTilde);
    }
}
