using BenchmarkDotNet.Configs;

namespace NlpSymbolic.Benchmarks;

/// <summary>The default columns plus GFLOP/s; benchmarks grouped by category so each kernel has its own baseline.</summary>
public sealed class GflopsConfig : ManualConfig
{
    public GflopsConfig()
    {
        AddColumn(new GflopsColumn());
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
    }
}
