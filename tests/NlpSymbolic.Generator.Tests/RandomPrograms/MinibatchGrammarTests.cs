using System.Linq;
using System.Text.RegularExpressions;
using CsCheck;
using Xunit;

namespace NlpSymbolic.Generator.Tests.RandomPrograms;

/// <summary>
/// The minibatch vocabulary is in the grammar: the default run's programs (seeds as in
/// <see cref="RandomProgramTests"/>) use every matrix form at least once, so the fuzzer really checks them.
/// </summary>
public sealed class MinibatchGrammarTests
{
    [Theory]
    [InlineData(@"AddColumnwise\(")]
    [InlineData(@"[^n]CrossEntropy\([^;]*, ys\)")]
    [InlineData(@"MeanCrossEntropy\(")]
    [InlineData(@"\.RowSums\(\)")]
    [InlineData(@"\.ColumnSums\(\)")]
    [InlineData(@"[^g]Softmax\((W|K|M|P\d)")]
    [InlineData(@"LogSoftmax\((W|K|M|P\d)")]
    [InlineData(@"(Tanh|Relu|Sigmoid)\((W|K|M|P\d)")]
    [InlineData(@"\.PointwiseDivide\(Sigmoid\((W|K|M|P\d)")]
    [InlineData(@" / \(Sigmoid\((W|K|M|P\d)")]
    [InlineData(@"\((W|K|M|P\d) [-+] ")]
    public void TheDefaultRunUsesEveryMinibatchForm(string form)
    {
        var programs = ChoiceTrees.Programs();
        var used = Enumerable.Range(0, 300)
            .Select(i => new PCG(11, (ulong)i * 0x9E3779B97F4A7C15UL).ToString())
            .Count(seed => Regex.IsMatch(ProgramRenderer.Render(programs.Generate(PCG.Parse(seed), null, out _)).Source, form));
        Assert.True(used > 0, $"No program of the default run contains '{form}'.");
    }
}
