using System;
using BenchmarkDotNet.Attributes;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// The blocked matrix–vector kernels against the column-at-a-time loops they replace, on GRU-like weight shapes
/// (hidden × (input + hidden)); each category's baseline is the loop. The adjoints of y = W x: the two loops, the
/// two blocked kernels one after the other, and the fused sweep.
/// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --filter '*MatrixVectorBenchmarks*'
/// </summary>
[Config(typeof(GflopsConfig))]
public class MatrixVectorBenchmarks
{
    private double[] _w = [], _dW = [], _x = [], _dx = [], _y = [], _dy = [];
    private int _rows, _columns;

    [Params("100x150", "200x300", "512x812")]
    public string Shape { get; set; } = "100x150";

    [GlobalSetup]
    public void Setup()
    {
        (_rows, _columns) = Shapes.Parse(Shape);
        var random = new Random(1);
        double[] Random(int n) => Shapes.Uniform(random, n);

        (_w, _dW) = (Random(_rows * _columns), new double[_rows * _columns]);
        (_x, _dx, _y, _dy) = (Random(_columns), new double[_columns], new double[_rows], Random(_rows));
        for (var i = 0; i < _dy.Length; i++)
        {
            _dy[i] *= 1e-9;
        }
    }

    [BenchmarkCategory("W x"), Benchmark(Baseline = true), FlopsPerElement(2)]
    public void MultiplyByColumns() => MatrixMath.AccumulateMultiplyByColumns(_y, _w, _rows, _columns, _x);

    [BenchmarkCategory("W x"), Benchmark, FlopsPerElement(2)]
    public void MultiplyBlocked() => BlockedMatrixVector.AccumulateMultiply(_y, _w, _rows, _columns, _x);

    [BenchmarkCategory("Wᵀ dy"), Benchmark(Baseline = true), FlopsPerElement(2)]
    public void TransposeMultiplyByColumns() => MatrixMath.AccumulateTransposeThisAndMultiplyByColumns(_dx, _w, _rows, _columns, _dy);

    [BenchmarkCategory("Wᵀ dy"), Benchmark, FlopsPerElement(2)]
    public void TransposeMultiplyBlocked() => BlockedMatrixVector.AccumulateTransposeThisAndMultiply(_dx, _w, _rows, _columns, _dy);

    [BenchmarkCategory("dy xᵀ"), Benchmark(Baseline = true), FlopsPerElement(2)]
    public void OuterByColumns() => MatrixMath.AccumulateOuterByColumns(_dW, _dy, _x);

    [BenchmarkCategory("dy xᵀ"), Benchmark, FlopsPerElement(2)]
    public void OuterBlocked() => BlockedMatrixVector.AccumulateOuter(_dW, _dy, _x);

    [BenchmarkCategory("adjoints of W x"), Benchmark(Baseline = true), FlopsPerElement(4)]
    public void AdjointsByColumns()
    {
        MatrixMath.AccumulateTransposeThisAndMultiplyByColumns(_dx, _w, _rows, _columns, _dy);
        MatrixMath.AccumulateOuterByColumns(_dW, _dy, _x);
    }

    [BenchmarkCategory("adjoints of W x"), Benchmark, FlopsPerElement(4)]
    public void AdjointsBlockedApart()
    {
        BlockedMatrixVector.AccumulateTransposeThisAndMultiply(_dx, _w, _rows, _columns, _dy);
        BlockedMatrixVector.AccumulateOuter(_dW, _dy, _x);
    }

    [BenchmarkCategory("adjoints of W x"), Benchmark, FlopsPerElement(4)]
    public void AdjointsFused() => BlockedMatrixVector.AccumulateMultiplyAdjoints(_dW, _dx, _w, _rows, _columns, _x, _dy);
}
