using System.Globalization;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NlpSymbolic.Benchmarks;

/// <summary>What a <see cref="CeilingFractionColumn"/> shows.</summary>
public enum CeilingFractionMeasure
{
    /// <summary>The method's arithmetic per call: the case's forward FLOPs × <see cref="ForwardFlopsAttribute"/>.</summary>
    Mflop,

    /// <summary>That arithmetic ÷ the median time (a shared machine's load spikes move the mean more).</summary>
    Gflops,

    /// <summary>That rate ÷ the rate of the case's Ceiling benchmark in the same run.</summary>
    FractionOfCeiling,
}

/// <summary>A column of <see cref="CeilingFractionBenchmarks"/>: MFLOP, GFLOP/s or the fraction of the ceiling.</summary>
public sealed class CeilingFractionColumn(CeilingFractionMeasure measure) : IColumn
{
    public string Id => $"{nameof(CeilingFractionColumn)}.{measure}";

    public string ColumnName => measure switch
    {
        CeilingFractionMeasure.Mflop => "MFLOP",
        CeilingFractionMeasure.Gflops => "GFLOP/s",
        _ => "of ceiling",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)measure;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => measure switch
    {
        CeilingFractionMeasure.Mflop => "Matrix–vector arithmetic per call (2 FLOPs per multiply–add; Backward = 3 × forward)",
        CeilingFractionMeasure.Gflops => "MFLOP ÷ median time",
        _ => "GFLOP/s ÷ GFLOP/s of the case's Ceiling (blocked W x on one matrix of its working-set size) in this run",
    };

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var flops = Flops(benchmarkCase);
        if (flops is null)
        {
            return "-";
        }

        if (measure == CeilingFractionMeasure.Mflop)
        {
            return (flops.Value / 1e6).ToString("0.000", CultureInfo.InvariantCulture);
        }

        var rate = Rate(summary, benchmarkCase);
        if (rate is null)
        {
            return "-";
        }

        if (measure == CeilingFractionMeasure.Gflops)
        {
            return rate.Value.ToString("0.0", CultureInfo.InvariantCulture);
        }

        var ceiling = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.WorkloadMethod.Name == nameof(CeilingFractionBenchmarks.Ceiling) &&
            Equals(c.Parameters["Case"], benchmarkCase.Parameters["Case"]));
        var ceilingRate = ceiling is null ? null : Rate(summary, ceiling);
        return ceilingRate is null ? "-" : (rate.Value / ceilingRate.Value).ToString("0.00", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    /// <summary>GFLOP/s: FLOPs per nanosecond of the median time.</summary>
    private static double? Rate(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics?.Median is double median && Flops(benchmarkCase) is double flops ? flops / median : null;

    private static double? Flops(BenchmarkCase benchmarkCase)
    {
        var times = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<ForwardFlopsAttribute>()?.Times;
        return times is null || benchmarkCase.Parameters["Case"] is not CeilingCaseName name
            ? null
            : times.Value * CeilingCase.For(name).ForwardFlops;
    }
}
