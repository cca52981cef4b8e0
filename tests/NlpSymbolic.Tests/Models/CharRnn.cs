using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// min-char-rnn written as a model class: the fields are the parameters, the [Differentiable] methods are
/// instance methods that read them. Shapes: vocabulary V, hidden H; Wxh is H×V (one column per character),
/// Whh H×H, Why V×H. <see cref="Loss"/> calls <see cref="Step"/>, another instance method.
/// </summary>
public sealed partial class CharRnn
{
    public Matrix<double> Wxh, Whh, Why;
    public Vector<double> bh, by;

    /// <summary>A scalar parameter (a softmax temperature): differentiated, but not in the ParameterSet.</summary>
    public double sharpness = 1.0;

    public CharRnn(int vocabulary, int hidden, int seed)
    {
        var random = new Random(seed);
        Wxh = Init.Uniform(hidden, vocabulary, -0.5, 0.5, random);
        Whh = Init.Uniform(hidden, hidden, -0.5, 0.5, random);
        Why = Init.Uniform(vocabulary, hidden, -0.5, 0.5, random);
        bh = Init.Uniform(hidden, -0.1, 0.1, random);
        by = Init.Uniform(vocabulary, -0.1, 0.1, random);
    }

    /// <summary>h = tanh(Wxh x + Whh h_prev + bh), x the one-hot of <paramref name="input"/>.</summary>
    [Differentiable]
    public Vector<double> Step(Vector<double> h, int input) => Tanh(Wxh.Column(input) + Whh * h + bh);

    /// <summary>Σ_t CrossEntropy(sharpness · (Why h_t + by), targets[t]).</summary>
    [Differentiable]
    public double Loss(Vector<double> h0, int[] inputs, int[] targets)
    {
        var h = h0;
        var loss = 0.0;
        for (var t = 0; t < inputs.Length; t++)
        {
            h = Step(h, inputs[t]);
            loss += CrossEntropy((this.Why * h + by) * sharpness, targets[t]);
        }

        return loss;
    }
}
