using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// This machine's ceiling for one example's working set: TensorPrimitives dot and axpy over arrays as long as a
/// weight matrix (the rates per-column kernels can reach at best), and the blocked matrix–vector product, in GFLOP/s.
/// A model's generated Backward is then reported as a fraction of the best of these at its shapes.
/// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --filter '*CeilingBenchmarks*'
/// </summary>
[Config(typeof(GflopsConfig))]
public class CeilingBenchmarks
{
    private double[] _a = [], _b = [], _x = [], _y = [];
    private int _rows, _columns;

    [Params("100x150", "200x300", "512x812")]
    public string Shape { get; set; } = "100x150";

    [GlobalSetup]
    public void Setup()
    {
        (_rows, _columns) = Shapes.Parse(Shape);
        var random = new Random(1);
        double[] Random(int n) => Shapes.Uniform(random, n);

        (_a, _b, _x, _y) = (Random(_rows * _columns), Random(_rows * _columns), Random(_columns), Random(_rows));
    }

    [Benchmark, FlopsPerElement(2)]
    public double Dot() => TensorPrimitives.Dot(_a, _b);

    /// <summary>b += 1e-9 a: grows b by a negligible amount per call, so it never overflows.</summary>
    [Benchmark, FlopsPerElement(2)]
    public void Axpy() => TensorPrimitives.MultiplyAdd(_a, 1e-9, _b, _b);

    [Benchmark, FlopsPerElement(2)]
    public void BlockedMultiply() => BlockedMatrixVector.AccumulateMultiply(_y, _a, _rows, _columns, _x);

    [Benchmark, FlopsPerElement(2)]
    public void BlockedTransposeMultiply() => BlockedMatrixVector.AccumulateTransposeThisAndMultiply(_x, _a, _rows, _columns, _y);
}
