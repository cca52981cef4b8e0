using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic;
using NlpSymbolic.Training;
using static NlpSymbolic.Functions;

namespace RecurrentLoop;

/// <summary>A character-level LSTM language model: its fields are its parameters.</summary>
public sealed partial class CharLstm
{
    public Matrix<double> L;    // d × V: one embedding column per character
    public Matrix<double> W;    // 4H × d: the four gates' input weights, stacked
    public Matrix<double> U;    // 4H × H: their recurrent weights
    public Vector<double> b;    // 4H
    public Matrix<double> Wy;   // V × H: the output layer
    public Vector<double> by;   // V

    public CharLstm(int vocabulary, int dimension, int hidden, int seed)
    {
        L = Init.Uniform(dimension, vocabulary, -0.1, 0.1, seed);
        W = Init.Uniform(4 * hidden, dimension, -0.1, 0.1, seed + 1);
        U = Init.Uniform(4 * hidden, hidden, -0.1, 0.1, seed + 2);
        b = Init.Zeros(4 * hidden);
        Wy = Init.Uniform(vocabulary, hidden, -0.1, 0.1, seed + 3);
        by = Init.Zeros(vocabulary);
    }

    /// <summary>One step: the gates from z = W x + U h + b, then c' = f ∘ c + i ∘ g and h' = o ∘ tanh(c').</summary>
    [Differentiable]
    public (Vector<double> h, Vector<double> c) Cell(Vector<double> x, Vector<double> h, Vector<double> c)
    {
        var n = h.Count;
        var z = W * x + U * h + b;
        var i = Sigmoid(z.SubVector(0, n));
        var f = Sigmoid(z.SubVector(n, n));
        var o = Sigmoid(z.SubVector(2 * n, n));
        var g = Tanh(z.SubVector(3 * n, n));
        var cNext = f.PointwiseMultiply(c) + i.PointwiseMultiply(g);
        return (o.PointwiseMultiply(Tanh(cNext)), cNext);
    }

    /// <summary>
    /// A chunk of truncated backpropagation through time: from the carried (h0, c0), the summed loss of predicting
    /// each next character, and the state the next chunk starts from. The carried state is data ([NoDerivative]):
    /// no gradient flows back across a chunk boundary.
    /// </summary>
    [Differentiable]
    public (double loss, Vector<double> h, Vector<double> c) Chunk(
        [NoDerivative] Vector<double> h0, [NoDerivative] Vector<double> c0, int[] inputs, int[] targets)
    {
        var h = h0;
        var c = c0;
        var loss = 0.0;
        for (var t = 0; t < inputs.Length; t++)
        {
            (h, c) = Cell(L.Column(inputs[t]), h, c);
            loss += CrossEntropy(Wy * h + by, targets[t]);
        }

        return (loss, h, c);
    }
}
