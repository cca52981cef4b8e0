using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using NlpSymbolic.Tests.Models;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// Hand-written derivatives declared with [DerivativeOf]: true derivatives against central differences wherever
/// the function is called, and a straight-through estimator whose gradient shows that the declared rule, not the
/// true derivative, is the one used.
/// </summary>
public class CustomDerivativeTests
{
    public static IEnumerable<object[]> Models => GradientChecker.MethodsOf(typeof(CustomDerivativeModels));

    [Theory]
    [MemberData(nameof(Models))]
    public void TrueDerivativesMatchCentralDifferences(string name)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            GradientChecker.Check(typeof(CustomDerivativeModels), name, seed);
        }
    }

    [Fact]
    public void StraightThroughEstimatorPassesTheSeedThroughRound()
    {
        // y = round(3a)·b: the true ∂y/∂a is 0 (round is flat between jumps); the declared rule makes it 3b.
        var (a, b) = (0.41, -1.7);
        double da = 0.5, db = 0.25;
        var value = StraightThroughModels.QuantizedProductBackward(a, b, 2.0, ref da, ref db);

        Assert.Equal(System.Math.Round(3 * a) * b, value);
        Assert.Equal(0.5 + 2.0 * 3 * b, da, 12);
        Assert.Equal(0.25 + 2.0 * System.Math.Round(3 * a), db, 12);

        // Central differences see the true derivative, 0: the generated code did not use it.
        var h = 1e-5;
        var fd = (StraightThroughModels.QuantizedProduct(a + h, b) - StraightThroughModels.QuantizedProduct(a - h, b)) / (2 * h);
        Assert.Equal(0.0, fd);
    }

    [Fact]
    public void StraightThroughEstimatorOnVectorsAddsTheSeedTimesX()
    {
        var w = Vector<double>.Build.DenseOfArray(new[] { 0.2, 1.6, -0.7 });
        var x = Vector<double>.Build.DenseOfArray(new[] { 1.5, -2.0, 0.5 });
        var dw = Vector<double>.Build.DenseOfArray(new[] { 1.0, 1.0, 1.0 });
        var dx = Vector<double>.Build.Dense(3);

        var value = StraightThroughModels.QuantizedScoreBackward(w, x, 0.5, dw, dx);

        Assert.Equal(Quantizer.Round(w) * x, value);
        Assert.Equal(new[] { 1.75, 0.0, 1.25 }, dw.ToArray());            // 1 + 0.5·x: dy passed straight through
        Assert.Equal(new[] { 0.0, 1.0, -0.5 }, dx.ToArray());             // 0.5·round(w)
    }

    [Fact]
    public void ModelClassCallingACustomDerivativeGetsTheStaticMethodsGradient()
    {
        var random = new System.Random(7);
        var W = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextDouble() - 0.5);
        var b = Vector<double>.Build.Dense(3, _ => random.NextDouble() - 0.5);
        var u = Vector<double>.Build.Dense(3, _ => random.NextDouble() - 0.5);
        var x = Vector<double>.Build.Dense(4, _ => random.NextDouble() - 0.5);
        var model = new SoftPlusScorer(W, b, u);
        var gradients = new SoftPlusScorer.Gradients(model);
        var dx = Vector<double>.Build.Dense(4);

        var value = model.ScoreBackward(x, 1.0, gradients, dx);

        // The same sum from the finite-difference-checked static parts: SoftPlusLayer, plus u·softplus(b).
        var dW = Matrix<double>.Build.Dense(3, 4);
        var (dbExpected, duExpected, dxExpected) = (Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(4));
        var layer = CustomDerivativeModels.SoftPlusLayerBackward(W, x, b, u, 1.0, dW, dxExpected, dbExpected, duExpected);
        duExpected.Add(OpaqueFunctions.SoftPlus(b), duExpected);
        OpaqueFunctions.SoftPlusPullback(b, u, dbExpected);

        Assert.Equal(layer + u * OpaqueFunctions.SoftPlus(b), value, 12);
        AssertClose(dW.ToColumnMajorArray(), gradients.W.ToColumnMajorArray());
        AssertClose(dbExpected.ToArray(), gradients.b.ToArray());
        AssertClose(duExpected.ToArray(), gradients.u.ToArray());
        AssertClose(dxExpected.ToArray(), dx.ToArray());
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 12));
    }
}
