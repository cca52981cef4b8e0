using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// An LSTM language model as a model class (fields are the parameters) whose methods have several outputs:
/// <see cref="Cell"/> returns (h, c), and <see cref="Chunk"/>, which calls it, returns the chunk's loss and the
/// state (h, c) it ends in, to start the next chunk. One matrix per gate (i, f, o, g): W· is H × d, U· is H × H;
/// L holds the d-dimensional input vectors of the V characters as columns, Why is V × H.
/// </summary>
public sealed partial class LstmLanguageModel
{
    public Matrix<double> L, Wi, Wf, Wo, Wg, Ui, Uf, Uo, Ug, Why;
    public Vector<double> bi, bf, bo, bg, by;

    public LstmLanguageModel(int vocabulary, int dimension, int hidden, int seed)
    {
        var random = new Random(seed);
        Matrix<double> M(int rows, int columns) => Init.Uniform(rows, columns, -0.5, 0.5, random);
        Vector<double> V(int length) => Init.Uniform(length, -0.1, 0.1, random);
        L = M(dimension, vocabulary);
        (Wi, Wf, Wo, Wg) = (M(hidden, dimension), M(hidden, dimension), M(hidden, dimension), M(hidden, dimension));
        (Ui, Uf, Uo, Ug) = (M(hidden, hidden), M(hidden, hidden), M(hidden, hidden), M(hidden, hidden));
        (bi, bf, bo, bg) = (V(hidden), V(hidden), V(hidden), V(hidden));
        Why = M(vocabulary, hidden);
        by = V(vocabulary);
    }

    [Differentiable]
    public (Vector<double> h, Vector<double> c) Cell(Vector<double> x, Vector<double> h, Vector<double> c)
    {
        var i = Sigmoid(Wi * x + Ui * h + bi);
        var f = Sigmoid(Wf * x + Uf * h + bf);
        var o = Sigmoid(Wo * x + Uo * h + bo);
        var g = Tanh(Wg * x + Ug * h + bg);
        var cNext = f.PointwiseMultiply(c) + i.PointwiseMultiply(g);
        return (o.PointwiseMultiply(Tanh(cNext)), cNext);
    }

    /// <summary>Σₜ CrossEntropy(Why hₜ + by, targets[t]) over the chunk, and the state it ends in.</summary>
    [Differentiable]
    public (double loss, Vector<double> h, Vector<double> c) Chunk(Vector<double> h0, Vector<double> c0, int[] inputs, int[] targets)
    {
        var h = h0;
        var c = c0;
        var loss = 0.0;
        for (var t = 0; t < inputs.Length; t++)
        {
            (h, c) = Cell(L.Column(inputs[t]), h, c);
            loss += CrossEntropy(Why * h + by, targets[t]);
        }

        return (loss, h, c);
    }
}
