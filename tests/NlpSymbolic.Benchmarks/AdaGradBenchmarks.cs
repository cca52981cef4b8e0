using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using NlpSymbolic.Training;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// AdaGrad's update over the char-RNN's dense storage (V = 93, hidden 100: 28,793 entries in five parameters, here as
/// one span): the library's one pass (512-bit vectors where the hardware has them) against the Vector&lt;double&gt;
/// (256-bit) pass it used before, the same operations in the same order.
/// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --filter '*AdaGradBenchmarks*'
/// </summary>
[Config(typeof(GflopsConfig))]
public class AdaGradBenchmarks
{
    private double[] _w = [], _g = [], _s = [];

    [Params("1x28793")]
    public string Shape { get; set; } = "1x28793";

    [GlobalSetup]
    public void Setup()
    {
        var (_, n) = Shapes.Parse(Shape);
        var random = new Random(1);
        (_w, _g, _s) = (new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            (_w[i], _g[i], _s[i]) = (random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble());
        }
    }

    /// <summary>Six operations per entry: g + λw (2), s + g² (2), the step's division and square root, w − η·… (2 more, counted as 6 in all).</summary>
    [Benchmark(Baseline = true), FlopsPerElement(6)]
    public void VectorOfDoublePass() => ApplyVectorOfDouble(_w, _g, _s, 1e-12, 1e-8, 0.0);

    [Benchmark, FlopsPerElement(6)]
    public void Library() => AdaGrad.Apply(_w, _g, _s, 1e-12, 1e-8, 0.0);

    private static void ApplyVectorOfDouble(Span<double> w, ReadOnlySpan<double> g, Span<double> s, double lr, double eps, double wd)
    {
        int i = 0;
        Vector<double> vlr = new(lr), veps = new(eps), vwd = new(wd);
        for (; i <= w.Length - Vector<double>.Count; i += Vector<double>.Count)
        {
            Vector<double> wi = new(w.Slice(i));
            Vector<double> gi = new Vector<double>(g.Slice(i)) + vwd * wi;
            Vector<double> si = new Vector<double>(s.Slice(i)) + gi * gi;
            si.CopyTo(s.Slice(i));
            (wi - vlr * gi / Vector.SquareRoot(si + veps)).CopyTo(w.Slice(i));
        }

        for (; i < w.Length; i++)
        {
            double gi = g[i] + wd * w[i];
            double si = s[i] + gi * gi;
            s[i] = si;
            w[i] = w[i] - lr * gi / Math.Sqrt(si + eps);
        }
    }
}
