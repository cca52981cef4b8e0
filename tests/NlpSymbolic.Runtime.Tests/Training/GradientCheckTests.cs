using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>L = ½‖tanh(W x + b)‖² with hand-written gradients, one of them deliberately wrong.</summary>
public sealed class GradientCheckTests
{
    private readonly Matrix<double> _w = Init.Uniform(3, 4, -1, 1, seed: 1);
    private readonly Vector<double> _b = Init.Uniform(3, -1, 1, seed: 2);
    private readonly Vector<double> _x = Init.Uniform(4, -1, 1, seed: 3);
    private readonly ParameterSet _set = new();

    public GradientCheckTests()
    {
        _set.Add("W", _w);
        _set.Add("b", _b);
    }

    private double Loss()
    {
        Vector<double> a = (_w * _x + _b).Map(Math.Tanh);
        return 0.5 * a.DotProduct(a);
    }

    private void Gradients(bool forgetTanhDerivativeInBias)
    {
        Vector<double> a = (_w * _x + _b).Map(Math.Tanh);
        Vector<double> delta = a.PointwiseMultiply(a.Map(v => 1 - v * v));
        _set["W"].GradientMatrix!.Add(delta.OuterProduct(_x), _set["W"].GradientMatrix!);
        _set["b"].GradientVector!.Add(forgetTanhDerivativeInBias ? a : delta, _set["b"].GradientVector!);
    }

    [Fact]
    public void ACorrectGradientPasses()
    {
        double[] before = (double[])_set["W"].Values.Clone();
        GradientCheckReport report = GradientCheck.Run(_set, Loss, () => Gradients(false));
        Assert.True(report.Passed(1e-7), report.ToString());
        Assert.Equal(13, report.EntriesChecked); // W has 12 entries, sampled down to 10; b has 3, all checked
        Assert.Equal(before, _set["W"].Values);  // values restored bit for bit
        Assert.Equal(2, report.WorstPerParameter.Count);
    }

    [Fact]
    public void AWrongGradientIsCaughtAndLocated()
    {
        GradientCheckReport report = GradientCheck.Run(_set, Loss, () => Gradients(true));
        Assert.False(report.Passed(1e-4), report.ToString());
        Assert.Equal("b", report.Parameter);
        Assert.InRange(report.Index, 0, 2);
        Near.Equal(_set["b"].Gradients[report.Index], report.Analytic); // the check leaves the analytic gradient in place
        Assert.True(Math.Abs(report.Analytic - report.Numeric) > 1e-3);
        Assert.Contains($"b[{report.Index}]", report.ToString());
        Assert.True(report.WorstPerParameter[0].RelativeError < 1e-7); // W is right
    }

    [Fact]
    public void SamplingIsSeededAndCanCoverEverything()
    {
        GradientCheckReport a = GradientCheck.Run(_set, Loss, () => Gradients(true), samplesPerParameter: 2, seed: 5);
        GradientCheckReport b = GradientCheck.Run(_set, Loss, () => Gradients(true), samplesPerParameter: 2, seed: 5);
        Assert.Equal(4, a.EntriesChecked);
        Assert.Equal(a.ToString(), b.ToString());
        Assert.Equal(15, GradientCheck.Run(_set, Loss, () => Gradients(false), samplesPerParameter: 100).EntriesChecked);
    }

    [Fact]
    public void ANaNGradientFails()
    {
        GradientCheckReport report = GradientCheck.Run(_set, Loss, () => _set["W"].Gradients[5] = double.NaN, samplesPerParameter: 100);
        Assert.False(report.Passed(1));
        Assert.Equal("W", report.Parameter);
        Assert.Equal(5, report.Index);
    }

    [Fact]
    public void SparseParametersAreSampledFromTheirTouchedColumns()
    {
        // L = ½‖E[:, 2] + E[:, 4]‖²: both columns get the sum as gradient.
        var set = new ParameterSet();
        Matrix<double> e = Init.Uniform(3, 6, -1, 1, seed: 4);
        Parameter pe = set.Add("E", e, sparseColumns: true);
        double Loss() => 0.5 * (e.Column(2) + e.Column(4)).DotProduct(e.Column(2) + e.Column(4));
        void Backward()
        {
            Vector<double> sum = e.Column(2) + e.Column(4);
            foreach (int column in new[] { 2, 4 })
            {
                sum.AsArray().CopyTo(pe.GradientColumn(column));
                pe.TouchColumn(column);
            }
        }

        GradientCheckReport report = GradientCheck.Run(set, Loss, Backward, samplesPerParameter: 100);
        Assert.Equal(6, report.EntriesChecked);
        Assert.True(report.Passed(1e-8), report.ToString());
        Assert.Contains(report.Worst!.Column, new[] { 2, 4 });
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(_set, Loss, () => { }, samplesPerParameter: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(_set, Loss, () => { }, epsilon: 0));
    }
}
