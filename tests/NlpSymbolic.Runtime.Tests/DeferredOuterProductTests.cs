using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>
/// Deferred rank-one updates (what generated code calls for a weight matrix used at every step of a loop): queued
/// updates are added as one product, by CompleteDeferred or by Exit at the latest, and equal the immediate kernels.
/// </summary>
public sealed class DeferredOuterProductTests
{
    private readonly TestData _data = new(31);

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9, 5, 3)]
    [InlineData(100, 50, 25)]
    [InlineData(65, 100, 70)] // more updates than a panel holds: the full panel is added and refilled
    [InlineData(13, 7, 32)]
    [InlineData(13, 7, 33)]
    public void QueuedUpdatesAddWhatTheImmediateKernelsAdd(int rows, int cols, int steps)
    {
        Matrix<double> w = _data.Matrix(rows, cols);
        Matrix<double> start = _data.Matrix(rows, cols);
        var (dW, dWImmediate) = (start.Clone(), start.Clone());
        var (dx, dxImmediate) = (_data.Vector(cols), Vector<double>.Build.Dense(cols));
        dx.CopyTo(dxImmediate);
        var xs = new Vector<double>[steps];
        var dys = new Vector<double>[steps];
        for (int t = 0; t < steps; t++)
        {
            (xs[t], dys[t]) = (_data.Vector(cols), _data.Vector(rows));
        }

        Frame.Run(ws =>
        {
            for (int t = 0; t < steps; t++)
            {
                ws.AccumulateMultiplyAdjoints(dWImmediate, dxImmediate, w, xs[t], dys[t]);
                ws.AccumulateMultiplyAdjointsDeferred(dW, dx, w, xs[t], dys[t]);
            }

            // dx is added at once: the reverse sweep reads it at the next step.
            Near.Equal(dxImmediate, dx, 1e-12);
        });

        Near.Equal(dWImmediate, dW, 1e-12);
    }

    [Fact]
    public void NothingIsAddedBeforeCompleteDeferredAndEverythingAfter()
    {
        var (dW, u, v) = (Matrix<double>.Build.Dense(4, 3), _data.Vector(4), _data.Vector(3));
        Frame.Run(ws =>
        {
            ws.AccumulateOuterDeferred(dW, u, v);
            ws.AccumulateOuterDeferred(dW, u * 2, v);
            Assert.Equal(0.0, dW.FrobeniusNorm());
            Assert.Equal(2, ws.DeferredUpdateCount);
            ws.CompleteDeferred();
            Assert.Equal(0, ws.DeferredUpdateCount);
            Near.Equal(u.OuterProduct(v) * 3, dW, 1e-14);
        });
    }

    [Fact]
    public void ExitAddsWhatIsStillQueued()
    {
        var (dW, u, v) = (Matrix<double>.Build.Dense(4, 3), _data.Vector(4), _data.Vector(3));
        Frame.Run(ws => ws.AccumulateOuterDeferred(dW, u, v));
        Near.Equal(u.OuterProduct(v), dW, 1e-14);
    }

    [Fact]
    public void TheQueuedVectorsAreCopiesSoTheirBuffersMayChangeAfterwards()
    {
        var (dW, u, v) = (Matrix<double>.Build.Dense(5, 2), _data.Vector(5), _data.Vector(2));
        Matrix<double> expected = u.OuterProduct(v);
        Frame.Run(ws =>
        {
            ws.AccumulateOuterDeferred(dW, u, v);
            u.Clear();
            v.Clear();
        });

        Near.Equal(expected, dW, 1e-14);
    }

    [Fact]
    public void EachDestinationGetsItsOwnUpdatesAndNullSkipsOne()
    {
        var (w, x, dy) = (_data.Matrix(6, 4), _data.Vector(4), _data.Vector(6));
        var (dA, dB, dx) = (Matrix<double>.Build.Dense(6, 4), Matrix<double>.Build.Dense(6, 4), Vector<double>.Build.Dense(4));
        Frame.Run(ws =>
        {
            ws.AccumulateMultiplyAdjointsDeferred(dA, null, w, x, dy);
            ws.AccumulateMultiplyAdjointsDeferred(dB, dx, w, x, dy * 2);
            ws.AccumulateMultiplyAdjointsDeferred(dA, null, w, x, dy);
            ws.AccumulateMultiplyAdjointsDeferred(null, null, w, x, dy);
        });

        Near.Equal(dy.OuterProduct(x) * 2, dA, 1e-14);
        Near.Equal(dy.OuterProduct(x) * 2, dB, 1e-14);
        Near.Equal(w.TransposeThisAndMultiply(dy * 2), dx, 1e-14);
    }

    [Fact]
    public void AnUpdateIntoNonDenseStorageIsWrittenBack()
    {
        Matrix<double> dW = Matrix<double>.Build.Sparse(3, 2);
        var (u, v) = (_data.Vector(3), _data.Vector(2));
        Frame.Run(ws => ws.AccumulateOuterDeferred(dW, u, v));
        Near.Equal(u.OuterProduct(v), dW, 1e-14);
    }

    [Fact]
    public void WrongShapesAreNamed()
    {
        var (w, x, dy) = (_data.Matrix(3, 4), _data.Vector(4), _data.Vector(3));
        ArgumentException outer = Assert.ThrowsAny<ArgumentException>(() => Frame.Run(ws => ws.AccumulateOuterDeferred(_data.Matrix(3, 3), dy, x)));
        ArgumentException adjoints = Assert.ThrowsAny<ArgumentException>(() => Frame.Run(ws => ws.AccumulateMultiplyAdjointsDeferred(_data.Matrix(4, 3), null, w, x, dy)));

        Assert.StartsWith("AccumulateOuterDeferred (dst += u vᵀ): the destination is 3×3 but u has length 3 and v has length 4.", outer.Message);
        Assert.StartsWith("AccumulateMultiplyAdjointsDeferred (adjoints of y = W x): dW is 4×3 but W is 3×4", adjoints.Message);
    }

    [Fact]
    public void AWarmFrameQueuesAndAddsWithoutAllocating()
    {
        var (w, dW, dx) = (_data.Matrix(50, 30), Matrix<double>.Build.Dense(50, 30), Vector<double>.Build.Dense(30));
        var (x, dy) = (_data.Vector(30), _data.Vector(50));
        void Step()
        {
            Workspace ws = Workspace.Enter();
            try
            {
                for (int t = 0; t < 40; t++)
                {
                    ws.AccumulateMultiplyAdjointsDeferred(dW, dx, w, x, dy);
                }
            }
            finally
            {
                ws.Exit();
            }
        }

        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void AFrameThatDefersAGradientQueuesTheImmediateKernelsOfFramesEnteredInsideIt()
    {
        var (w, x, dy) = (_data.Matrix(6, 4), _data.Vector(4), _data.Vector(6));
        var (dW, other, dx) = (Matrix<double>.Build.Dense(6, 4), Matrix<double>.Build.Dense(6, 4), Vector<double>.Build.Dense(4));
        Workspace outer = Workspace.Enter();
        try
        {
            outer.DeferUpdatesOf(dW);
            for (int example = 0; example < 3; example++)
            {
                // What a generated Backward does inside the shard's frame.
                Frame.Run(ws =>
                {
                    ws.AccumulateMultiplyAdjoints(dW, dx, w, x, dy);
                    ws.AccumulateOuter(dW, dy, x);
                    ws.AccumulateMultiplyAdjoints(other, null, w, x, dy);
                });
            }

            Assert.Equal(0.0, dW.FrobeniusNorm());
            Assert.Equal(6, outer.DeferredUpdateCount);
            Near.Equal(dy.OuterProduct(x) * 3, other, 1e-14);
            Near.Equal(w.TransposeThisAndMultiply(dy) * 3, dx, 1e-14);
        }
        finally
        {
            outer.Exit();
        }

        Near.Equal(dy.OuterProduct(x) * 6, dW, 1e-13);

        // The frame is gone: the same matrix is updated at once again.
        Frame.Run(ws => ws.AccumulateOuter(dW, dy, x));
        Near.Equal(dy.OuterProduct(x) * 7, dW, 1e-13);
    }

    [Fact]
    public void DeferringAGradientNeedsAnEnteredFrame()
    {
        Workspace ws = Workspace.Enter();
        ws.Exit();
        Assert.Throws<InvalidOperationException>(() => ws.DeferUpdatesOf(Matrix<double>.Build.Dense(2, 2)));
        Assert.Throws<ArgumentNullException>(() => Frame.Run(frame => frame.DeferUpdatesOf(null!)));
    }
}
