using System.Linq;
using System.Text.RegularExpressions;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace NlpSymbolic.Generator.Tests.RandomPrograms;

/// <summary>
/// The fixed-seed programs CI checks must actually contain the forms the grammar claims: a production the
/// renderer never reaches would leave its form untested without anyone noticing.
/// </summary>
public sealed class GrammarCoverageTests(ITestOutputHelper output)
{
    /// <summary>Values built in the method (issue 9 §2): each form and how many of the first 300 programs use it.</summary>
    [Theory]
    [InlineData(@"new Vector<double>\[3\];")]
    [InlineData(@"= new\[\] \{")]
    [InlineData(@"new double\[4\];")]
    [InlineData(@"hs\d+\[[^\]]+\] = ")]
    [InlineData(@"hs\d+\[[^\]]+\] \+= ")]
    [InlineData(@"cs\d+\[[^\]]+\] (\+)?= ")]
    [InlineData(@"cs\d+\[[^\]]+\]\+\+;")]
    [InlineData(@"Vector<double>\.Build\.Dense\(3, ")]
    [InlineData(@"Vector<double>\.Build\.Dense\(3\) ")]
    [InlineData(@"Matrix<double>\.Build\.Dense\(3, 3, ")]
    [InlineData(@"Matrix<double>\.Build\.Dense\(3, 3\) ")]
    [InlineData(@"OneHot\(3, ")]
    [InlineData(@"\.SubVector\(")]
    [InlineData(@"\.LeftMultiply\(")]
    [InlineData(@"\.Maximum\(\)")]
    [InlineData(@"\.Minimum\(\)")]
    [InlineData(@"\.MaximumIndex\(\)")]
    [InlineData(@"DenseOfColumnVectors\(hs\d+\)")]
    [InlineData(@"DenseOfRowVectors\(hs\d+\)")]
    [InlineData(@"DenseOfColumnVectors\([^h]")]
    [InlineData(@"DenseOfRowVectors\([^h]")]
    [InlineData(@"Concat\(hs\d+\)")]
    [InlineData(@"hs\d+\[[^\]]+\](?! \+?= )")]
    public void TheDefaultRunRendersEveryBuiltValueForm(string pattern)
    {
        var programs = ChoiceTrees.Programs();
        var regex = new Regex(pattern);
        var count = Enumerable.Range(0, 300)
            .Select(i => ProgramRenderer.Render(programs.Generate(new PCG(11, (ulong)i * 0x9E3779B97F4A7C15UL), null, out _)).Source)
            .Count(regex.IsMatch);
        output.WriteLine($"{pattern}: {count} of 300 programs");
        Assert.True(count > 0, $"No program of the default run contains {pattern}.");
    }

    /// <summary>
    /// Forms of the generated code the random programs must reach, so that the finite-difference oracle checks
    /// them: a weight's update deferred inside a loop (both kernels), the immediate fused adjoints, and counted
    /// loops reversed by counting down (from 0, from 1, and nested to the enclosing counter).
    /// </summary>
    [Theory]
    [InlineData(@"ws\.AccumulateMultiplyAdjointsDeferred\(")]
    [InlineData(@"ws\.AccumulateOuterDeferred\(")]
    [InlineData(@"ws\.AccumulateMultiplyAdjoints\(")]
    [InlineData(@"for \(var (\w+) = [^;]+; \1 >= 0; \1--\)")]
    [InlineData(@"for \(var (\w+) = [^;]+; \1 >= 1; \1--\)")]
    [InlineData(@"for \(var (\w+) = [A-Za-z_]\w*; \1 >= 0; \1--\)")]
    public void TheDefaultRunGeneratesEveryKernelForm(string pattern)
    {
        var programs = ChoiceTrees.Programs();
        var regex = new Regex(pattern);
        // The first program that reaches the form (generating all 150 would take a minute of CI for nothing).
        var first = Enumerable.Range(0, 150)
            .FirstOrDefault(i => regex.IsMatch(GeneratorHarness.Run(
                ProgramRenderer.Render(programs.Generate(new PCG(11, (ulong)i * 0x9E3779B97F4A7C15UL), null, out _)).Source).AllGeneratedText), -1);
        output.WriteLine($"{pattern}: first in program {first} of the default run");
        Assert.True(first >= 0, $"None of the first 150 generated programs of the default run contains {pattern}.");
    }
}
