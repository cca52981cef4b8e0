using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.Models;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// A training step calls the same backward over and over; once its workspace buffers exist, a call must
/// allocate nothing. Allocation counts are deterministic, so this belongs in unit tests (timings do not).
/// </summary>
public class SteadyStateAllocationTests
{
    [Fact]
    public void WindowHingeBackwardAllocatesNothingOnceWarm()
    {
        var random = new Random(3);
        Matrix<double> M(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() - 0.5);
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);
        var (W, b, u, x, xc) = (M(20, 50), V(20), V(20), V(50), V(50));
        var (dW, db, du, dx, dxc) = (M(20, 50), V(20), V(20), V(50), V(50));

        long Step() => Measure(() => SteadyStateModels.WindowHingeBackward(W, b, u, x, xc, 1.0, dW, db, du, dx, dxc));

        for (var i = 0; i < 50; i++)
        {
            Step();
        }

        Assert.Equal(0, Step());
    }

    [Fact]
    public void SoftmaxLayerBackwardAllocatesNothingOnceWarm()
    {
        var random = new Random(4);
        Matrix<double> M(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() - 0.5);
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);
        var (W, b, U, x) = (M(16, 30), V(16), M(10, 16), V(30));
        var (dW, db, dU, dx) = (M(16, 30), V(16), M(10, 16), V(30));

        long Step() => Measure(() => SteadyStateModels.SoftmaxLayerBackward(W, b, U, x, 7, 1.0, dW, db, dU, dx));

        for (var i = 0; i < 50; i++)
        {
            Step();
        }

        Assert.Equal(0, Step());
    }

    private static long Measure(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
