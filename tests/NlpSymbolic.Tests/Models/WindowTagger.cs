using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>A tagging example: a padded sentence, the position of the word to tag, its tag.</summary>
public sealed record Window(int[] Tokens, int Position, int Tag);

/// <summary>
/// The README's training example: the Collobert &amp; Weston window tagger (models.md §1) as a model class.
/// Its fields are the parameters; <see cref="Loss"/> is differentiated by the generator.
/// </summary>
public sealed partial class WindowTagger
{
    public Matrix<double> L, W, U;
    public Vector<double> b, c;

    public WindowTagger(int vocabulary, int tags, int seed, int dimension = 50, int hidden = 100)
    {
        L = Init.Uniform(dimension, vocabulary, -0.1, 0.1, seed);
        W = Init.XavierUniform(hidden, 5 * dimension, seed + 1);
        b = Init.Zeros(hidden);
        U = Init.XavierUniform(tags, hidden, seed + 2);
        c = Init.Zeros(tags);
    }

    /// <summary>Softmax cross-entropy of the tag of the word at <paramref name="t"/> given its window of five.</summary>
    [Differentiable]
    public double Loss(int[] tokens, int t, int tag)
    {
        var x = Concat(L.Column(tokens[t - 2]), L.Column(tokens[t - 1]), L.Column(tokens[t]), L.Column(tokens[t + 1]), L.Column(tokens[t + 2]));
        var h = Tanh(W * x + b);
        return CrossEntropy(U * h + c, tag);
    }

    public int Predict(int[] tokens, int t)
    {
        var x = Concat(L.Column(tokens[t - 2]), L.Column(tokens[t - 1]), L.Column(tokens[t]), L.Column(tokens[t + 1]), L.Column(tokens[t + 2]));
        return (U * Tanh(W * x + b) + c).MaximumIndex();
    }

    public double Accuracy(IReadOnlyList<Window> windows) => windows.Count(w => Predict(w.Tokens, w.Position) == w.Tag) / (double)windows.Count;
}
