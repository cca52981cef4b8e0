using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using NlpSymbolic.Training;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// AdaGrad's update over the char-RNN's dense storage (V = 93, hidden 100: 28,793 entries in five parameters, here as
/// one span): the library's one-pass Vector&lt;double&gt; loop against a 512-bit variant of the same pass, to see whether the
/// update is bound by the vector width or by the square root and the division.
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
    public void Library() => AdaGrad.Apply(_w, _g, _s, 1e-12, 1e-8, 0.0);

    [Benchmark, FlopsPerElement(6)]
    public void Vector512Pass() => Apply512(_w, _g, _s, 1e-12, 1e-8, 0.0);

    private static void Apply512(Span<double> w, ReadOnlySpan<double> g, Span<double> s, double lr, double eps, double wd)
    {
        ref double w0 = ref MemoryMarshal.GetReference(w);
        ref double g0 = ref MemoryMarshal.GetReference(g);
        ref double s0 = ref MemoryMarshal.GetReference(s);
        var (vlr, veps, vwd) = (Vector512.Create(lr), Vector512.Create(eps), Vector512.Create(wd));
        int i = 0;
        for (; i + 8 <= w.Length; i += 8)
        {
            var wi = Vector512.LoadUnsafe(ref w0, (nuint)i);
            var gi = Vector512.LoadUnsafe(ref g0, (nuint)i) + vwd * wi;
            var si = Vector512.LoadUnsafe(ref s0, (nuint)i) + gi * gi;
            si.StoreUnsafe(ref s0, (nuint)i);
            (wi - vlr * gi / Vector512.Sqrt(si + veps)).StoreUnsafe(ref w0, (nuint)i);
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
