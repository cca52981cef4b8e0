using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static NlpSymbolic.Generator.Tests.Snapshots.SnapshotRuns;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// The <c>Type.BackwardSources.g.cs</c> file: per [Differentiable] method name, a string constant holding the
/// generated backward file, in a file of its own (the backward files and their snapshots do not change), and
/// none at all when the project sets <c>NlpSymbolicEmitBackwardSources=false</c>.
/// </summary>
public sealed class BackwardSourcesSnapshots
{
    /// <summary>Two lecture methods in one type, one of them with a string literal (quotes are doubled in the constant).</summary>
    private const string WindowSource = $$"""
        {{Usings}}

        namespace Lecture;

        public static partial class Window
        {
            [Differentiable]
            public static double Score(Matrix<double> W, Vector<double> x, Vector<double> b, Vector<double> u)
            {
                var z = W * x + b;
                var a = Tanh(z);
                return u * a;
            }

            [Differentiable]
            internal static double MaxMargin(Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, Vector<double> xc)
            {
                var s = u * Tanh(W * x + b);
                var sc = u * Tanh(W * xc + b);
                return Math.Max(0, 1 - s + sc);
            }
        }
        """;

    private const string OverloadsSource = $$"""
        {{Usings}}

        namespace Demo;

        public partial class Outer
        {
            public static partial class Losses
            {
                [Differentiable]
                public static double Square(double x) => x * x;

                [Differentiable]
                public static double Square(Vector<double> v) => v * v;
            }
        }
        """;

    [Fact]
    public void Window()
    {
        var run = GeneratorHarness.Run(("Model.cs", WindowSource));
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
        var file = Assert.Single(run.BackwardSourcesFiles);
        Assert.Equal("Lecture.Window.BackwardSources.g.cs", file.HintName);
        Snapshot.VerifyText(Snapshot.FileNameOf(file.HintName), "//HintName: " + file.HintName + "\n" + file.SourceText, "cs");
    }

    /// <summary>Each constant is exactly the text of the method's generated file, as the compiler sees the constant.</summary>
    [Fact]
    public void EachConstantIsTheGeneratedFileOfItsMethod()
    {
        var run = GeneratorHarness.Run(("Model.cs", WindowSource));
        run.AssertCompiles();
        var sources = run.OutputCompilation.GetTypeByMetadataName("Lecture.Window+BackwardSources");
        Assert.NotNull(sources);
        Assert.True(sources!.IsStatic);

        foreach (var (method, accessibility) in new[] { ("Score", Accessibility.Public), ("MaxMargin", Accessibility.Internal) })
        {
            var constant = Assert.IsAssignableFrom<IFieldSymbol>(Assert.Single(sources.GetMembers(method)));
            Assert.True(constant.IsConst);
            Assert.Equal(accessibility, constant.DeclaredAccessibility);
            var file = Assert.Single(run.GeneratedSources, s => s.HintName.StartsWith("Lecture.Window." + method + "(", System.StringComparison.Ordinal));
            Assert.Equal(file.SourceText.ToString(), constant.ConstantValue);
        }
    }

    /// <summary>Overloads share one constant (both files, in hint-name order); nested types get the class in the innermost.</summary>
    [Fact]
    public void OverloadsShareOneConstantInTheInnermostType()
    {
        var run = GeneratorHarness.Run(("Model.cs", OverloadsSource));
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
        Assert.Equal("Demo.Outer.Losses.BackwardSources.g.cs", Assert.Single(run.BackwardSourcesFiles).HintName);
        var constant = (IFieldSymbol)run.OutputCompilation.GetTypeByMetadataName("Demo.Outer+Losses+BackwardSources")!.GetMembers("Square").Single();
        var files = run.GeneratedSources.OrderBy(s => s.HintName, System.StringComparer.Ordinal).Select(s => s.SourceText.ToString());
        Assert.Equal(string.Join("\n", files), constant.ConstantValue);
        Assert.Equal(2, ((string)constant.ConstantValue!).Split("static double SquareBackward(").Length - 1);
    }

    /// <summary>A method the generator rejects has no generated file, so no constant either.</summary>
    [Fact]
    public void AMethodWithAnErrorGetsNoConstant()
    {
        const string source = """
            using NlpSymbolic;
            namespace Demo;
            public static partial class C
            {
                [Differentiable]
                public static double Good(double x) => x * x;

                [Differentiable]
                public static double Bad(double x) { foreach (var c in "ab") { x += 1; } return x; }
            }
            """;
        var run = GeneratorHarness.Run(("Model.cs", source));
        Assert.True(run.GeneratorReportedError);
        var sources = run.OutputCompilation.GetTypeByMetadataName("Demo.C+BackwardSources")!;
        Assert.Equal(new[] { "Good" }, sources.GetMembers().OfType<IFieldSymbol>().Select(f => f.Name));
    }

    /// <summary>
    /// One type declared with two type-parameter names (CS0264, but the generator runs on broken code too) is
    /// still one type: one file, both constants, no error added to the user's.
    /// </summary>
    [Fact]
    public void APartialGenericTypeGetsOneFile()
    {
        const string source = """
            using NlpSymbolic;
            public static partial class C<T> { [Differentiable] public static double F(double x) => x; }
            public static partial class C<U> { [Differentiable] public static double G(double x) => x * x; }
            """;
        var run = GeneratorHarness.Run(("Model.cs", source));
        run.AssertNoNewErrors();
        var file = Assert.Single(run.BackwardSourcesFiles);
        Assert.Equal("C`1.BackwardSources.g.cs", file.HintName);
        Assert.Contains("const string F =", file.SourceText.ToString());
        Assert.Contains("const string G =", file.SourceText.ToString());
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData(" FALSE ")]
    public void TheMsBuildPropertyFalseLeavesTheClassOut(string value)
    {
        var compilation = GeneratorHarness.CreateCompilation(("Model.cs", WindowSource));
        var optedOut = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver(new Dictionary<string, string> { ["NlpSymbolicEmitBackwardSources"] = value }));
        var byDefault = GeneratorHarness.Run(compilation);

        optedOut.AssertCompiles();
        Assert.Empty(optedOut.Result.GeneratedSources.Where(s => s.HintName.Contains("BackwardSources", System.StringComparison.Ordinal)));
        Assert.Null(optedOut.OutputCompilation.GetTypeByMetadataName("Lecture.Window+BackwardSources"));
        Assert.DoesNotContain("BackwardSources", optedOut.AllGeneratedText);

        // The backward files themselves are the same either way.
        Assert.Equal(
            byDefault.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            optedOut.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
        Assert.Single(byDefault.BackwardSourcesFiles);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("")]
    public void AnyOtherValueKeepsTheClass(string value)
    {
        var compilation = GeneratorHarness.CreateCompilation(("Model.cs", WindowSource));
        var run = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver(new Dictionary<string, string> { ["NlpSymbolicEmitBackwardSources"] = value }));
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("Lecture.Window+BackwardSources"));
    }

    /// <summary>An edit to one type re-emits that type's file only.</summary>
    [Fact]
    public void AnEditReEmitsOnlyTheEditedTypesFile()
    {
        const string other = """
            using NlpSymbolic;
            namespace Demo;
            public static partial class D
            {
                [Differentiable]
                public static double G(double x) => x * x;
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(("Model.cs", WindowSource), ("D.cs", other));
        var first = GeneratorHarness.Run(compilation);
        Assert.Equal(2, first.BackwardSourcesFiles.Length);

        var old = compilation.SyntaxTrees.Single(t => t.FilePath == "D.cs");
        var edited = compilation.ReplaceSyntaxTree(old, GeneratorHarness.ParseTree(other.Replace("x * x", "x * x * x"), "D.cs"));
        var rerun = GeneratorHarness.Run(edited, first.Driver);

        var reasons = rerun.Result.TrackedSteps[TrackingNames.BackwardSources]
            .SelectMany(step => step.Outputs)
            .Select(output => (((Model.TypeBackwardSources)output.Value).HintName, output.Reason))
            .ToList();
        Assert.Contains(("Lecture.Window.BackwardSources.g.cs", IncrementalStepRunReason.Unchanged), reasons);
        Assert.Contains(("Demo.D.BackwardSources.g.cs", IncrementalStepRunReason.Modified), reasons);
        Assert.Contains("x * x * x", Assert.Single(rerun.BackwardSourcesFiles, f => f.HintName.StartsWith("Demo.D.", System.StringComparison.Ordinal)).SourceText.ToString());
    }
}
