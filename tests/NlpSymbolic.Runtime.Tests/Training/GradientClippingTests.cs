using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

public sealed class GradientClippingTests
{
    private static (ParameterSet Set, Parameter A, Parameter B) Gradients(double[] a, double[] b)
    {
        var set = new ParameterSet();
        Parameter pa = set.Add("a", Vector<double>.Build.Dense(a.Length));
        Parameter pb = set.Add("B", Matrix<double>.Build.Dense(1, b.Length));
        a.CopyTo(pa.Gradients, 0);
        b.CopyTo(pb.Gradients, 0);
        return (set, pa, pb);
    }

    [Fact]
    public void ClipByValueClampsEachEntryAndReturnsTheNormBefore()
    {
        var (set, a, b) = Gradients([7, -2, 5], [-6, 0.5]);
        double norm = GradientClipping.ClipByValue(set, 5);
        Assert.Equal(Math.Sqrt(49 + 4 + 25 + 36 + 0.25), norm);
        Assert.Equal(new[] { 5.0, -2, 5 }, a.Gradients);
        Assert.Equal(new[] { -5.0, 0.5 }, b.Gradients);
    }

    [Fact]
    public void ClipByGlobalNormScalesEverythingByTheSameFactor()
    {
        var (set, a, b) = Gradients([3, 0], [0, -4]); // norm 5
        double norm = GradientClipping.ClipByGlobalNorm(set, 1);
        Assert.Equal(5, norm);
        Near.Equal(0.6, a.Gradients[0]);
        Near.Equal(-0.8, b.Gradients[1]);
        Near.Equal(1.0, set.GradientNorm());
    }

    [Fact]
    public void ClipByGlobalNormLeavesSmallGradientsAlone()
    {
        var (set, a, _) = Gradients([0.3, 0], [0, -0.4]);
        Assert.Equal(0.5, GradientClipping.ClipByGlobalNorm(set, 1), 15);
        Assert.Equal(new[] { 0.3, 0 }, a.Gradients);
    }

    [Fact]
    public void NonFiniteGradientsStayVisibleAfterClipping()
    {
        var (set, a, _) = Gradients([double.NaN, 10], [double.PositiveInfinity, 1]);
        Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm(set, 1)));
        Assert.True(double.IsNaN(a.Gradients[0]));
        Assert.Equal(10, a.Gradients[1]);
        Assert.Equal("a", set.FirstNonFiniteGradient());

        GradientClipping.ClipByValue(set, 5);
        Assert.True(double.IsNaN(a.Gradients[0]));
        Assert.Equal("a", set.FirstNonFiniteGradient());
    }

    [Fact]
    public void AnInfiniteNormLeavesEveryGradientAsItIs()
    {
        // Scaling by maxNorm / ∞ = 0 would erase the finite entries and turn ∞ into NaN.
        var (set, a, b) = Gradients([double.PositiveInfinity, 10], [-3, 1]);
        Assert.Equal(double.PositiveInfinity, GradientClipping.ClipByGlobalNorm(set, 1));
        Assert.Equal(new[] { double.PositiveInfinity, 10 }, a.Gradients);
        Assert.Equal(new[] { -3.0, 1 }, b.Gradients);
    }

    [Fact]
    public void ClipByGlobalNormClipsEveryParameterNotOnlyTheFirst()
    {
        var (set, a, b) = Gradients([0, 0], [6, 8]); // norm 10, all of it in the second parameter
        Assert.Equal(10, GradientClipping.ClipByGlobalNorm(set, 5));
        Assert.Equal(new[] { 0.0, 0 }, a.Gradients);
        Near.Equal(3.0, b.Gradients[0]);
        Near.Equal(4.0, b.Gradients[1]);
        Assert.Equal(10, GradientClipping.ClipByValue(Gradients([0], [-10]).Set, 2));
    }

    [Fact]
    public void ClipByValueLeavesEntriesWithinTheThresholdAlone()
    {
        var (set, a, b) = Gradients([-5, 4.999, 0], [5, -0.25]);
        GradientClipping.ClipByValue(set, 5);
        Assert.Equal(new[] { -5.0, 4.999, 0 }, a.Gradients);
        Assert.Equal(new[] { 5.0, -0.25 }, b.Gradients);
    }

    [Fact]
    public void SparseParametersAreClippedOnTheirTouchedColumns()
    {
        var set = new ParameterSet();
        Parameter e = set.Add("E", Matrix<double>.Build.Dense(2, 3), sparseColumns: true);
        Array.Fill(e.Gradients, 10.0); // column 1 is not recorded: outside the contract, left alone
        e.TouchColumns([0, 2]);
        Assert.Equal(20, GradientClipping.ClipByValue(set, 1));
        Assert.Equal(new[] { 1.0, 1, 10, 10, 1, 1 }, e.Gradients);
        Assert.Equal(2, GradientClipping.ClipByGlobalNorm(set, 1));
        Assert.Equal(new[] { 0.5, 0.5, 10, 10, 0.5, 0.5 }, e.Gradients);
    }

    [Fact]
    public void ThresholdsMustBePositive()
    {
        var (set, _, _) = Gradients([1], [1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(set, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(set, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(set, -1));
        Assert.Contains("The clipping threshold must be a finite number > 0", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(set, -2)).Message);
        Assert.Contains("The maximum norm must be a finite number > 0", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(set, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(set, double.PositiveInfinity));
        Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByValue(null!, 1));
        Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByGlobalNorm(null!, 1));
        Assert.Equal(new[] { 1.0 }, set[0].Gradients);
    }
}
