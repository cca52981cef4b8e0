using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using NlpSymbolic.Tests.Models;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// Minibatches as matrices: every operation against central differences, and the minibatch window classifier
/// against central differences and against the sum of the per-example gradients of the single-window form.
/// </summary>
public class MinibatchTests
{
    public static IEnumerable<object[]> Operations => GradientChecker.MethodsOf(typeof(MinibatchOperations));

    public static IEnumerable<object[]> Models => GradientChecker.MethodsOf(typeof(MinibatchModels));

    [Theory]
    [MemberData(nameof(Operations))]
    public void MinibatchOperation(string name)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            GradientChecker.Check(typeof(MinibatchOperations), name, seed);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void MinibatchModel(string name)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            GradientChecker.Check(typeof(MinibatchModels), name, seed);
        }
    }

    /// <summary>
    /// The batch's loss and gradients are the sums over its columns of the single-window form's
    /// (LectureModels.WindowSoftmaxLoss), at a small shape and at the lecture's (5 words × d = 50 → 100 → 5, B = 32).
    /// </summary>
    [Theory]
    [InlineData(9, 5, 4, 6)]
    [InlineData(250, 100, 5, 32)]
    public void BatchGradientIsTheSumOfPerExampleGradients(int inputs, int hidden, int classes, int batch)
    {
        var random = new Random(inputs + batch);
        Matrix<double> M(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() - 0.5);
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);
        var (W, b, U, c, X) = (M(hidden, inputs), V(hidden), M(classes, hidden), V(classes), M(inputs, batch));
        var labels = Enumerable.Range(0, batch).Select(_ => random.Next(classes)).ToArray();

        var (dW, db, dU, dc, dX) = (M(hidden, inputs) * 0, V(hidden) * 0, M(classes, hidden) * 0, V(classes) * 0, M(inputs, batch) * 0);
        var loss = MinibatchModels.WindowBatchLossBackward(W, b, U, c, X, labels, 1.0, dW, db, dU, dc, dX);

        var (eW, eb, eU, ec, eX) = (M(hidden, inputs) * 0, V(hidden) * 0, M(classes, hidden) * 0, V(classes) * 0, M(inputs, batch) * 0);
        var expectedLoss = 0.0;
        for (var j = 0; j < batch; j++)
        {
            var dx = Vector<double>.Build.Dense(inputs);
            expectedLoss += LectureModels.WindowSoftmaxLossBackward(W, b, U, c, X.Column(j), labels[j], 1.0, eW, eb, eU, ec, dx);
            eX.SetColumn(j, dx);
        }

        Near(expectedLoss, loss, "loss");
        Near(eW, dW, "dW");
        Near(eb, db, "db");
        Near(eU, dU, "dU");
        Near(ec, dc, "dc");
        Near(eX, dX, "dX");

        // The mean form is the sum divided by the batch size, value and gradient.
        var (mW, mb, mU, mc, mX) = (M(hidden, inputs) * 0, V(hidden) * 0, M(classes, hidden) * 0, V(classes) * 0, M(inputs, batch) * 0);
        var mean = MinibatchMeanOnly.LossBackward(W, b, U, c, X, labels, 1.0, mW, mb, mU, mc, mX);
        Near(expectedLoss / batch, mean, "mean loss");
        Near(eW / batch, mW, "mean dW");
        Near(eb / batch, mb, "mean db");
        Near(eX / batch, mX, "mean dX");
    }

    [Fact]
    public void BatchBackwardAllocatesNothingOnceWarm()
    {
        var random = new Random(7);
        Matrix<double> M(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() - 0.5);
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);
        var (W, b, U, c, X) = (M(20, 45), V(20), M(5, 20), V(5), M(45, 8));
        var (dW, db, dU, dc, dX) = (M(20, 45), V(20), M(5, 20), V(5), M(45, 8));
        var labels = new[] { 0, 4, 2, 2, 1, 3, 0, 4 };

        long Step()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            MinibatchModels.WindowBatchLossBackward(W, b, U, c, X, labels, 1.0, dW, db, dU, dc, dX);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        for (var i = 0; i < 50; i++)
        {
            Step();
        }

        Assert.Equal(0, Step());
    }

    [Fact]
    public void MismatchedLabelsAreReportedBeforeAnyGradientIsWritten()
    {
        var W = Matrix<double>.Build.Dense(3, 4, 0.1);
        var (b, U, c, X) = (Vector<double>.Build.Dense(3), Matrix<double>.Build.Dense(2, 3, 0.2), Vector<double>.Build.Dense(2), Matrix<double>.Build.Dense(4, 5, 0.3));
        var (dW, db, dU, dc, dX) = (Matrix<double>.Build.Dense(3, 4), Vector<double>.Build.Dense(3), Matrix<double>.Build.Dense(2, 3), Vector<double>.Build.Dense(2), Matrix<double>.Build.Dense(4, 5));

        var tooFew = Assert.Throws<ArgumentException>(() => MinibatchModels.WindowBatchLossBackward(W, b, U, c, X, new[] { 0, 1 }, 1.0, dW, db, dU, dc, dX));
        Assert.Contains("the logits are 2×5 (one example per column) but there are 2 labels", tooFew.Message);
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => MinibatchModels.WindowBatchLossBackward(W, b, U, c, X, new[] { 0, 1, 2, 0, 1 }, 1.0, dW, db, dU, dc, dX));
        Assert.Contains("label 2 of column 2 is out of range for logits with 2 rows", outOfRange.Message);
        Assert.Equal(0, dW.FrobeniusNorm());
    }

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-10 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    private static void Near(Vector<double> expected, Vector<double> actual, string what) =>
        Assert.True((expected - actual).InfinityNorm() <= 1e-10 * Math.Max(1, expected.InfinityNorm()), $"{what} differs by {(expected - actual).InfinityNorm():E2}");

    private static void Near(Matrix<double> expected, Matrix<double> actual, string what) =>
        Assert.True((expected - actual).InfinityNorm() <= 1e-10 * Math.Max(1, expected.InfinityNorm()), $"{what} differs by {(expected - actual).InfinityNorm():E2}");
}

/// <summary>The mean minibatch loss, for the comparison with the sum of per-example gradients.</summary>
public static partial class MinibatchMeanOnly
{
    [Differentiable]
    public static double Loss(Matrix<double> W, Vector<double> b, Matrix<double> U, Vector<double> c, Matrix<double> X, int[] labels)
    {
        var H = Functions.Tanh(Functions.AddColumnwise(W * X, b));
        return Functions.MeanCrossEntropy(Functions.AddColumnwise(U * H, c), labels);
    }
}
