using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>
/// A GRU character language model (models.md §3, with biases): z = σ(W_z x + U_z h + b_z),
/// r = σ(W_r x + U_r h + b_r), h̃ = tanh(W x + r ∘ (U h) + b_h), h' = z ∘ h + (1 − z) ∘ h̃, and the same read-out
/// as the RNN, softmax(Why h' + by). x is one-hot, so W_z x is a column of W_z.
/// </summary>
public sealed partial class GruModel
{
    public Matrix<double> Wz, Uz, Wr, Ur, W, U, Why;
    public Vector<double> bz, br, bh, by;

    /// <summary>The RNN's initialisation (weights N(0, 0.01²), biases zero), so the two start alike.</summary>
    public GruModel(int vocabulary, int hidden, int seed)
    {
        var random = new Random(seed);
        Wz = Init.Normal(hidden, vocabulary, 0, 0.01, random);
        Uz = Init.Normal(hidden, hidden, 0, 0.01, random);
        Wr = Init.Normal(hidden, vocabulary, 0, 0.01, random);
        Ur = Init.Normal(hidden, hidden, 0, 0.01, random);
        W = Init.Normal(hidden, vocabulary, 0, 0.01, random);
        U = Init.Normal(hidden, hidden, 0, 0.01, random);
        Why = Init.Normal(vocabulary, hidden, 0, 0.01, random);
        bz = Init.Zeros(hidden);
        br = Init.Zeros(hidden);
        bh = Init.Zeros(hidden);
        by = Init.Zeros(vocabulary);
    }

    /// <summary>One GRU step on character <paramref name="input"/>.</summary>
    [Differentiable]
    public Vector<double> Cell(Vector<double> h, int input)
    {
        var z = Sigmoid(Wz.Column(input) + Uz * h + bz);
        var r = Sigmoid(Wr.Column(input) + Ur * h + br);
        var candidate = Tanh(W.Column(input) + r.PointwiseMultiply(U * h) + bh);
        return z.PointwiseMultiply(h) + (1 - z).PointwiseMultiply(candidate);
    }

    /// <summary>The loss of one chunk from the carried state <paramref name="h0"/> (truncated BPTT, as the RNN).</summary>
    [Differentiable]
    public double Loss([NoDerivative] Vector<double> h0, int[] inputs, int[] targets)
    {
        var h = h0;
        var loss = 0.0;
        for (var t = 0; t < inputs.Length; t++)
        {
            h = Cell(h, inputs[t]);
            loss += CrossEntropy(Why * h + by, targets[t]);
        }

        return loss;
    }

    /// <summary>Parameters: 3·(H·V + H·H + H) + V·H + V.</summary>
    public static long ParameterCount(int vocabulary, int hidden) =>
        3 * ((long)hidden * vocabulary + (long)hidden * hidden + hidden) + (long)vocabulary * hidden + vocabulary;

    /// <summary>The hidden size whose parameter count is closest to <paramref name="target"/>.</summary>
    public static int HiddenMatching(int vocabulary, long target)
    {
        var best = 1;
        for (var h = 1; h <= 4096; h++)
        {
            if (Math.Abs(ParameterCount(vocabulary, h) - target) < Math.Abs(ParameterCount(vocabulary, best) - target))
            {
                best = h;
            }
        }

        return best;
    }
}
