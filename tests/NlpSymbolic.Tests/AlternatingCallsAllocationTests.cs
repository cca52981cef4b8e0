using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.Models;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// A training step rarely calls one generated method only: a loss's backward alternates with another method (the
/// carried state, a validation loss, a second model). Such calls share this thread's workspace frame; once each
/// method has run once, any order of them must allocate nothing.
/// </summary>
public class AlternatingCallsAllocationTests
{
    private readonly Random _random = new(11);

    [Fact]
    public void TwoMethodsCalledAlternatelyAllocateNothingOnceEachHasRun()
    {
        Func<double>[] methods = [WindowHinge(), SoftmaxLayer()];
        int[] order = [0, 1];
        WarmUp(methods);

        Assert.Equal(0, Measure(() => Repeat(methods, order, 20)));
    }

    [Fact]
    public void ThreeMethodsCalledInTurnAllocateNothingOnceEachHasRun()
    {
        Func<double>[] methods = [WindowHinge(), SoftmaxLayer(), GruReadout()];
        int[] inTurn = [0, 1, 2], irregular = [2, 1, 0, 0, 2];
        WarmUp(methods);

        Assert.Equal(0, Measure(() => Repeat(methods, inTurn, 20)));
        Assert.Equal(0, Measure(() => Repeat(methods, irregular, 20)));
    }

    [Fact]
    public void AnyMixIncludingLoopsOfVaryingLengthAllocatesNothingOnceTheLongestHasRun()
    {
        var (longest, shorter) = (RnnLanguageModel(40), RnnLanguageModel(7));
        Func<double>[] methods = [WindowHinge(), SoftmaxLayer(), GruReadout(), longest, shorter];
        WarmUp(methods);
        var order = Enumerable.Range(0, 200).Select(_ => _random.Next(methods.Length)).ToArray();

        Assert.Equal(0, Measure(() => Repeat(methods, order, 1)));
    }

    private static void WarmUp(Func<double>[] methods)
    {
        foreach (var method in methods)
        {
            method();
        }
    }

    private static void Repeat(Func<double>[] methods, int[] order, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var i in order)
            {
                methods[i]();
            }
        }
    }

    private static long Measure(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private Matrix<double> M(int rows, int columns) => Matrix<double>.Build.Dense(rows, columns, (_, _) => _random.NextDouble() - 0.5);

    private Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => _random.NextDouble() - 0.5);

    private Func<double> WindowHinge()
    {
        var (W, b, u, x, xc) = (M(20, 50), V(20), V(20), V(50), V(50));
        var (dW, db, du, dx, dxc) = (M(20, 50), V(20), V(20), V(50), V(50));
        return () => SteadyStateModels.WindowHingeBackward(W, b, u, x, xc, 1.0, dW, db, du, dx, dxc);
    }

    private Func<double> SoftmaxLayer()
    {
        var (W, b, U, x) = (M(16, 30), V(16), M(10, 16), V(30));
        var (dW, db, dU, dx) = (M(16, 30), V(16), M(10, 16), V(30));
        return () => SteadyStateModels.SoftmaxLayerBackward(W, b, U, x, 7, 1.0, dW, db, dU, dx);
    }

    private Func<double> GruReadout()
    {
        const int input = 20, hidden = 30;
        var (Wz, Uz, Wr, Ur, W, U) = (M(hidden, input), M(hidden, hidden), M(hidden, input), M(hidden, hidden), M(hidden, input), M(hidden, hidden));
        var (x, h, v) = (V(input), V(hidden), V(hidden));
        var (dWz, dUz, dWr, dUr, dW, dU) = (M(hidden, input), M(hidden, hidden), M(hidden, input), M(hidden, hidden), M(hidden, input), M(hidden, hidden));
        var (dx, dh, dv) = (V(input), V(hidden), V(hidden));
        return () => LectureModels.GruReadoutBackward(Wz, Uz, Wr, Ur, W, U, x, h, v, 1.0, dWz, dUz, dWr, dUr, dW, dU, dx, dh, dv);
    }

    private Func<double> RnnLanguageModel(int length)
    {
        const int d = 8, hidden = 12, vocabulary = 15;
        var (L, H, W, b1, U, b2, h0) = (M(d, vocabulary), M(hidden, hidden), M(hidden, d), V(hidden), M(vocabulary, hidden), V(vocabulary), V(hidden));
        var (dL, dH, dW, db1, dU, db2, dh0) = (M(d, vocabulary), M(hidden, hidden), M(hidden, d), V(hidden), M(vocabulary, hidden), V(vocabulary), V(hidden));
        var tokens = Enumerable.Range(0, length).Select(_ => _random.Next(vocabulary)).ToArray();
        return () => SequenceModels.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, dL, dH, dW, db1, dU, db2, dh0);
    }
}
