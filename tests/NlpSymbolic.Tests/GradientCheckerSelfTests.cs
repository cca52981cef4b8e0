using System.Reflection;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using NlpSymbolic.Tests.Models;
using Xunit;
using Xunit.Sdk;

namespace NlpSymbolic.Tests;

/// <summary>
/// The gradient checker must be able to fail: each hand-written backward below breaks one promise of the
/// contract, and the checker has to notice.
/// </summary>
public class GradientCheckerSelfTests
{
    private static readonly MethodInfo Bilinear = typeof(MatrixOperations).GetMethod(nameof(MatrixOperations.Bilinear))!;

    /// <summary>s = uᵀ(W x): du += ds·Wx; dW += ds·u xᵀ; dx += ds·Wᵀu.</summary>
    private static object CorrectBackward(object[] inputs, object dResult, object[] gradients, double wScale = 1, bool overwrite = false)
    {
        var (u, W, x) = ((Vector<double>)inputs[0], (Matrix<double>)inputs[1], (Vector<double>)inputs[2]);
        var ds = (double)dResult;
        var (du, dW, dx) = ((Vector<double>)gradients[0], (Matrix<double>)gradients[1], (Vector<double>)gradients[2]);
        if (overwrite)
        {
            du.Clear();
        }

        du.Add(ds * (W * x), du);
        dW.Add(wScale * ds * u.OuterProduct(x), dW);
        dx.Add(ds * (W.Transpose() * u), dx);
        return u * (W * x);
    }

    [Fact]
    public void AcceptsACorrectHandWrittenGradient() =>
        GradientChecker.Check(Bilinear, (i, d, g) => CorrectBackward(i, d, g));

    [Fact]
    public void RejectsAGradientOffByOnePartInAMillion() =>
        Assert.Throws<XunitException>(() => GradientChecker.Check(Bilinear, (i, d, g) => CorrectBackward(i, d, g, wScale: 1 + 2e-6)));

    [Fact]
    public void RejectsABackwardThatOverwritesInsteadOfAdding()
    {
        var error = Assert.Throws<XunitException>(() => GradientChecker.Check(Bilinear, (i, d, g) => CorrectBackward(i, d, g, overwrite: true)));
        Assert.Contains("add", error.Message);
    }

    [Fact]
    public void RejectsABackwardThatModifiesAnInput()
    {
        var error = Assert.Throws<XunitException>(() => GradientChecker.Check(Bilinear, (i, d, g) =>
        {
            var value = CorrectBackward(i, d, g);
            ((Vector<double>)i[2])[0] += 1e-9;
            return value;
        }));
        Assert.Contains("modified its input 'x'", error.Message);
    }

    [Fact]
    public void RejectsAWrongReturnedValue()
    {
        var error = Assert.Throws<XunitException>(() => GradientChecker.Check(Bilinear, (i, d, g) => (double)CorrectBackward(i, d, g) + 1e-9));
        Assert.Contains("returned value", error.Message);
    }

    [Fact]
    public void GeneratedBackwardOfTheSameModelAgreesWithTheHandWrittenOne()
    {
        var random = new System.Random(7);
        var u = Vector<double>.Build.Dense(3, _ => random.NextDouble() - 0.5);
        var W = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextDouble() - 0.5);
        var x = Vector<double>.Build.Dense(4, _ => random.NextDouble() - 0.5);
        var generated = new object[] { Vector<double>.Build.Dense(3), Matrix<double>.Build.Dense(3, 4), Vector<double>.Build.Dense(4) };
        var handWritten = new object[] { Vector<double>.Build.Dense(3), Matrix<double>.Build.Dense(3, 4), Vector<double>.Build.Dense(4) };

        MatrixOperations.BilinearBackward(u, W, x, 0.7, (Vector<double>)generated[0], (Matrix<double>)generated[1], (Vector<double>)generated[2]);
        CorrectBackward(new object[] { u, W, x }, 0.7, handWritten);

        for (var k = 0; k < 3; k++)
        {
            GradientChecker.AssertClose(handWritten[k], generated[k], 1e-12, $"gradient {k}");
        }
    }
}
