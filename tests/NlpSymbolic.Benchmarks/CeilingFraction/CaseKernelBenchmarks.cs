using System;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// Where a <see cref="CeilingFractionBenchmarks"/> case spends its time: the two matrix kernels its generated code
/// calls, through the Workspace as generated code calls them, on every weight shape of the six cases (GRU W and U at
/// 50/100, 100/200, 300/512; the window's W at hidden 100 and 300; the RNN LM's H, W and U). A case's Backward minus
/// the sum of its kernels is its elementwise work and call overhead.
/// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --filter '*CaseKernelBenchmarks*' --job short
/// </summary>
[Config(typeof(GflopsConfig))]
public class CaseKernelBenchmarks
{
    private Matrix<double> _w = null!, _dW = null!;
    private Vector<double> _x = null!, _dx = null!, _dy = null!;

    [Params("100x50", "100x100", "65x100", "200x100", "200x200", "100x250", "300x250", "512x300", "512x512")]
    public string Shape { get; set; } = "100x50";

    [GlobalSetup]
    public void Setup()
    {
        var (rows, columns) = Shapes.Parse(Shape);
        var random = new Random(1);
        _w = Matrix<double>.Build.Dense(rows, columns, Shapes.Uniform(random, rows * columns));
        _dW = Matrix<double>.Build.Dense(rows, columns);
        (_x, _dx) = (Vector<double>.Build.Dense(Shapes.Uniform(random, columns)), Vector<double>.Build.Dense(columns));
        _dy = Vector<double>.Build.Dense(Shapes.Uniform(random, rows)) * 1e-9;
    }

    /// <summary>y = W x into a rented buffer (cleared first), as the forward calls it.</summary>
    [Benchmark, FlopsPerElement(2)]
    public double Multiply()
    {
        var ws = Workspace.Enter();
        try
        {
            return ws.Multiply(_w, _x)[0];
        }
        finally
        {
            ws.Exit();
        }
    }

    /// <summary>dW += dy xᵀ and dx += Wᵀ dy in one sweep, as the Backward calls it for every W x.</summary>
    [Benchmark, FlopsPerElement(4)]
    public void MultiplyAdjoints()
    {
        var ws = Workspace.Enter();
        try
        {
            ws.AccumulateMultiplyAdjoints(_dW, _dx, _w, _x, _dy);
        }
        finally
        {
            ws.Exit();
        }
    }
}
