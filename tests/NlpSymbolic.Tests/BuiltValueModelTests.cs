using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using NlpSymbolic.Tests.Models;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// The models that build values inside the method (attention over computed states, CBOW, a bidirectional RNN
/// tagger, an LSTM with stacked gates, max-over-time pooling) against central differences on several seeds,
/// and a warmed-up call of the attention model allocating nothing.
/// </summary>
public class BuiltValueModelTests
{
    public static IEnumerable<object[]> Models => GradientChecker.MethodsOf(typeof(BuiltValueModels));

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedGradientPassesTheGradientCheck(string name)
    {
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            GradientChecker.Check(typeof(BuiltValueModels), name, seed);
        }
    }

    /// <summary>Arrays, zeros and stacked matrices are rented from the workspace like every other intermediate.</summary>
    [Fact]
    public void AttentionBackwardAllocatesNothingOnceWarm()
    {
        var random = new Random(5);
        Matrix<double> M(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() - 0.5);
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);
        var (L, H, W, b, h0, q, U) = (M(3, 5), M(4, 4), M(4, 3), V(4), V(4), V(4), M(2, 8));
        var (dL, dH, dW, db, dh0, dq, dU) = (M(3, 5), M(4, 4), M(4, 3), V(4), V(4), V(4), M(2, 8));
        int[] tokens = [2, 0, 4, 2, 1, 3, 3];

        long Step() => Measure(() => BuiltValueModels.AttentionLossBackward(L, H, W, b, h0, q, U, tokens, 1, 1.0, dL, dH, dW, db, dh0, dq, dU));

        for (var i = 0; i < 50; i++)
        {
            Step();
        }

        Assert.Equal(0, Step());
    }

    [Fact]
    public void BidirectionalTaggerBackwardAllocatesNothingOnceWarm()
    {
        var random = new Random(6);
        Matrix<double> M(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() - 0.5);
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);
        var inputs = new object[] { M(3, 5), M(4, 3), M(4, 4), V(4), M(4, 3), M(4, 4), V(4), M(3, 8), V(3), V(4) };
        var gradients = inputs.Select(i => Inputs.ZerosLike(i)).ToArray();
        int[] tokens = [1, 3, 3, 0, 4, 2];
        int[] tags = [0, 2, 1, 1, 0, 2];

        long Step() => Measure(() => BuiltValueModels.BidirectionalTaggerLossBackward(
            (Matrix<double>)inputs[0], (Matrix<double>)inputs[1], (Matrix<double>)inputs[2], (Vector<double>)inputs[3],
            (Matrix<double>)inputs[4], (Matrix<double>)inputs[5], (Vector<double>)inputs[6], (Matrix<double>)inputs[7],
            (Vector<double>)inputs[8], (Vector<double>)inputs[9], tokens, tags, 1.0,
            (Matrix<double>)gradients[0], (Matrix<double>)gradients[1], (Matrix<double>)gradients[2], (Vector<double>)gradients[3],
            (Matrix<double>)gradients[4], (Matrix<double>)gradients[5], (Vector<double>)gradients[6], (Matrix<double>)gradients[7],
            (Vector<double>)gradients[8], (Vector<double>)gradients[9]));

        for (var i = 0; i < 50; i++)
        {
            Step();
        }

        Assert.Equal(0, Step());
    }

    /// <summary>A read of an element no statement wrote is a clear exception, not a null deep inside a kernel.</summary>
    [Fact]
    public void ReadingAnElementBeforeItIsWrittenThrowsNamingTheElement()
    {
        var v = Vector<double>.Build.Dense(3, 0.5);
        var exception = Assert.Throws<InvalidOperationException>(() => BuiltValueMisuse.ReadsAheadBackward(v, 2, 1.0, Vector<double>.Build.Dense(3)));
        Assert.Contains("'hs[1]' was read before it was written", exception.Message);
    }

    /// <summary>An element overwritten by a vector of another length is refused loudly, never a silent wrong gradient.</summary>
    [Fact]
    public void OverwritingAnElementWithAnotherLengthThrows()
    {
        var v = Vector<double>.Build.Dense(3, 0.5);
        var exception = Assert.Throws<ArgumentException>(() => BuiltValueMisuse.OverwritesWithAnotherLengthBackward(v, 1.0, Vector<double>.Build.Dense(3)));
        Assert.Contains("length", exception.Message);
    }

    private static long Measure(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
