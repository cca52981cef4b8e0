using System;
using System.Threading;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Enter/Exit discipline, buffer reuse, nesting and per-thread isolation.</summary>
public sealed class WorkspaceFrameTests
{
    [Fact]
    public void SameRentSequenceReusesTheSameBuffers()
    {
        Workspace ws = Workspace.Enter();
        Vector<double> v1 = ws.RentVector(4);
        Matrix<double> m1 = ws.RentMatrix(3, 5);
        ws.Exit();

        Workspace again = Workspace.Enter();
        Assert.Same(ws, again);
        Vector<double> v2 = again.RentVector(4);
        Matrix<double> m2 = again.RentMatrix(3, 5);
        Vector<double> other = again.RentVector(6);
        again.Exit();

        Assert.Same(v1, v2);
        Assert.Same(m1, m2);
        Assert.Equal(6, other.Count);
    }

    [Fact]
    public void ADifferentShapeReplacesTheSlot()
    {
        Workspace ws = Workspace.Enter();
        Matrix<double> m1 = ws.RentMatrix(3, 5);
        ws.Exit();

        ws = Workspace.Enter();
        Matrix<double> m2 = ws.RentMatrix(5, 3);
        Vector<double> v = ws.RentVector(15);
        ws.Exit();

        Assert.NotSame(m1, m2);
        Assert.Equal(5, m2.RowCount);
        Assert.Equal(3, m2.ColumnCount);
        Assert.Equal(15, v.Count);
    }

    [Fact]
    public void ZerosLikeClearsAReusedBuffer()
    {
        var data = new TestData(5);
        Vector<double> shape = data.Vector(4);
        Matrix<double> mShape = data.Matrix(2, 3);
        Workspace ws = Workspace.Enter();
        ws.RentVector(4).SetValues(new double[] { 1, 2, 3, 4 });
        ws.RentMatrix(2, 3).Clear();
        ws.Exit();

        ws = Workspace.Enter();
        try
        {
            Vector<double> z = ws.ZerosLike(shape);
            Matrix<double> zm = ws.ZerosLike(mShape);
            Assert.All(z.ToArray(), e => Assert.Equal(0.0, e));
            Assert.All(zm.ToColumnMajorArray(), e => Assert.Equal(0.0, e));
            Assert.Equal(2, zm.RowCount);
            Assert.Equal(3, zm.ColumnCount);
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void NestedFramesHandOutDistinctBuffers()
    {
        var data = new TestData(6);
        Vector<double> a = data.Vector(5), b = data.Vector(5);
        Workspace outer = Workspace.Enter();
        Vector<double> outerSum = outer.Add(a, b);
        Workspace inner = Workspace.Enter();
        Assert.NotSame(outer, inner);
        Vector<double> innerDifference = inner.Subtract(a, b);
        Vector<double> innerRent = inner.RentVector(5);
        innerRent.Clear();
        inner.Exit();

        Assert.NotSame(outerSum, innerDifference);
        Assert.NotSame(outerSum, innerRent);
        // The outer result survives the inner frame's whole lifetime.
        Near.Equal(a + b, outerSum);
        Vector<double> outerNext = outer.Negate(a);
        Assert.NotSame(outerSum, outerNext);
        outer.Exit();
    }

    [Fact]
    public void ExitingOutOfOrderThrows()
    {
        Workspace outer = Workspace.Enter();
        Workspace inner = Workspace.Enter();
        var ex = Assert.Throws<InvalidOperationException>(() => outer.Exit());
        Assert.Contains("innermost", ex.Message);
        inner.Exit();
        outer.Exit();

        // A second Exit of the same frame is also out of order.
        Assert.Throws<InvalidOperationException>(() => outer.Exit());
    }

    [Fact]
    public void UsingAFrameAfterExitThrows()
    {
        Workspace ws = Workspace.Enter();
        ws.Exit();
        Assert.Throws<InvalidOperationException>(() => ws.RentVector(3));
    }

    [Fact]
    public void ExitOnAnotherThreadThrows()
    {
        Workspace ws = Workspace.Enter();
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try
            {
                ws.Exit();
            }
            catch (Exception e)
            {
                caught = e;
            }
        });
        thread.Start();
        thread.Join();
        ws.Exit();
        Assert.IsType<InvalidOperationException>(caught);
    }

    [Fact]
    public void ConcurrentThreadsComputeIndependently()
    {
        const int threads = 4, iterations = 3000;
        var failures = new string?[threads];
        var workers = new Thread[threads];
        // The barrier makes the workers' frames genuinely overlap in time.
        using var start = new Barrier(threads);
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    failures[id] = RunWorker(id, iterations);
                }
                catch (Exception e)
                {
                    failures[id] = $"thread {id}: {e.GetType().Name}: {e.Message}";
                }
            });
            workers[t].Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        Assert.All(failures, f => Assert.Null(f));
    }

    private static string? RunWorker(int id, int iterations)
    {
        var data = new TestData(1000 + id);
        // Different shapes per thread make any cross-thread buffer sharing show up as wrong values.
        int rows = 3 + id, columns = 5 + 2 * id;
        Matrix<double> w = data.Matrix(rows, columns);
        Vector<double> x = data.Vector(columns), dz = data.Vector(rows);
        Vector<double> expectedY = Functions.Sigmoid(w * x);
        Matrix<double> dw = Matrix<double>.Build.Dense(rows, columns);
        for (int k = 0; k < iterations; k++)
        {
            Workspace ws = Workspace.Enter();
            try
            {
                Vector<double> y = ws.Sigmoid(ws.Multiply(w, x));
                Workspace nested = Workspace.Enter();
                try
                {
                    nested.AccumulateOuter(dw, dz, x);
                }
                finally
                {
                    nested.Exit();
                }

                for (int i = 0; i < rows; i++)
                {
                    if (Math.Abs(y[i] - expectedY[i]) > 1e-12)
                    {
                        return $"thread {id}, iteration {k}: y[{i}] = {y[i]}, expected {expectedY[i]}";
                    }
                }
            }
            finally
            {
                ws.Exit();
            }
        }

        Matrix<double> expectedDw = iterations * dz.OuterProduct(x);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                if (Math.Abs(dw[i, j] - expectedDw[i, j]) > 1e-9)
                {
                    return $"thread {id}: dw[{i},{j}] = {dw[i, j]}, expected {expectedDw[i, j]}";
                }
            }
        }

        return null;
    }
}
