using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// The window classifier of models.md §1 over a minibatch: X holds one concatenated window per column
/// (d × B), labels one class per column. It reads like its per-example form
/// <see cref="LectureModels.WindowSoftmaxLoss"/> (h = tanh(W x + b); J = CrossEntropy(W₂ h + b₂, y)).
/// </summary>
public static partial class MinibatchModels
{
    /// <summary>J = Σⱼ CrossEntropy(U tanh(W X + b1ᵀ) + c1ᵀ, labels)ⱼ: the sum of the per-example losses.</summary>
    [Differentiable]
    public static double WindowBatchLoss(
        [Shape(5, 9)] Matrix<double> W, [Shape(5)] Vector<double> b, [Shape(4, 5)] Matrix<double> U, [Shape(4)] Vector<double> c,
        [Shape(9, 6)] Matrix<double> X, [Value(2, 0, 3, 3, 1, 0)] int[] labels)
    {
        var H = Tanh(AddColumnwise(W * X, b));
        return CrossEntropy(AddColumnwise(U * H, c), labels);
    }

    /// <summary>The same averaged over the batch, with ReLU and an L2 penalty: the usual minibatch objective.</summary>
    [Differentiable]
    public static double WindowBatchMeanLoss(
        [Shape(5, 9)] Matrix<double> W, [Shape(5)] Vector<double> b, [Shape(4, 5)] Matrix<double> U, [Shape(4)] Vector<double> c,
        [Shape(9, 6)] Matrix<double> X, [Value(2, 0, 3, 3, 1, 0)] int[] labels, [Range(0.01, 0.1)] double lambda)
    {
        var H = Relu(AddColumnwise(W * X, b));
        var logits = AddColumnwise(U * H, c);
        return MeanCrossEntropy(logits, labels) + lambda * (SquaredNorm(W) + SquaredNorm(U));
    }

    /// <summary>Two hidden layers and a log-softmax read out by hand: −Σⱼ log p(yⱼ) through LogSoftmax and a column sum.</summary>
    [Differentiable]
    public static double TwoLayerBatchLoss(
        [Shape(6, 9)] Matrix<double> W1, [Shape(6)] Vector<double> b1, [Shape(5, 6)] Matrix<double> W2, [Shape(5)] Vector<double> b2,
        [Shape(3, 5)] Matrix<double> U, [Shape(9, 4)] Matrix<double> X, [Shape(3, 4)] Matrix<double> Y)
    {
        var H1 = Tanh(AddColumnwise(W1 * X, b1));
        var H2 = Sigmoid(AddColumnwise(W2 * H1, b2));
        var logProbabilities = LogSoftmax(U * H2);
        return -Y.PointwiseMultiply(logProbabilities).ColumnSums().Sum();
    }
}
