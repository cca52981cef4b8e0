using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace NlpSymbolic.Benchmarks;

/// <summary>Bytes per call, the median (what the rates use), the three arithmetic columns, and one group (with its own forward baseline) per case.</summary>
public sealed class CeilingFractionConfig : ManualConfig
{
    public CeilingFractionConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(
            StatisticColumn.Median,
            new CeilingFractionColumn(CeilingFractionMeasure.Mflop),
            new CeilingFractionColumn(CeilingFractionMeasure.Gflops),
            new CeilingFractionColumn(CeilingFractionMeasure.FractionOfCeiling));
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByParams);
    }
}
