using System;
using System.Linq;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Benchmarks;

/// <summary>The window classifier (5 words × d = 50 → hidden 100 → 5 classes), per example and per minibatch.</summary>
public static partial class MinibatchModels
{
    [Differentiable]
    public static double WindowLoss(Matrix<double> W, Vector<double> b, Matrix<double> U, Vector<double> c, Vector<double> x, int label)
    {
        var h = Tanh(W * x + b);
        return CrossEntropy(U * h + c, label);
    }

    [Differentiable]
    public static double WindowBatchLoss(Matrix<double> W, Vector<double> b, Matrix<double> U, Vector<double> c, Matrix<double> X, int[] labels)
    {
        var H = Tanh(AddColumnwise(W * X, b));
        return CrossEntropy(AddColumnwise(U * H, c), labels);
    }
}

/// <summary>
/// One minibatch of 32 windows as a 250 × 32 matrix against 32 single-window backward calls: same model, same
/// gradients (checked in the setup), times per example (OperationsPerInvoke = 32).
/// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --filter '*MinibatchBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class MinibatchBenchmarks
{
    private const int Batch = 32, Inputs = 250, Hidden = 100, Classes = 5;

    private Matrix<double> W = null!, U = null!, X = null!, dW = null!, dU = null!, dX = null!;
    private Vector<double> b = null!, c = null!, db = null!, dc = null!;
    private Vector<double>[] columns = null!, dColumns = null!;
    private int[] labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        Matrix<double> M(int r, int k, double scale) => Matrix<double>.Build.Dense(r, k, (_, _) => scale * (random.NextDouble() - 0.5));
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => 0.1 * (random.NextDouble() - 0.5));
        (W, U, X) = (M(Hidden, Inputs, 0.2), M(Classes, Hidden, 0.4), M(Inputs, Batch, 0.2));
        (b, c) = (V(Hidden), V(Classes));
        (dW, dU, dX, db, dc) = (M(Hidden, Inputs, 0), M(Classes, Hidden, 0), M(Inputs, Batch, 0), V(Hidden) * 0, V(Classes) * 0);
        labels = Enumerable.Range(0, Batch).Select(_ => random.Next(Classes)).ToArray();
        columns = Enumerable.Range(0, Batch).Select(j => X.Column(j)).ToArray();
        dColumns = Enumerable.Range(0, Batch).Select(_ => Vector<double>.Build.Dense(Inputs)).ToArray();
        CheckSameGradients();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public double SingleWindowCalls()
    {
        var loss = 0.0;
        for (var j = 0; j < Batch; j++)
        {
            loss += MinibatchModels.WindowLossBackward(W, b, U, c, columns[j], labels[j], 1.0, dW, db, dU, dc, dColumns[j]);
        }

        return loss;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double OneMinibatch() => MinibatchModels.WindowBatchLossBackward(W, b, U, c, X, labels, 1.0, dW, db, dU, dc, dX);

    // A benchmark of a wrong gradient would be meaningless: the batch must give the sum of the per-example gradients.
    private void CheckSameGradients()
    {
        dW.Clear();
        db.Clear();
        var single = SingleWindowCalls();
        var (sW, sb) = (dW.Clone(), db.Clone());
        dW.Clear();
        db.Clear();
        var batch = OneMinibatch();
        if (Math.Abs(single - batch) > 1e-9 * Math.Abs(single) || (sW - dW).InfinityNorm() > 1e-10 || (sb - db).InfinityNorm() > 1e-10)
        {
            throw new InvalidOperationException("The minibatch and the single-window calls give different losses or gradients.");
        }
    }
}

/// <summary>
/// The minibatch products (W X, dY Xᵀ, Wᵀ dY at 100 × 250 · 250 × 32) in the runtime's kernels, in the plain
/// TensorPrimitives column loops the runtime used before its register-blocked kernel, and in MathNet's managed
/// provider (which allocates and may use several threads).
/// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --filter '*MatrixProductBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class MatrixProductBenchmarks
{
    private Matrix<double> W = null!, X = null!, Y = null!, dY = null!, dW = null!, dX = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        Matrix<double> M(int r, int k) => Matrix<double>.Build.Dense(r, k, (_, _) => random.NextDouble() - 0.5);
        (W, X, Y, dY, dW, dX) = (M(100, 250), M(250, 32), M(100, 32), M(100, 32), M(100, 250), M(250, 32));
    }

    [Benchmark]
    public void RuntimeTimes()
    {
        var ws = Workspace.Enter();
        try
        {
            ws.Multiply(W, X);
        }
        finally
        {
            ws.Exit();
        }
    }

    [Benchmark]
    public void ColumnLoopsTimes()
    {
        var r = Y.AsColumnMajorArray();
        Array.Clear(r);
        ColumnLoops.AccumulateProduct(r, W.AsColumnMajorArray(), 100, 250, X.AsColumnMajorArray(), 32);
    }

    [Benchmark]
    public void MathNetTimes() => W.Multiply(X, Y);

    [Benchmark]
    public void RuntimeTimesTranspose()
    {
        var ws = Workspace.Enter();
        try
        {
            ws.AccumulateTransposeAndMultiply(dW, dY, X);
        }
        finally
        {
            ws.Exit();
        }
    }

    [Benchmark]
    public void ColumnLoopsTimesTranspose() =>
        ColumnLoops.AccumulateTransposeAndMultiply(dW.AsColumnMajorArray(), dY.AsColumnMajorArray(), 100, 32, X.AsColumnMajorArray(), 250);

    [Benchmark]
    public void MathNetTimesTranspose() => dY.TransposeAndMultiply(X, dW);

    [Benchmark]
    public void RuntimeTransposeTimes()
    {
        var ws = Workspace.Enter();
        try
        {
            ws.AccumulateTransposeThisAndMultiply(dX, W, dY);
        }
        finally
        {
            ws.Exit();
        }
    }

    [Benchmark]
    public void ColumnLoopsTransposeTimes() =>
        ColumnLoops.AccumulateTransposeThisAndMultiply(dX.AsColumnMajorArray(), W.AsColumnMajorArray(), 100, 250, dY.AsColumnMajorArray(), 32);

    [Benchmark]
    public void MathNetTransposeTimes() => W.TransposeThisAndMultiply(dY, dX);

    /// <summary>The runtime's products before the blocked kernel: one TensorPrimitives call per column pair.</summary>
    private static class ColumnLoops
    {
        public static void AccumulateProduct(Span<double> c, ReadOnlySpan<double> a, int rows, int inner, ReadOnlySpan<double> b, int cols)
        {
            for (var j = 0; j < cols; j++)
            {
                var cj = c.Slice(j * rows, rows);
                var bj = b.Slice(j * inner, inner);
                for (var p = 0; p < inner; p++)
                {
                    TensorPrimitives.MultiplyAdd(a.Slice(p * rows, rows), bj[p], cj, cj);
                }
            }
        }

        public static void AccumulateTransposeAndMultiply(Span<double> d, ReadOnlySpan<double> c, int rows, int inner, ReadOnlySpan<double> b, int cols)
        {
            for (var j = 0; j < cols; j++)
            {
                var dj = d.Slice(j * rows, rows);
                for (var p = 0; p < inner; p++)
                {
                    TensorPrimitives.MultiplyAdd(c.Slice(p * rows, rows), b[j + p * cols], dj, dj);
                }
            }
        }

        public static void AccumulateTransposeThisAndMultiply(Span<double> d, ReadOnlySpan<double> a, int inner, int rows, ReadOnlySpan<double> c, int cols)
        {
            for (var j = 0; j < cols; j++)
            {
                var cj = c.Slice(j * inner, inner);
                for (var i = 0; i < rows; i++)
                {
                    d[i + j * rows] += TensorPrimitives.Dot(a.Slice(i * inner, inner), cj);
                }
            }
        }
    }
}
