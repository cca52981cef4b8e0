using System;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NlpSymbolic.Benchmarks;

/// <summary>Floating-point operations per element of the benchmark's Shape (rows × columns): 2 for a product.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FlopsPerElementAttribute(double flops) : Attribute
{
    public double Flops { get; } = flops;
}

/// <summary>
/// GFLOP/s of a benchmark with a <c>Shape</c> parameter ("rows×columns") and a <see cref="FlopsPerElementAttribute"/>:
/// the rate that compares across shapes and against the machine's ceiling, where times do not.
/// </summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Floating-point operations per nanosecond (mean time)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var perElement = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<FlopsPerElementAttribute>()?.Flops;
        if (mean is null || perElement is null || benchmarkCase.Parameters["Shape"] is not string shape)
        {
            return "-";
        }

        var (rows, columns) = Shapes.Parse(shape);
        return (perElement.Value * rows * columns / mean.Value).ToString("0.0", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>The weight shapes of the GRU-like models (input + hidden columns): L2-resident up to 200×300.</summary>
public static class Shapes
{
    public static (int Rows, int Columns) Parse(string shape)
    {
        var parts = shape.Split('x');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary><paramref name="n"/> values uniform in [−0.5, 0.5): the benchmarks' operands.</summary>
    public static double[] Uniform(System.Random random, int n)
    {
        var data = new double[n];
        for (var i = 0; i < n; i++)
        {
            data[i] = random.NextDouble() - 0.5;
        }

        return data;
    }
}
