using System;
using System.Linq;
using Xunit;
using static NlpSymbolic.Generator.Tests.DiagnosticVerifier;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// A caller's generated code calls its callees' generated Forward and Pullback. When a callee is not generated
/// the caller is not either: with NLPSYM111 at the call when an error of ours explains it, silently when the
/// callee does not compile. Either way the generated files add no compile error (CS0117 used to).
/// </summary>
public sealed class CalleeDiagnosticTests
{
    private const string Usings = """
        using System;
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;
        """;

    private static ExpectedDiagnostic NotDifferentiated(string callee, string caller) =>
        new("NLPSYM111", $"'{callee}' could not be differentiated (see the error reported for it)", $"so {caller}Backward", $"fix the error in '{callee}'");

    private static void AssertNothingFor(GeneratorRun run, params string[] methods)
    {
        foreach (var method in methods)
        {
            AssertNotEmitted(run, method + "Backward");
            Assert.DoesNotContain(" " + method + "Forward(", run.AllGeneratedText, StringComparison.Ordinal);
        }

        run.AssertNoNewErrors();
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Id == "CS0117");
    }

    // ---------------------------------------------------------------- a callee with an error of its own

    /// <summary>Callee (with its error marked), the caller's call of it, and the callee's diagnostic.</summary>
    public static TheoryData<string, string, string, string> CalleesWithAnError() => new()
    {
        { "public static double G(double x) => [|Math.Atan2(x, 1.0)|];", "G(x)", "NLPSYM103", "C.G(double)" },
        { "public static double G(double x) { [|try|] { x = 2 * x; } finally { } return x; }", "G(x)", "NLPSYM101", "C.G(double)" },
        { "public static double G(double x) => x > 1 ? x : [|G(x + 1)|];", "G(x)", "NLPSYM108", "C.G(double)" },
        { "public static [|int|] G(double x) => 1;", "G(x)", "NLPSYM004", "C.G(double)" },
        { "public static double G([|ref|] double x) => x;", "G(ref x)", "NLPSYM005", "C.G(ref double)" },
        { "public static double G[|<T>|](double x) => x;", "G<int>(x)", "NLPSYM006", "C.G<int>(double)" },
        { "public static double G(double x, [|float|] s) => x;", "G(x, 1f)", "NLPSYM003", "C.G(double, float)" },
        { "public static double G(double x) { float [|f = 1|]; return x; }", "G(x)", "NLPSYM201", "C.G(double)" },
    };

    [Theory]
    [MemberData(nameof(CalleesWithAnError))]
    public void ACallToACalleeWithAnErrorIsReportedAtTheCallAndNothingIsGenerated(string callee, string call, string calleeId, string calleeName)
    {
        var markup = $$"""
            {{Usings}}
            public static partial class C
            {
                [Differentiable]
                public static double F(double x) => 2 * [|{{call}}|];

                [Differentiable]
                {{callee}}
            }
            """;
        var run = Verify(markup, NotDifferentiated(calleeName, "F"), new ExpectedDiagnostic(calleeId));
        AssertNothingFor(run, "F", "G");
    }

    [Fact]
    public void EveryCallOfTheCalleeIsReported()
    {
        var run = Verify($$"""
            {{Usings}}
            public static partial class C
            {
                [Differentiable]
                public static double F(double x)
                {
                    var s = 0.0;
                    for (var i = 0; i < 3; i++)
                    {
                        s += [|G(x)|];
                    }

                    return s * [|G(2 * x)|];
                }

                [Differentiable]
                public static double G(double x) => [|Math.Atan2(x, 1.0)|];

                [Differentiable]
                public static double Good(double x) => x * x;
            }
            """, NotDifferentiated("C.G(double)", "F"), NotDifferentiated("C.G(double)", "F"), new ExpectedDiagnostic("NLPSYM103"));
        AssertNothingFor(run, "F", "G");
        Assert.True(run.Emitted("GoodBackward"), run.Describe());
        run.AssertNoNewErrors();
    }

    [Fact]
    public void ACallerWithErrorsOfItsOwnAlsoGetsTheCallReported()
    {
        // One build shows every problem in the body, the call included.
        var run = Verify($$"""
            {{Usings}}
            public static partial class C
            {
                [Differentiable]
                public static double F(double x) => [|G(x)|] + [|Math.Atan2(x, 1.0)|];

                [Differentiable]
                public static double G(double x) => [|Math.Atan2(x, 2.0)|];
            }
            """, NotDifferentiated("C.G(double)", "F"), new ExpectedDiagnostic("NLPSYM103"), new ExpectedDiagnostic("NLPSYM103"));
        AssertNothingFor(run, "F", "G");
    }

    // ---------------------------------------------------------------- transitively

    [Fact]
    public void ACalleeOfACalleeWithAnErrorBlocksTheWholeChain()
    {
        var run = Verify($$"""
            {{Usings}}
            public static partial class M
            {
                [Differentiable]
                public static double A(double x) => [|B(x)|] + 1;

                [Differentiable]
                public static double B(double x) => 2 * [|C(x)|];

                [Differentiable]
                public static double C(double x) => [|Math.Atan2(x, 1.0)|];

                [Differentiable]
                public static double D(double x) => x * x;
            }
            """, NotDifferentiated("M.B(double)", "A"), NotDifferentiated("M.C(double)", "B"), new ExpectedDiagnostic("NLPSYM103"));
        AssertNothingFor(run, "A", "B", "C");
        Assert.True(run.Emitted("DBackward"), run.Describe());
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void MutualRecursionThroughABrokenCalleeSettles()
    {
        // A and B call each other (allowed: only a method calling itself is NLPSYM108); B's other callee has an
        // error, so neither is generated, and every call into the cycle is reported.
        var run = Verify($$"""
            {{Usings}}
            public static partial class M
            {
                [Differentiable]
                public static double A(double x, int n) => n == 0 ? x : [|B(x, n - 1)|];

                [Differentiable]
                public static double B(double x, int n) => [|A(x, n)|] + [|C(x)|];

                [Differentiable]
                public static double C(double x) => [|Math.Atan2(x, 1.0)|];
            }
            """,
            NotDifferentiated("M.B(double, int)", "A"),
            NotDifferentiated("M.A(double, int)", "B"),
            NotDifferentiated("M.C(double)", "B"),
            new ExpectedDiagnostic("NLPSYM103"));
        AssertNothingFor(run, "A", "B", "C");
    }

    // ---------------------------------------------------------------- across types and files

    [Fact]
    public void ACalleeInAnotherTypeInAnotherFile()
    {
        var run = Verify(
            new[]
            {
                ("Model.cs", $$"""
                    {{Usings}}
                    namespace Tests;
                    public static partial class Model
                    {
                        [Differentiable]
                        public static double Loss(Vector<double> h, Matrix<double> W) => [|Layers.Cell(W * h)|].Sum();
                    }
                    """),
                ("Layers.cs", $$"""
                    {{Usings}}
                    namespace Tests;
                    public static partial class Layers
                    {
                        [Differentiable]
                        public static Vector<double> Cell(Vector<double> z)
                        {
                            [|foreach|] (var zi in z) { }
                            return z;
                        }
                    }
                    """),
            },
            new ExpectedDiagnostic("NLPSYM101", "'foreach'"),
            NotDifferentiated("Layers.Cell(Vector<double>)", "Loss"));
        AssertNothingFor(run, "Loss", "Cell");
    }

    [Fact]
    public void ACalleeInAnotherPartOfTheSameType()
    {
        var run = Verify(
            new[]
            {
                ("Part1.cs", $$"""
                    {{Usings}}
                    namespace Tests;
                    public static partial class Model
                    {
                        [Differentiable]
                        public static double Loss(double x) => [|Score(x)|] * [|Model.Score(x)|];
                    }
                    """),
                ("Part2.cs", $$"""
                    {{Usings}}
                    namespace Tests;
                    public static partial class Model
                    {
                        [Differentiable]
                        public static double Score(double x) => x * [|Scale|];

                        private static double Scale = 2;
                    }
                    """),
            },
            NotDifferentiated("Model.Score(double)", "Loss"),
            NotDifferentiated("Model.Score(double)", "Loss"),
            new ExpectedDiagnostic("NLPSYM107", "'Scale'"));
        AssertNothingFor(run, "Loss", "Score");
    }

    [Fact]
    public void ACalleeInANestedGenericType()
    {
        var run = Verify($$"""
            {{Usings}}
            public static partial class Outer
            {
                [Differentiable]
                public static double F(double x) => [|Inner<int>.G(x)|];

                public static partial class Inner<T>
                {
                    [Differentiable]
                    public static double G(double x) => [|Math.Atan2(x, 1.0)|];
                }
            }
            """, NotDifferentiated("Outer.Inner<int>.G(double)", "F"), new ExpectedDiagnostic("NLPSYM103"));
        AssertNothingFor(run, "F", "G");
    }

    // ---------------------------------------------------------------- callees that do not compile: the compiler speaks

    [Fact]
    public void ACalleeThatDoesNotCompileLeavesItsCallersQuietlyUngenerated()
    {
        var run = GeneratorHarness.Run($$"""
            {{Usings}}
            public static partial class M
            {
                [Differentiable]
                public static double A(double x) => B(x) + 1;

                [Differentiable]
                public static double B(double x) => 2 * C(x);

                [Differentiable]
                public static double C(double x) => x * Unknown(x);

                [Differentiable]
                public static double D(double x) => x * x;
            }
            """);
        Assert.Contains(run.InputCompilation.GetDiagnostics(), d => d.Id == "CS0103");
        run.AssertNoGeneratorDiagnostics();
        AssertNothingFor(run, "A", "B", "C");
        Assert.True(run.Emitted("DBackward"), run.Describe());
    }

    [Fact]
    public void AnErrorOfOursWinsOverACalleeThatDoesNotCompile()
    {
        // B calls both a callee that does not compile and one with an error of ours: the latter is reported.
        var run = Verify($$"""
            {{Usings}}
            public static partial class M
            {
                [Differentiable]
                public static double B(double x) => C(x) + [|E(x)|];

                [Differentiable]
                public static double C(double x) => x * Unknown(x);

                [Differentiable]
                public static double E(double x) => [|Math.Atan2(x, 1.0)|];
            }
            """, NotDifferentiated("M.E(double)", "B"), new ExpectedDiagnostic("NLPSYM103"));
        AssertNothingFor(run, "B", "C", "E");
    }

    // ---------------------------------------------------------------- healthy callees called in a way we cannot handle

    [Fact]
    public void LeavingOutAVectorArgumentIsReportedAtTheCall()
    {
        var run = Verify($$"""
            {{Usings}}
            public static partial class C
            {
                [Differentiable]
                public static double F(double x) => 2 * [|G(x)|];

                [Differentiable]
                public static double G(double x, [NoDerivative] Vector<double>? v = null) => x * x;
            }
            """, new ExpectedDiagnostic("NLPSYM102", "Leaving out 'v' (its default is null; pass a Vector<double>)"));
        AssertNotEmitted(run, "FBackward");
        Assert.True(run.Emitted("GBackward"), run.Describe());
        run.AssertNoNewErrors();
    }

    [Fact]
    public void AnArglistArgumentIsReportedWhereItIs()
    {
        var run = Verify($$"""
            {{Usings}}
            public static partial class C
            {
                [Differentiable]
                public static double F(double x) => 2 * G(x, [|__arglist(x)|]);

                [Differentiable]
                public static double G(double x, __arglist) => x * x;
            }
            """, new ExpectedDiagnostic("NLPSYM102", "An '__arglist' argument ('__arglist(x)')"));
        AssertNotEmitted(run, "FBackward");
        run.AssertNoNewErrors();
    }

    // ---------------------------------------------------------------- healthy callees, however they are called

    [Theory]
    [InlineData("G(x)", "public static double G(double x, double scale = 2.0) => scale * x;")]
    [InlineData("G(x)", "public static double G(double x, [System.Runtime.InteropServices.Optional] double scale) => scale * x;")]
    [InlineData("G(scale: 3.0, x: x)", "public static double G(double x, double scale) => scale * x;")]
    [InlineData("G(x, 2)", "public static double G(double x, int n) => n * x;")]
    [InlineData("G(x, x)", "public static double G(double x, [NoDerivative] double scale) => scale * x;")]
    [InlineData("Nested.G(x)", "")]
    [InlineData("Generic<int>.G(x)", "")]
    [InlineData("G(x)", "public static double G(double x) => N(x) * 2; [Differentiable] public static double N(double x) => x * x;")]
    [InlineData("G(3)", "public static double G(int n) => n * 2.0;")]
    public void HealthyCalleesAreGeneratedWithTheirCallers(string call, string callee)
    {
        var run = GeneratorHarness.Run($$"""
            {{Usings}}
            public static partial class C
            {
                [Differentiable]
                public static double F(double x)
                {
                    var unused = {{call}};
                    return x * {{call}};
                }

                {{(callee.Length == 0 ? string.Empty : "[Differentiable] " + callee)}}

                public static partial class Nested
                {
                    [Differentiable] public static double G(double x) => x * x;
                }

                public static partial class Generic<T>
                {
                    [Differentiable] public static double G(double x) => x * x;
                }
            }
            """);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.True(run.Emitted("FBackward"), run.Describe());
        run.AssertCompiles();
    }
}
