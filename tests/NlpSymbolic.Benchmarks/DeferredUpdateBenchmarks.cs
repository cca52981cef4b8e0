using System;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// The adjoints of y = W x at every step of a loop, the RNN's reverse sweep: one sweep over W and dW per step
/// (AccumulateMultiplyAdjoints), against dx += Wᵀ dy per step with the steps' dW += dy xᵀ queued and added as
/// one product (AccumulateMultiplyAdjointsDeferred, what generated code calls inside loops). Shapes: the RNN LM's
/// U (500×100) and H (100×100), the window's W (100×250); 2 steps is the window's two uses of W, 25 a chunk.
/// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --filter '*DeferredUpdateBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class DeferredUpdateBenchmarks
{
    private Matrix<double> _w = null!, _dW = null!;
    private Vector<double>[] _xs = [], _dys = [];
    private Vector<double> _dx = null!;

    [Params("500x100", "100x100", "100x250")]
    public string Shape { get; set; } = "500x100";

    [Params(2, 25)]
    public int Steps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (rows, columns) = Shapes.Parse(Shape);
        var random = new Random(3);
        _w = Matrix<double>.Build.Dense(rows, columns, Shapes.Uniform(random, rows * columns));
        _dW = Matrix<double>.Build.Dense(rows, columns);
        _dx = Vector<double>.Build.Dense(columns);
        _xs = new Vector<double>[Steps];
        _dys = new Vector<double>[Steps];
        for (var t = 0; t < Steps; t++)
        {
            _xs[t] = Vector<double>.Build.Dense(Shapes.Uniform(random, columns));
            _dys[t] = Vector<double>.Build.Dense(Shapes.Uniform(random, rows));
        }
    }

    [Benchmark(Baseline = true)]
    public void EachStep()
    {
        var ws = Workspace.Enter();
        try
        {
            for (var t = 0; t < _xs.Length; t++)
            {
                ws.AccumulateMultiplyAdjoints(_dW, _dx, _w, _xs[t], _dys[t]);
            }
        }
        finally
        {
            ws.Exit();
        }
    }

    [Benchmark]
    public void Deferred()
    {
        var ws = Workspace.Enter();
        try
        {
            for (var t = 0; t < _xs.Length; t++)
            {
                ws.AccumulateMultiplyAdjointsDeferred(_dW, _dx, _w, _xs[t], _dys[t]);
            }
        }
        finally
        {
            ws.Exit();
        }
    }
}
