using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Adjoints of activations and normalisers against naive loops.</summary>
public sealed class ActivationAdjointTests
{
    private readonly TestData _data = new(99);

    // 3000: past the cross-entropy gradient's one-pass limit (2048), so both of its paths are checked.
    public static TheoryData<int> Lengths => new() { 1, 7, 300, 3000 };

    private Vector<double> InputsWithKinks(int n)
    {
        Vector<double> x = _data.Vector(n, -3, 3);
        // The kink points themselves pin down the convention: relu′(0) = 0, hardtanh′(±1) = 0.
        double[] kinks = { 0.0, 1.0, -1.0, -0.0 };
        for (int i = 0; i < n && i < kinks.Length * 3; i += 3)
        {
            x[i] = kinks[i / 3];
        }

        return x;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SmoothActivationGradientsMatchNaive(int n)
    {
        Vector<double> x = _data.Vector(n, -3, 3), dy = _data.Vector(n);
        Vector<double> s = Functions.Sigmoid(x), t = Functions.Tanh(x);

        Vector<double> d1 = _data.Vector(n), d2 = _data.Vector(n);
        Vector<double> e1 = d1.Clone(), e2 = d2.Clone();
        for (int i = 0; i < n; i++)
        {
            e1[i] += dy[i] * s[i] * (1 - s[i]);
            e2[i] += dy[i] * (1 - t[i] * t[i]);
        }

        AdjointScope.Check(d1, e1, ws => ws.AccumulateSigmoidGradient(d1, dy, s), dy, s);
        AdjointScope.Check(d2, e2, ws => ws.AccumulateTanhGradient(d2, dy, t), dy, t);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void PiecewiseActivationGradientsMatchNaive(int n)
    {
        Vector<double> x = InputsWithKinks(n), dy = _data.Vector(n);
        const double slope = 0.07;

        Vector<double> d1 = _data.Vector(n), d2 = _data.Vector(n), d3 = _data.Vector(n);
        Vector<double> e1 = d1.Clone(), e2 = d2.Clone(), e3 = d3.Clone();
        double slopeGradient = 0;
        for (int i = 0; i < n; i++)
        {
            e1[i] += x[i] > 0 ? dy[i] : 0;
            e2[i] += dy[i] * (x[i] > 0 ? 1 : slope);
            e3[i] += x[i] > -1 && x[i] < 1 ? dy[i] : 0;
            slopeGradient += dy[i] * Math.Min(x[i], 0);
        }

        AdjointScope.Check(d1, e1, ws => ws.AccumulateReluGradient(d1, dy, x), dy, x);
        AdjointScope.Check(d2, e2, ws => ws.AccumulateLeakyReluGradient(d2, dy, x, slope), dy, x);
        AdjointScope.Check(d3, e3, ws => ws.AccumulateHardTanhGradient(d3, dy, x), dy, x);

        Workspace ws = Workspace.Enter();
        try
        {
            Near.Equal(slopeGradient, ws.LeakyReluSlopeGradient(dy, x));
        }
        finally
        {
            ws.Exit();
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void NormaliserGradientsMatchNaive(int n)
    {
        Vector<double> x = _data.Vector(n, -4, 4), dy = _data.Vector(n);
        Vector<double> p = Naive.Softmax(x), logP = Naive.LogSoftmax(x);
        double lse = Naive.LogSumExp(x);
        double ds = _data.Scalar(0.5, 2);
        int label = n / 2;

        double inner = Naive.Dot(dy, p), total = dy.Sum();
        Vector<double> d1 = _data.Vector(n), d2 = _data.Vector(n), d3 = _data.Vector(n), d4 = _data.Vector(n);
        Vector<double> e1 = d1.Clone(), e2 = d2.Clone(), e3 = d3.Clone(), e4 = d4.Clone();
        for (int i = 0; i < n; i++)
        {
            e1[i] += p[i] * (dy[i] - inner);
            e2[i] += dy[i] - Math.Exp(logP[i]) * total;
            e3[i] += ds * Math.Exp(x[i] - lse);
            e4[i] += ds * (p[i] - (i == label ? 1 : 0));
        }

        AdjointScope.Check(d1, e1, ws => ws.AccumulateSoftmaxGradient(d1, dy, p), dy, p);
        AdjointScope.Check(d2, e2, ws => ws.AccumulateLogSoftmaxGradient(d2, dy, logP), dy, logP);
        AdjointScope.Check(d3, e3, ws => ws.AccumulateLogSumExpGradient(d3, ds, x, lse), x);
        AdjointScope.Check(d4, e4, ws => ws.AccumulateCrossEntropyGradient(d4, ds, x, label), x);
    }

    [Fact]
    public void NormaliserGradientsKeepFullPrecisionForLargeLogits()
    {
        Vector<double> x = Vector<double>.Build.DenseOfArray(new[] { 1000.0, 1000.0 });
        Vector<double> dx = Vector<double>.Build.Dense(2);
        Workspace ws = Workspace.Enter();
        try
        {
            ws.AccumulateCrossEntropyGradient(dx, 2.0, x, 1);
            Vector<double> logP = ws.LogSoftmax(x);
            Vector<double> dLog = Vector<double>.Build.Dense(2);
            ws.AccumulateLogSoftmaxGradient(dLog, Vector<double>.Build.DenseOfArray(new[] { 1.0, 0.0 }), logP);
            Near.Equal(Vector<double>.Build.DenseOfArray(new[] { 0.5, -0.5 }), dLog, 1e-15);
        }
        finally
        {
            ws.Exit();
        }

        Near.Equal(Vector<double>.Build.DenseOfArray(new[] { 1.0, -1.0 }), dx, 1e-15);
    }

    [Fact]
    public void CrossEntropyGradientRejectsALabelOutsideTheLogits()
    {
        Vector<double> x = _data.Vector(3), dx = _data.Vector(3);
        Workspace ws = Workspace.Enter();
        try
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ws.AccumulateCrossEntropyGradient(dx, 1, x, 3));
            Assert.Equal("label", ex.ParamName);
        }
        finally
        {
            ws.Exit();
        }
    }
}
