using System;
using BenchmarkDotNet.Attributes;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// The same generic kernels in float32 and float64 (the baseline) on the memory-bound shapes: a GRU cell with input 300
/// and hidden 512 (W is 512 × 812) and a window tagger's hidden layer of 300 over a 250-wide window (W is 300 × 250).
/// The ratio column is float32 time / float64 time: below 1 means float32 is faster.
/// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --filter '*PrecisionBenchmarks*'
/// </summary>
[Config(typeof(GflopsConfig))]
public class PrecisionBenchmarks
{
    private double[] _w = [], _dW = [], _x = [], _dx = [], _y = [], _dy = [];
    private float[] _wf = [], _dWf = [], _xf = [], _dxf = [], _yf = [], _dyf = [];
    private int _rows, _columns;

    [Params("512x812", "300x250")]
    public string Shape { get; set; } = "512x812";

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

        static float[] F(double[] a) => Array.ConvertAll(a, v => (float)v);
        (_wf, _dWf, _xf, _dxf, _yf, _dyf) = (F(_w), F(_dW), F(_x), F(_dx), F(_y), F(_dy));
    }

    [BenchmarkCategory("W x"), Benchmark(Baseline = true), FlopsPerElement(2)]
    public void MultiplyDouble() => MatrixMath.AccumulateMultiply<double>(_y, _w, _rows, _columns, _x);

    [BenchmarkCategory("W x"), Benchmark, FlopsPerElement(2)]
    public void MultiplyFloat() => MatrixMath.AccumulateMultiply<float>(_yf, _wf, _rows, _columns, _xf);

    [BenchmarkCategory("adjoints of W x"), Benchmark(Baseline = true), FlopsPerElement(4)]
    public void AdjointsDouble() => MatrixMath.AccumulateMultiplyAdjoints<double>(_dW, _dx, _w, _rows, _columns, _x, _dy);

    [BenchmarkCategory("adjoints of W x"), Benchmark, FlopsPerElement(4)]
    public void AdjointsFloat() => MatrixMath.AccumulateMultiplyAdjoints<float>(_dWf, _dxf, _wf, _rows, _columns, _xf, _dyf);

    [BenchmarkCategory("tanh′ over W"), Benchmark(Baseline = true), FlopsPerElement(3)]
    public void TanhGradientDouble() => VectorMath.AccumulateTanhGradient<double>(_dW, _w, _w);

    [BenchmarkCategory("tanh′ over W"), Benchmark, FlopsPerElement(3)]
    public void TanhGradientFloat() => VectorMath.AccumulateTanhGradient<float>(_dWf, _wf, _wf);
}
