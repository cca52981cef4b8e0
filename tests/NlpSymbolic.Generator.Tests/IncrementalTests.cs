using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NlpSymbolic.Generator.Model;
using Xunit;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// Edits that do not touch a [Differentiable] method leave its pipeline outputs cached; an edit to one
/// method re-runs only that method.
/// </summary>
public sealed class IncrementalTests
{
    private const string FileA = """
        using System;
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;
        namespace Tests;
        public static partial class C
        {
            public static double Helper(double x) => x + 1;

            [Differentiable]
            public static double F(double x, Vector<double> v) => Math.Exp(x) * v.Sum();
        }
        """;

    private const string FileB = """
        using NlpSymbolic;
        namespace Tests;
        public static partial class D
        {
            [Differentiable]
            public static double G(double x) => x * x;
        }
        """;

    private static readonly IncrementalStepRunReason[] CachedOrUnchanged =
        { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    private static (CSharpCompilation Compilation, GeneratorRun Run) Initial()
    {
        var compilation = GeneratorHarness.CreateCompilation(("A.cs", FileA), ("B.cs", FileB));
        var run = GeneratorHarness.Run(compilation);
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
        Assert.Equal(2, run.GeneratedSources.Length);
        return (compilation, run);
    }

    private static GeneratorRun Rerun(GeneratorRun previous, CSharpCompilation next) => GeneratorHarness.Run(next, previous.Driver);

    private static CSharpCompilation Edit(CSharpCompilation compilation, string path, string newSource)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, GeneratorHarness.ParseTree(newSource, path));
    }

    /// <summary>The reason of each output of a step, keyed by the method it belongs to.</summary>
    private static Dictionary<string, IncrementalStepRunReason> Reasons(GeneratorRun run, string step)
    {
        Assert.True(run.Result.TrackedSteps.ContainsKey(step), $"No tracked step '{step}'.");
        var reasons = new Dictionary<string, IncrementalStepRunReason>();
        foreach (var output in run.Result.TrackedSteps[step].SelectMany(s => s.Outputs))
        {
            var key = output.Value switch
            {
                MethodParseResult parse => parse.Spec?.Method.Name ?? parse.MethodId!.Split('(')[0].Split('.')[^1],
                GeneratedSource source => source.HintName.Split('.')[^3].Split('(')[0],
                DifferentiationResult result => result.MethodName,
                PlannedMethod planned => planned.MethodName,
                _ => output.Value.ToString()!,
            };
            reasons[key] = output.Reason;
        }

        return reasons;
    }

    private static void AssertAll(GeneratorRun run, string step, params IncrementalStepRunReason[] allowed)
    {
        var reasons = Reasons(run, step);
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.Contains(r.Value, allowed));
    }

    [Fact]
    public void TheStepsAreTracked()
    {
        var (_, run) = Initial();
        Assert.Equal(new[] { "F", "G" }, Reasons(run, TrackingNames.Parse).Keys.OrderBy(k => k));
        Assert.Equal(new[] { "F", "G" }, Reasons(run, TrackingNames.Differentiate).Keys.OrderBy(k => k));
        Assert.Equal(new[] { "F", "G" }, Reasons(run, TrackingNames.Plan).Keys.OrderBy(k => k));
        Assert.Equal(new[] { "F", "G" }, Reasons(run, TrackingNames.Emit).Keys.OrderBy(k => k));
        Assert.All(Reasons(run, TrackingNames.Parse).Values, r => Assert.Equal(IncrementalStepRunReason.New, r));
        Assert.True(run.Result.TrackedSteps.ContainsKey(TrackingNames.Diagnostics));
    }

    [Fact]
    public void AddingAnUnrelatedFileKeepsEverythingCached()
    {
        var (compilation, run) = Initial();
        var next = compilation.AddSyntaxTrees(GeneratorHarness.ParseTree("namespace Tests; public class Unrelated { public int X => 1; }", "Unrelated.cs"));
        var rerun = Rerun(run, next);

        AssertAll(rerun, TrackingNames.Parse, CachedOrUnchanged);
        AssertAll(rerun, TrackingNames.Diagnostics, CachedOrUnchanged);
        AssertAll(rerun, TrackingNames.Differentiate, IncrementalStepRunReason.Cached);
        AssertAll(rerun, TrackingNames.Plan, IncrementalStepRunReason.Cached);
        AssertAll(rerun, TrackingNames.CallGraph, CachedOrUnchanged);
        Assert.Equal(Texts(run), Texts(rerun));
    }

    [Fact]
    public void EditingANonDifferentiableMethodKeepsEverythingCached()
    {
        var (compilation, run) = Initial();
        var next = Edit(compilation, "A.cs", FileA.Replace("public static double Helper(double x) => x + 1;", "public static double Helper(double x)\n    {\n        var y = x * 2;\n        return y + 1;\n    }"));
        var rerun = Rerun(run, next);

        AssertAll(rerun, TrackingNames.Parse, CachedOrUnchanged);
        AssertAll(rerun, TrackingNames.Diagnostics, CachedOrUnchanged);
        AssertAll(rerun, TrackingNames.Differentiate, IncrementalStepRunReason.Cached);
        AssertAll(rerun, TrackingNames.CallGraph, CachedOrUnchanged);
        Assert.Equal(Texts(run), Texts(rerun));
    }

    [Fact]
    public void MovingADifferentiableMethodWithoutChangingItKeepsItCached()
    {
        var (compilation, run) = Initial();
        var next = Edit(compilation, "A.cs", FileA.Replace("namespace Tests;", "// A comment\n\n\nnamespace Tests;"));
        var rerun = Rerun(run, next);

        AssertAll(rerun, TrackingNames.Parse, CachedOrUnchanged);
        AssertAll(rerun, TrackingNames.Differentiate, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EditingADifferentiableMethodRerunsOnlyThatMethod()
    {
        var (compilation, run) = Initial();
        var next = Edit(compilation, "A.cs", FileA.Replace("Math.Exp(x) * v.Sum()", "Math.Tanh(x) * v.Sum()"));
        var rerun = Rerun(run, next);

        var parse = Reasons(rerun, TrackingNames.Parse);
        Assert.Equal(IncrementalStepRunReason.Modified, parse["F"]);
        Assert.Contains(parse["G"], CachedOrUnchanged);

        var differentiate = Reasons(rerun, TrackingNames.Differentiate);
        Assert.Equal(IncrementalStepRunReason.Modified, differentiate["F"]);
        Assert.Contains(differentiate["G"], CachedOrUnchanged);

        var before = Texts(run);
        var after = Texts(rerun);
        Assert.NotEqual(before["Tests.C.F(Scalar,Vector).g.cs"], after["Tests.C.F(Scalar,Vector).g.cs"]);
        Assert.Contains("Tanh", after["Tests.C.F(Scalar,Vector).g.cs"], System.StringComparison.Ordinal);
        Assert.Equal(before["Tests.D.G(Scalar).g.cs"], after["Tests.D.G(Scalar).g.cs"]);
        rerun.AssertCompiles();
    }

    [Fact]
    public void EditingTheOtherFileLeavesThisOneCached()
    {
        var (compilation, run) = Initial();
        var next = Edit(compilation, "B.cs", FileB.Replace("x * x", "x * x * x"));
        var rerun = Rerun(run, next);

        var parse = Reasons(rerun, TrackingNames.Parse);
        Assert.Contains(parse["F"], CachedOrUnchanged);
        Assert.Equal(IncrementalStepRunReason.Modified, parse["G"]);
        var differentiate = Reasons(rerun, TrackingNames.Differentiate);
        Assert.Equal(IncrementalStepRunReason.Cached, differentiate["F"]);
        Assert.Equal(IncrementalStepRunReason.Modified, differentiate["G"]);
    }

    [Fact]
    public void RerunningTheSameCompilationCachesEverything()
    {
        var (compilation, run) = Initial();
        var rerun = Rerun(run, compilation);
        AssertAll(rerun, TrackingNames.Parse, IncrementalStepRunReason.Cached);
        AssertAll(rerun, TrackingNames.Differentiate, IncrementalStepRunReason.Cached);
    }

    // ---------------------------------------------------------------- a callee's error, fixed in its own file

    private const string ChainLoss = """
        using NlpSymbolic;
        namespace Tests;
        public static partial class Model
        {
            [Differentiable]
            public static double Loss(double x) => Layers.Layer(x) + 1;
        }
        """;

    private const string ChainLayer = """
        using NlpSymbolic;
        namespace Tests;
        public static partial class Layers
        {
            [Differentiable]
            public static double Layer(double x) => 2 * Cells.Cell(x);
        }
        """;

    private const string BrokenCell = """
        using System;
        using NlpSymbolic;
        namespace Tests;
        public static partial class Cells
        {
            [Differentiable]
            public static double Cell(double x) => Math.Atan2(x, 1.0);
        }
        """;

    private static readonly string FixedCell = BrokenCell.Replace("Math.Atan2(x, 1.0)", "Math.Tanh(x)");

    [Fact]
    public void FixingACalleeBringsBackItsCallersWithoutTouchingThem()
    {
        var compilation = GeneratorHarness.CreateCompilation(("Loss.cs", ChainLoss), ("Layer.cs", ChainLayer), ("Cell.cs", BrokenCell), ("B.cs", FileB));
        var broken = GeneratorHarness.Run(compilation);
        Assert.Equal(new[] { "NLPSYM103", "NLPSYM111", "NLPSYM111" }, broken.GeneratorDiagnostics.Select(d => d.Id).OrderBy(i => i));
        Assert.Equal(new[] { "Tests.D.G(Scalar).g.cs" }, Texts(broken).Keys);
        broken.AssertNoNewErrors();

        var fixedCompilation = Edit(compilation, "Cell.cs", FixedCell);
        var fixedRun = Rerun(broken, fixedCompilation);
        fixedRun.AssertNoGeneratorDiagnostics();
        Assert.Equal(
            new[] { "Tests.Cells.Cell(Scalar).g.cs", "Tests.D.G(Scalar).g.cs", "Tests.Layers.Layer(Scalar).g.cs", "Tests.Model.Loss(Scalar).g.cs" },
            Texts(fixedRun).Keys.OrderBy(k => k, System.StringComparer.Ordinal));
        fixedRun.AssertCompiles();

        // The callers were differentiated while they waited: only the callee is new.
        var differentiate = Reasons(fixedRun, TrackingNames.Differentiate);
        Assert.Equal(IncrementalStepRunReason.New, differentiate["Cell"]);
        Assert.Contains(differentiate["Layer"], CachedOrUnchanged);
        Assert.Contains(differentiate["Loss"], CachedOrUnchanged);
        Assert.Contains(differentiate["G"], CachedOrUnchanged);

        // Breaking it again takes the callers' files away as well.
        var brokenAgain = Rerun(fixedRun, Edit(fixedCompilation, "Cell.cs", BrokenCell));
        Assert.Equal(broken.GeneratorDiagnostics.Select(d => d.ToString()), brokenAgain.GeneratorDiagnostics.Select(d => d.ToString()));
        Assert.Equal(new[] { "Tests.D.G(Scalar).g.cs" }, Texts(brokenAgain).Keys);
        brokenAgain.AssertNoNewErrors();
    }

    private static Dictionary<string, string> Texts(GeneratorRun run) =>
        run.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
}
