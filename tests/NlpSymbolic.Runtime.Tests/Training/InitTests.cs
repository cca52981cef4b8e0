using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

public sealed class InitTests
{
    [Fact]
    public void TheSameSeedGivesBitIdenticalWeights()
    {
        Assert.Equal(Init.Uniform(5, 7, -0.1, 0.1, seed: 3).ToColumnMajorArray(), Init.Uniform(5, 7, -0.1, 0.1, seed: 3).ToColumnMajorArray());
        Assert.Equal(Init.Normal(5, 7, 0, 1, seed: 3).ToColumnMajorArray(), Init.Normal(5, 7, 0, 1, seed: 3).ToColumnMajorArray());
        Assert.Equal(Init.XavierUniform(5, 7, seed: 3).ToColumnMajorArray(), Init.XavierUniform(5, 7, seed: 3).ToColumnMajorArray());
        Assert.Equal(Init.XavierNormal(5, 7, seed: 3).ToColumnMajorArray(), Init.XavierNormal(5, 7, seed: 3).ToColumnMajorArray());
        Assert.Equal(Init.Normal(9, 0, 1, seed: 3).ToArray(), Init.Normal(9, 0, 1, seed: 3).ToArray());
        Assert.NotEqual(Init.Uniform(5, 7, -0.1, 0.1, seed: 3).ToColumnMajorArray(), Init.Uniform(5, 7, -0.1, 0.1, seed: 4).ToColumnMajorArray());
    }

    [Fact]
    public void UniformMapsTheGeneratorsDrawsInColumnMajorOrder()
    {
        Matrix<double> m = Init.Uniform(2, 2, -1.0, 3.0, seed: 42);
        var random = new Random(42);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++)
        {
            expected[i] = -1.0 + 4.0 * random.NextDouble();
        }

        Assert.Equal(expected, m.ToColumnMajorArray());
        Assert.All(expected, x => Assert.InRange(x, -1.0, 3.0));
    }

    [Fact]
    public void InPlaceAndFactoryFormsAgreeAndSharingARandomContinuesItsSequence()
    {
        Matrix<double> inPlace = Matrix<double>.Build.Dense(3, 4);
        Init.XavierUniform(inPlace, seed: 9);
        Assert.Equal(Init.XavierUniform(3, 4, seed: 9).ToColumnMajorArray(), inPlace.ToColumnMajorArray());

        Vector<double> v = Vector<double>.Build.Dense(6);
        Init.Normal(v, 1.0, 2.0, new Random(5));
        Assert.Equal(Init.Normal(6, 1.0, 2.0, seed: 5).ToArray(), v.ToArray());

        var shared = new Random(1);
        Vector<double> first = Init.Uniform(3, 0, 1, shared), second = Init.Uniform(3, 0, 1, shared);
        Assert.Equal(Init.Uniform(6, 0, 1, seed: 1).ToArray(), first.Concat(second).ToArray());
    }

    [Fact]
    public void NonDenseStorageGetsTheSameValuesAsDense()
    {
        Matrix<double> sparse = Matrix<double>.Build.Sparse(3, 2);
        Init.Normal(sparse, 0, 1, seed: 2);
        Assert.Equal(Init.Normal(3, 2, 0, 1, seed: 2).ToColumnMajorArray(), sparse.ToColumnMajorArray());
    }

    [Fact]
    public void XavierStaysWithinItsLimitAndNormalHasTheRequestedMoments()
    {
        // fan-in 30, fan-out 20: a = √(6 / 50), σ = √(2 / 50).
        Matrix<double> u = Init.XavierUniform(20, 30, seed: 1);
        double limit = Math.Sqrt(6.0 / 50);
        Assert.All(u.ToColumnMajorArray(), x => Assert.InRange(x, -limit, limit));
        Assert.True(u.ToColumnMajorArray().AsSpan().IndexOfAnyExcept(0.0) >= 0);

        double[] n = Init.XavierNormal(100, 150, seed: 1).ToColumnMajorArray();
        double mean = 0, squares = 0;
        foreach (double x in n)
        {
            mean += x;
            squares += x * x;
        }

        mean /= n.Length;
        double std = Math.Sqrt(squares / n.Length - mean * mean);
        Assert.InRange(mean, -0.003, 0.003);
        Assert.InRange(std, 0.98 * Math.Sqrt(2.0 / 250), 1.02 * Math.Sqrt(2.0 / 250));

        Matrix<double> gained = Init.XavierUniform(20, 30, seed: 1, gain: 2.0);
        Assert.Equal(2 * u[3, 4], gained[3, 4], 15);
    }

    [Fact]
    public void ZerosClearsInPlace()
    {
        Matrix<double> m = Init.Uniform(2, 3, 1, 2, seed: 0);
        Init.Zeros(m);
        Assert.All(m.ToColumnMajorArray(), x => Assert.Equal(0.0, x));
        Vector<double> v = Init.Uniform(4, 1, 2, seed: 0);
        Init.Zeros(v);
        Assert.All(v.ToArray(), x => Assert.Equal(0.0, x));
        Assert.Equal(6, Init.Zeros(2, 3).ToColumnMajorArray().Length);
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        Matrix<double> m = Matrix<double>.Build.Dense(2, 2);
        Assert.Throws<ArgumentException>(() => Init.Uniform(m, 1.0, -1.0, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Uniform(m, double.NaN, 1.0, seed: 0));
        var std = Assert.Throws<ArgumentOutOfRangeException>(() => Init.Normal(m, 0, -1, seed: 0));
        Assert.Contains("standard deviation", std.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Normal(m, 0, double.NaN, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.XavierUniform(m, seed: 0, gain: 0));
        Assert.Throws<ArgumentException>(() => Init.XavierNormal(Matrix<double>.Build.Dense(0, 3), seed: 0));
    }
}
