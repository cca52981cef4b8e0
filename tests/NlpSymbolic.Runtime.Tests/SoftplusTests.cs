using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Softplus log(1 + eˣ): its value where the naive formula overflows, and its adjoint against central differences.</summary>
public sealed class SoftplusTests
{
    private readonly TestData _data = new(2026);

    [Fact]
    public void TheValueIsFiniteAndExactInBothTails()
    {
        Assert.Equal(Math.Log(2), Functions.Softplus(0), 15);
        Assert.Equal(800, Functions.Softplus(800), 12);
        Assert.Equal(Math.Exp(-800), Functions.Softplus(-800));
        Assert.Equal(Math.Log(1 + Math.Exp(1.5)), Functions.Softplus(1.5), 14);
    }

    [Fact]
    public void TheWorkspaceKernelMatchesTheFunction()
    {
        Vector<double> x = _data.Vector(9) * 20;
        Workspace ws = Workspace.Enter();
        try
        {
            Assert.Equal(Functions.Softplus(x).ToArray(), ws.Softplus(x).ToArray());
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void TheAdjointIsTheGradientOfTheWeightedSum()
    {
        Vector<double> x = _data.Vector(7) * 3;
        Vector<double> w = _data.Vector(7);
        Vector<double> expected = FiniteDifference.Gradient(v => w.DotProduct(Functions.Softplus(v)), x);

        Vector<double> accumulated = Vector<double>.Build.Dense(7, 0.5);
        Vector<double> started;
        Workspace ws = Workspace.Enter();
        try
        {
            ws.AccumulateSoftplusGradient(accumulated, w, x);
            started = ws.SoftplusGradient(w, x).Clone();
        }
        finally
        {
            ws.Exit();
        }

        FiniteDifference.AssertClose(expected, started);
        FiniteDifference.AssertClose(expected + 0.5, accumulated);
    }

    [Fact]
    public void AShapeMismatchNamesTheKernelAndTheShapes()
    {
        Workspace ws = Workspace.Enter();
        try
        {
            var error = Assert.ThrowsAny<ArgumentException>(() => ws.AccumulateSoftplusGradient(_data.Vector(3), _data.Vector(4), _data.Vector(3)));
            Assert.Contains("AccumulateSoftplusGradient", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            ws.Exit();
        }
    }
}
