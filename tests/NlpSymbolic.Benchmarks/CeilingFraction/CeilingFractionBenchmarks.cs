using BenchmarkDotNet.Attributes;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// Issue 13's table: per case, the generated forward (<c>NameValue</c>), the generated Backward, the hand-written
/// Backward on the same kernels, and the ceiling (the blocked <c>W x</c> on one matrix of the case's working-set
/// size; also on the case's own matrices, see <see cref="CeilingCase"/>), with bytes per call, MFLOP, GFLOP/s and
/// the fraction of the ceiling's rate. The Ratio column is each method ÷ the generated forward of its case (so
/// Backward ÷ forward).
/// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --filter '*CeilingFraction*' --job short
/// </summary>
[Config(typeof(CeilingFractionConfig))]
public class CeilingFractionBenchmarks
{
    private CeilingCase _case = null!;

    [ParamsAllValues]
    public CeilingCaseName Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _case = CeilingCase.For(Case);
        _case.Setup();
    }

    [Benchmark(Baseline = true), ForwardFlops(1)]
    public double Forward() => _case.Forward();

    [Benchmark, ForwardFlops(3)]
    public double GeneratedBackward() => _case.GeneratedBackward();

    [Benchmark, ForwardFlops(3)]
    public double HandWrittenBackward() => _case.HandWrittenBackward();

    [Benchmark, ForwardFlops(1)]
    public void Ceiling() => _case.Ceiling();

    [Benchmark, ForwardFlops(1)]
    public void CeilingOwnProducts() => _case.CeilingOwnProducts();
}
