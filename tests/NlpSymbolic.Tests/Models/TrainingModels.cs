using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>Models trained by the training-step tests.</summary>
public static partial class TrainingModels
{
    /// <summary>
    /// The Collobert &amp; Weston window tagger (models.md §1): five embedding columns around position t,
    /// a tanh hidden layer, softmax cross-entropy over the tags.
    /// </summary>
    [Differentiable]
    public static double WindowTagLoss(
        [Shape(4, 9)] Matrix<double> L, [Shape(6, 20)] Matrix<double> W, [Shape(6)] Vector<double> b,
        [Shape(3, 6)] Matrix<double> U, [Shape(3)] Vector<double> c,
        [Value(0, 1, 5, 7, 8, 2, 0)] int[] tokens, [Value(3)] int t, [Value(2)] int tag)
    {
        var x = Concat(L.Column(tokens[t - 2]), L.Column(tokens[t - 1]), L.Column(tokens[t]), L.Column(tokens[t + 1]), L.Column(tokens[t + 2]));
        var h = Tanh(W * x + b);
        return CrossEntropy(U * h + c, tag);
    }
}
