using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Values, numerical stability and argument validation of <see cref="Functions"/>.</summary>
public sealed class FunctionsTests
{
    private static Vector<double> V(params double[] values) => Vector<double>.Build.DenseOfArray(values);

    [Fact]
    public void ScalarFunctionsHaveKnownValues()
    {
        Assert.Equal(0.5, Sigmoid(0));
        Near.Equal(1 / (1 + Math.Exp(-2)), Sigmoid(2), 1e-15);
        Near.Equal(Math.Exp(-3) / (1 + Math.Exp(-3)), Sigmoid(-3), 1e-15);
        Near.Equal(Math.Tanh(0.5), Tanh(0.5), 1e-15);
        Assert.Equal(0, Tanh(0));
        Assert.Equal(0, Relu(-2));
        Assert.Equal(3, Relu(3));
        Assert.Equal(-0.02, LeakyRelu(-2), 15);
        Assert.Equal(-1.0, LeakyRelu(-2, 0.5));
        Assert.Equal(2, LeakyRelu(2));
        Assert.Equal(-1, HardTanh(-5));
        Assert.Equal(0.25, HardTanh(0.25));
        Assert.Equal(1, HardTanh(7));
    }

    [Fact]
    public void VectorFunctionsHaveKnownValues()
    {
        Vector<double> x = V(-2, 0, 0.5, 3);
        Near.Equal(V(0, 0, 0.5, 3), Relu(x));
        Near.Equal(V(-0.02, 0, 0.5, 3), LeakyRelu(x));
        Near.Equal(V(-1, 0, 0.5, 1), HardTanh(x));
        Near.Equal(V(Sigmoid(-2), 0.5, Sigmoid(0.5), Sigmoid(3)), Sigmoid(x), 1e-15);
        Near.Equal(V(Math.Tanh(-2), 0, Math.Tanh(0.5), Math.Tanh(3)), Tanh(x), 1e-15);

        Near.Equal(V(1 / 3.0, 1 / 3.0, 1 / 3.0), Softmax(V(2, 2, 2)), 1e-15);
        Near.Equal(Math.Log(3), LogSumExp(V(0, 0, 0)), 1e-15);
        Near.Equal(V(-Math.Log(2), -Math.Log(2)), LogSoftmax(V(5, 5)), 1e-15);
        Near.Equal(Math.Log(1 + Math.E) - 1, CrossEntropy(V(0, 1), 1), 1e-15);
        Near.Same(V(1, 2, 3, 4, 5), Concat(V(1, 2), V(3), V(4, 5)));
        Assert.Empty(Concat());
    }

    [Fact]
    public void VectorFunctionsReturnNewVectorsAndLeaveTheirInputAlone()
    {
        Vector<double> x = V(-1, 0.5, 2);
        Vector<double> copy = x.Clone();
        Vector<double>[] results =
        {
            Sigmoid(x), Tanh(x), Relu(x), LeakyRelu(x), HardTanh(x), Softmax(x), LogSoftmax(x), Concat(x),
        };
        foreach (Vector<double> r in results)
        {
            Assert.NotSame(x, r);
            Assert.NotSame(x.AsArray(), r.AsArray());
        }

        Near.Same(copy, x);
    }

    [Fact]
    public void ExtremeInputsStayFinite()
    {
        Assert.Equal(1.0, Sigmoid(800));
        Assert.Equal(0.0, Sigmoid(-800));
        // Far into the left tail the value must keep full relative precision, not just be near 0.
        Assert.True(Math.Abs(Sigmoid(-40) / Math.Exp(-40) - 1) < 1e-14);
        Assert.True(Math.Abs(Sigmoid(V(-40))[0] / Math.Exp(-40) - 1) < 1e-14);
        Near.Same(V(0, 1, 0.5), Sigmoid(V(-800, 800, 0)));
        Near.Equal(V(0.5, 0.5), Softmax(V(1000, 1000)), 1e-15);
        Near.Equal(V(0, 1), Softmax(V(-1000, 1000)), 1e-15);
        Near.Equal(1000 + Math.Log(2), LogSumExp(V(1000, 1000)), 1e-15);
        Near.Equal(-1000 + Math.Log(2), LogSumExp(V(-1000, -1000)), 1e-15);
        Near.Equal(V(-Math.Log(2), -Math.Log(2)), LogSoftmax(V(1000, 1000)), 1e-15);
        Near.Equal(2000, CrossEntropy(V(1000, -1000), 1), 1e-15);
        Near.Equal(Math.Log(2), CrossEntropy(V(1000, 1000), 0), 1e-15);
        Near.Equal(Math.Log(2), CrossEntropy(V(-1000, -1000), 1), 1e-15);
        Assert.True(double.IsFinite(LogSumExp(V(1e300, 1e300, -1e300))));
        Assert.Equal(double.PositiveInfinity, LogSumExp(V(double.PositiveInfinity, 1)));
        Assert.Equal(double.NegativeInfinity, LogSumExp(V(double.NegativeInfinity, double.NegativeInfinity)));
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        Vector<double> empty = Vector<double>.Build.Dense(0);
        Assert.Throws<ArgumentNullException>(() => Sigmoid((Vector<double>)null!));
        Assert.Throws<ArgumentNullException>(() => Softmax((Vector<double>)null!));
        Assert.Throws<ArgumentNullException>(() => Concat(V(1), null!));
        Assert.Throws<ArgumentNullException>(() => Concat(null!));
        Assert.Throws<ArgumentNullException>(() => CrossEntropy(null!, 0));
        Assert.Throws<ArgumentException>(() => Softmax(empty));
        Assert.Throws<ArgumentException>(() => LogSoftmax(empty));
        Assert.Throws<ArgumentException>(() => LogSumExp(empty));

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CrossEntropy(V(1, 2, 3), 3));
        Assert.Equal("label", ex.ParamName);
        Assert.Contains("label 3", ex.Message);
        Assert.Contains("length 3", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossEntropy(V(1, 2, 3), -1));
    }
}
