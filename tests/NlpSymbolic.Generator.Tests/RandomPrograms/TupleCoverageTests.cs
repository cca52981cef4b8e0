using System.Linq;
using CsCheck;
using Xunit;

namespace NlpSymbolic.Generator.Tests.RandomPrograms;

/// <summary>
/// The grammar's tuple forms really occur among the programs the differential test checks (the same stream and
/// seeds as <see cref="RandomProgramTests"/>): calls of the tuple helper deconstructed into new and existing locals,
/// with discards, in a local read by component, inside loops; tuple results of the main method, early returns
/// included. Rendering only, no compilation.
/// </summary>
public sealed class TupleCoverageTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void TheFirstProgramsUseEveryTupleForm()
    {
        var programs = ChoiceTrees.Programs();
        var sources = Enumerable.Range(0, 300)
            .Select(i => new PCG(11, (ulong)i * 0x9E3779B97F4A7C15UL).ToString())
            .Select(seed => ProgramRenderer.Render(programs.Generate(PCG.Parse(seed), null, out _)).Source)
            .ToList();
        int Count(System.Func<string, bool> has) => sources.Count(has);
        output.WriteLine($"of 300 programs: {Count(s => s.Contains(") = T0(") || s.Contains(" = T0("))} call T0, {Count(s => s.Contains(") Run("))} return a tuple");

        Assert.True(Count(s => s.Contains("var (s") && s.Contains(") = T0(")) >= 10, "new locals from T0");
        Assert.True(Count(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"\n\s+\(\w+, \w+\) = T0\(")) >= 5, "existing locals from T0");
        Assert.True(Count(s => s.Contains("var (_, ") || s.Contains(", _) = T0(")) >= 5, "discards");
        Assert.True(Count(s => s.Contains(".Item1 * r")) >= 5, "a tuple local read by component");
        Assert.True(Count(s => s.Contains("public static (double loss, Vector<double> h) Run(")) >= 10, "(loss, h) results");
        Assert.True(Count(s => s.Contains("public static (Vector<double>, Matrix<double>, double) Run(")) >= 10, "three-component results");
        Assert.True(Count(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"\) return \(")) >= 10, "early returns of tuples");
    }
}
