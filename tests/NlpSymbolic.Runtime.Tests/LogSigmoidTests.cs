using System;
using NlpSymbolic;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

public class LogSigmoidTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(-2.0)]
    public void MatchesLogOfSigmoidWhereThatIsAccurate(double x) =>
        Assert.Equal(Math.Log(Functions.Sigmoid(x)), Functions.LogSigmoid(x), 12);

    [Fact]
    public void StaysFiniteWhereSigmoidUnderflows()
    {
        Assert.Equal(double.NegativeInfinity, Math.Log(Functions.Sigmoid(-800)));
        Assert.Equal(-800.0, Functions.LogSigmoid(-800), 9);
        Assert.Equal(0.0, Functions.LogSigmoid(800), 12);
    }
}
