using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Diagnostics;
using Xunit;
using static NlpSymbolic.Generator.Tests.DiagnosticVerifier;
using static NlpSymbolic.Generator.Tests.Sources;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// Every diagnostic the generator reports, at its exact location, with its severity and a message that
/// names the construct and what is supported. One test per parser branch that can report it.
/// </summary>
public sealed class DiagnosticTests
{
    // ---------------------------------------------------------------- every descriptor has a located example

    /// <summary>One example per descriptor (the first trigger of each id below); a new id without one fails here.</summary>
    private static readonly (string Id, string Markup, string[] Fragments)[] Examples =
    {
        ("NLPSYM001", """
            using NlpSymbolic;
            public partial class C
            {
                [Differentiable]
                public double [|F|](double x) => x * x;
            }
            """, new[] { "'F' must be static", "FBackward is a static method" }),
        ("NLPSYM112", """
            using NlpSymbolic;
            public partial class C
            {
                public double w;

                [Differentiable]
                public double F(double x)
                {
                    [|w|] = w * x;
                    return w;
                }
            }
            """, new[] { "'w' is a field of the model", "read-only inside a [Differentiable] method", "assign the new value to a local instead" }),
        ("NLPSYM002", """
            using NlpSymbolic;
            public static class [|C|]
            {
                [Differentiable]
                public static double F(double x) => x * x;
            }
            """, new[] { "Type 'C' must be declared partial", "FBackward" }),
        ("NLPSYM003", Method("return x;", parameters: "[|float|] x"), new[] { "Parameter 'x' has type 'float'", "supported are double, Vector<double>, Matrix<double>" }),
        ("NLPSYM004", Method("return x;", returnType: "[|float|]"), new[] { "'F' returns 'float'", "supported return types are double, Vector<double> and Matrix<double>" }),
        ("NLPSYM005", Method("return x;", parameters: "[|ref|] double x"), new[] { "Parameter 'x' is declared 'ref'", "by value" }),
        ("NLPSYM006", """
            using NlpSymbolic;
            public static partial class C
            {
                [Differentiable]
                public static double F[|<T>|](double x) => x * x;
            }
            """, new[] { "'F' is generic", "cannot have type parameters" }),
        ("NLPSYM007", """
            using NlpSymbolic;
            public static partial class C
            {
                [Differentiable]
                public static extern double [|F|](double x);
            }
            """, new[] { "'F' has no body", "give it a block or expression body" }),
        ("NLPSYM008", Method("return n * 2.0;", parameters: "int n").Replace("F(int", "[|F|](int"), new[] { "'F' has no differentiable parameter", "make a parameter double" }),
        ("NLPSYM009", Method("return x;", members: "public static double FBackward(double x, double dResult, ref double dx) => 0;").Replace(" F(double x)", " [|F|](double x)"),
            new[] { "Type 'C' already declares a member 'FBackward'" }),
        ("NLPSYM010", """
            using NlpSymbolic;
            [|file|] static partial class C
            {
                [Differentiable] public static double F(double x) => x * x;
            }
            """, new[] { "Type 'C' is file-local", "remove 'file'" }),
        ("NLPSYM011", """
            using NlpSymbolic;
            public static partial class C
            {
                [Differentiable] public static partial double [|F|](double x);
                public static partial double F(double x) => x * x;
            }
            """, new[] { "'F' is the defining declaration of a partial method", "put [Differentiable] on the implementing declaration" }),
        ("NLPSYM101", Method("[|try|] { x = x * 2; } finally { } return x;"), new[] { "A 'try' statement is not supported", "supported statements are declarations, assignments, if/else, for, while and do loops" }),
        ("NLPSYM102", Method("return [|x % 2.0|];"), new[] { "'x % 2.0' on double and double", "supported are arithmetic" }),
        ("NLPSYM103", Method("return [|Math.Atan2(x, 1.0)|];"), new[] { "'Math.Atan2(x, 1.0)' has no derivative rule", "supported here: ", "Exp", "on System.Math" }),
        ("NLPSYM104", Method("[|v[0]|] = x; return x;", parameters: "Vector<double> v, double x"), new[] { "element 'v[0]'", "assign a new value to a local instead" }),
        ("NLPSYM108", Method("return x > 10 ? x : [|F(2 * x)|];"), new[] { "'F' calls itself", "write the recursion as a loop" }),
        ("NLPSYM109", Method("ref double [|r = ref x|]; return r;"), new[] { "'r' is a ref local", "declare it without 'ref'" }),
        ("NLPSYM110", Method("if (x[0] > 0) { [|return x;|] } var y = 2 * x; return y;", parameters: "Vector<double> x", returnType: "Vector<double>"),
            new[] { "This return leaves other paths without a result", "returning Vector<double>" }),
        ("NLPSYM115", Method("var hs = new Vector<double>[2]; hs[0] = v; var gs = [|hs|]; return gs[0].Sum();", parameters: "Vector<double> v"),
            new[] { "'hs' is an array built in the method and cannot be assigned to 'gs'", "index it, write its elements, pass it to a call" }),
        ("NLPSYM116", Method("var k = [|new int[3]|]; return x;"), new[] { "Creating an array ('new int[3]') is not supported of this type", "var hs = new Vector<double>[n];" }),
        ("NLPSYM117", Method("var y = Vector<double>.Build.Dense(3); [|y[1]|] = x; return y.Sum();"), new[] { "Assigning to 'y[1]' changes the vector or matrix 'y' in place", "OneHot(n, i)" }),
        ("NLPSYM107", Method("return x * [|Scale|];", members: "static double Scale = 2;"), new[] { "'Scale' is not a parameter or local", "pass it as a parameter" }),
        ("NLPSYM113", Method("return [|(x, x) == (1.0, 2.0)|] ? x : 0;"), new[] { "Comparing tuples", "compare their components", "deconstructed into locals ('var (h, c) = Cell(…);'", "'r.h', 'r.Item1'", "'return (loss, h);'" }),
        ("NLPSYM114", Method("return p.Item1;", parameters: "[|(double, double)|] p"), new[] { "Parameter 'p' is the tuple '(double, double)'", "components of type double, Vector<double> or Matrix<double> only", "pass its components as separate parameters" }),
        ("NLPSYM201", Method("float [|f = 1|]; return x;"), new[] { "Local 'f' has type 'float'", "must be double, Vector<double>, Matrix<double>" }),
        ("NLPSYM120", """
            using NlpSymbolic;
            public static class Quantizer
            {
                public static double Round(double x) => System.Math.Round(x);

                [DerivativeOf(nameof(Round))]
                public static void [|RoundPullback|](double x, double dy, double dx) { }
            }
            """, new[] { "'Quantizer.RoundPullback' is declared as the derivative of 'Quantizer.Round'", "expected: static void RoundPullback(double x, double dy, ref double dx)" }),
        ("NLPSYM121", """
            using NlpSymbolic;
            public static class Quantizer
            {
                public static double Round(double x) => System.Math.Round(x);

                [[|DerivativeOf("Rond")|]]
                public static void RoundPullback(double x, double dy, ref double dx) => dx += dy;
            }
            """, new[] { "[DerivativeOf] on 'Quantizer.RoundPullback' names 'Quantizer.Rond'", "'Quantizer' has no method named 'Rond'" }),
        ("NLPSYM122", """
            using NlpSymbolic;
            public static class Quantizer
            {
                public static double Round(double x) => System.Math.Round(x);

                [[|DerivativeOf(nameof(Round))|]]
                public static void RoundPullback(double x, double dy, ref double dx) => dx += dy;
            }

            public static class Rules
            {
                [[|DerivativeOf(typeof(Quantizer), nameof(Quantizer.Round))|]]
                public static void RoundPullback(double x, double dy, ref double dx) => dx += dy;
            }
            """, new[] { "'Quantizer.Round(double)' already has a derivative", "is declared as its derivative too (keep one)" }),
        ("NLPSYM123", Method("return [|Helper(x)|];", members: "static double Helper(double a) => a;"),
            new[] { "'C.Helper' has no derivative: mark 'Helper' [Differentiable] so that its derivative is generated, or declare it: [DerivativeOf(nameof(Helper))] on static void HelperPullback(double a, double dy, ref double da)" }),
        ("NLPSYM124", """
            using NlpSymbolic;
            public static class Quantizer
            {
                public static double Round(double x) => System.Math.Round(x);
            }

            public static class Rules
            {
                [DerivativeOf(typeof(Quantizer), nameof(Quantizer.Round))]
                private static void [|RoundPullback|](double x, double dy, ref double dx) => dx += dy;
            }
            """, new[] { "'Rules.RoundPullback' is less accessible than 'Quantizer.Round(double)'", "generated code calls it wherever 'Quantizer.Round(double)' is called; make it internal" }),
        ("NLPSYM202", Method("return x > limit ? x : 0.0;", parameters: "double x, double [|limit|]"),
            new[] { "The gradient of 'limit' is always zero because it reaches the result only through conditions", "FBackward never writes dlimit", "mark 'limit' [NoDerivative] if it is data" }),
    };

    /// <summary>Examples that cannot show their id alone: every marked span, in order, with the id expected there.</summary>
    private static readonly (string Id, string Markup, ExpectedDiagnostic[] Expected)[] ExamplesWithOthers =
    {
        ("NLPSYM111", Method("return 2 * [|G(x)|];", members: "[Differentiable] public static double G(double x) => [|Math.Atan2(x, 1.0)|];"), new[]
        {
            // Method() puts the members (the callee) before F.
            new ExpectedDiagnostic("NLPSYM103", "Math.Atan2"),
            new ExpectedDiagnostic("NLPSYM111", "'C.G(double)' could not be differentiated (see the error reported for it)", "FBackward", "fix the error in 'C.G(double)'"),
        }),
    };

    public static TheoryData<string> DescriptorIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DiagnosticDescriptors.All.Where(d => d.Id != GeneratorHarness.InternalErrorId))
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void EveryDescriptorHasALocatedExample(string id)
    {
        var examples = Examples.Where(e => e.Id == id)
            .Select(e => (e.Markup, Expected: Enumerable.Repeat(new ExpectedDiagnostic(id, e.Fragments), Markup.Parse(e.Markup).Spans.Length).ToArray()))
            .Concat(ExamplesWithOthers.Where(e => e.Id == id).Select(e => (e.Markup, e.Expected)))
            .ToList();
        Assert.True(examples.Count > 0, $"{id} has no example in DiagnosticTests.Examples.");
        foreach (var example in examples)
        {
            var run = Verify(example.Markup, example.Expected);
            if (ExpectedSeverity(id) == DiagnosticSeverity.Error)
            {
                AssertNotEmitted(run, "FBackward");
            }
        }
    }

    [Fact]
    public void DescriptorsAreWellFormed()
    {
        var all = DiagnosticDescriptors.All;
        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct().Count());
        foreach (var descriptor in all)
        {
            Assert.Matches("^NLPSYM[0-9]{3}$", descriptor.Id);
            Assert.Equal("NlpSymbolic", descriptor.Category);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Same(descriptor, DiagnosticDescriptors.ById(descriptor.Id));
            Assert.Equal(ExpectedSeverity(descriptor.Id), descriptor.DefaultSeverity);
        }

        Assert.Equal(DiagnosticSeverity.Error, DiagnosticDescriptors.InternalError.DefaultSeverity);
    }

    [Fact]
    public void EveryDescriptorIsInTheAnalyzerReleases()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "generator", "NlpSymbolic.Generator", "AnalyzerReleases.Unshipped.md")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var generator = Path.Combine(directory!.FullName, "generator", "NlpSymbolic.Generator");
        var releases = File.ReadAllText(Path.Combine(generator, "AnalyzerReleases.Shipped.md"))
            + File.ReadAllText(Path.Combine(generator, "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var severity = descriptor.DefaultSeverity == DiagnosticSeverity.Warning ? "Warning" : "Error";
            Assert.Matches($@"(?m)^{descriptor.Id}\s*\|\s*NlpSymbolic\s*\|\s*{severity}\s*\|", releases);
        }
    }

    // ---------------------------------------------------------------- 0xx: signatures and attributes

    [Fact]
    public void NLPSYM001_InstanceMethodInStruct() => VerifyError("""
        using NlpSymbolic;
        public partial struct S
        {
            [Differentiable]
            public double [|F|](double x) => x * x;
        }
        """, "NLPSYM001", "'F' must be static", "FBackward");

    [Theory]
    [InlineData("class")]
    [InlineData("struct")]
    [InlineData("record")]
    [InlineData("record struct")]
    public void NLPSYM002_NonPartialType(string keyword) => VerifyError($$"""
        using NlpSymbolic;
        public {{keyword}} [|C|]
        {
            [Differentiable]
            public static double F(double x) => x * x;
        }
        """, "NLPSYM002", "Type 'C' must be declared partial", "FBackward can be generated");

    [Fact]
    public void NLPSYM002_NonPartialOuterTypeOfPartialNestedType() => VerifyError("""
        using NlpSymbolic;
        namespace N
        {
            public class [|Outer|]
            {
                public static partial class Inner
                {
                    [Differentiable]
                    public static double F(double x) => x * x;
                }
            }
        }
        """, "NLPSYM002", "Type 'Outer' must be declared partial", "FBackward");

    [Fact]
    public void NLPSYM002_EveryNonPartialTypeIsReported() => VerifyError("""
        using NlpSymbolic;
        public class [|Outer|]
        {
            public partial class Middle
            {
                public static class [|Inner|]
                {
                    [Differentiable]
                    public static double F(double x) => x * x;
                }
            }
        }
        """,
        new ExpectedDiagnostic("NLPSYM002", "Type 'Outer'"),
        new ExpectedDiagnostic("NLPSYM002", "Type 'Inner'"));

    [Theory]
    [InlineData("[|float|] x", "'float'")]
    [InlineData("[|string|] x", "'string'")]
    [InlineData("[|double?|] x", "'double?'")]
    [InlineData("[|Vector<float>|] x", "'MathNet.Numerics.LinearAlgebra.Vector<float>'")]
    [InlineData("[|Matrix<float>|] x", "'MathNet.Numerics.LinearAlgebra.Matrix<float>'")]
    [InlineData("[|List<double>|] x", "'System.Collections.Generic.List<double>'")]
    [InlineData("[|double[,]|] x", "'double[*,*]'")]
    [InlineData("[|double[][]|] x", "'double[][]'")]
    [InlineData("double y, [|long|] x", "'long'")]
    public void NLPSYM003_UnsupportedParameterType(string parameters, string typeText) =>
        VerifyError(Method("return 1.0;", parameters: parameters), "NLPSYM003",
            "Parameter 'x' has type " + typeText,
            "supported are double, Vector<double>, Matrix<double>, double[], Vector<double>[] (differentiable) and int, bool, int[]");

    [Fact]
    public void NLPSYM003_EveryBadParameterIsReported() =>
        VerifyError(Method("return 1.0;", parameters: "[|float|] a, double x, [|decimal|] b"),
            new ExpectedDiagnostic("NLPSYM003", "Parameter 'a' has type 'float'"),
            new ExpectedDiagnostic("NLPSYM003", "Parameter 'b' has type 'decimal'"));

    [Theory]
    [InlineData("[|float|]", "return 1f;", "'float'")]
    [InlineData("[|void|]", "", "'void'")]
    [InlineData("[|int|]", "return 1;", "'int'")]
    [InlineData("[|bool|]", "return x > 0;", "'bool'")]
    [InlineData("[|double[]|]", "return new[] { x };", "'double[]'")]
    [InlineData("[|Vector<double>[]|]", "return new Vector<double>[0];", "'MathNet.Numerics.LinearAlgebra.Vector<double>[]'")]
    [InlineData("[|Vector<float>|]", "return Vector<float>.Build.Dense(1);", "'MathNet.Numerics.LinearAlgebra.Vector<float>'")]
    public void NLPSYM004_UnsupportedReturnType(string returnType, string body, string typeText) =>
        VerifyError(Method(body, returnType: returnType), "NLPSYM004",
            "'F' returns " + typeText, "supported return types are double, Vector<double> and Matrix<double>");

    [Theory]
    [InlineData("[|ref|] double x", "ref")]
    [InlineData("[|out|] double x", "out")]
    [InlineData("[|in|] double x", "in")]
    [InlineData("[|ref|] readonly double x", "ref")]
    [InlineData("[|scoped|] ref double x", "scoped")]
    [InlineData("[|params|] double[] x", "params")]
    [InlineData("[|this|] double x", "this")]
    public void NLPSYM005_ParameterModifier(string parameters, string modifier)
    {
        var body = modifier == "out" ? "x = 1; return 2.0;" : "return 2.0;";
        VerifyError(Method(body, parameters: parameters), "NLPSYM005",
            $"Parameter 'x' is declared '{modifier}'",
            modifier == "out" ? "take their inputs by value (an 'out' parameter is a result: return it instead)" : $"take their inputs by value (remove '{modifier}')");
    }

    [Theory]
    [InlineData("<T>", "")]
    [InlineData("<T, U>", "")]
    [InlineData("<T>", " where T : struct")]
    public void NLPSYM006_GenericMethod(string typeParameters, string constraints) => VerifyError($$"""
        using NlpSymbolic;
        public static partial class C
        {
            [Differentiable]
            public static double F[|{{typeParameters}}|](double x){{constraints}} => x * x;
        }
        """, "NLPSYM006", "'F' is generic", "cannot have type parameters (use double, Vector<double> or Matrix<double>)");

    [Fact]
    public void NLPSYM007_PartialMethodDeclarationWithoutImplementation() => VerifyError("""
        using NlpSymbolic;
        public static partial class C
        {
            [Differentiable]
            public static partial double [|F|](double x);
        }
        """, "NLPSYM007", "'F' has no body to differentiate", "give it a block or expression body");

    [Fact]
    public void NLPSYM007_StaticAbstractInterfaceMember() => VerifyError("""
        using NlpSymbolic;
        public partial interface I
        {
            [Differentiable]
            static abstract double [|F|](double x);
        }
        """, "NLPSYM007", "'F' has no body to differentiate");

    [Theory]
    [InlineData("int n", "return n * 2.0;")]
    [InlineData("[NoDerivative] double x", "return x * x;")]
    [InlineData("[NoDerivative] Vector<double> v, int k", "return v[k];")]
    [InlineData("bool b, int[] idx", "return b ? idx[0] : 1.0;")]
    [InlineData("", "return 1.5;")]
    public void NLPSYM008_NoDifferentiableParameter_WarnsAndStillGenerates(string parameters, string body)
    {
        var run = Verify(Method(body, parameters: parameters).Replace(" F(", " [|F|]("), "NLPSYM008",
            "[Differentiable] method 'F' has no differentiable parameter, so FBackward only recomputes the value",
            "make a parameter double, Vector<double>, Matrix<double>, double[] or Vector<double>[] without [NoDerivative]");
        Assert.True(run.Emitted("FBackward"), run.Describe());
        run.AssertCompiles();
    }

    [Theory]
    [InlineData("public static double FBackward(double x, double dResult, ref double dx) => 0;")]
    [InlineData("private static void FBackward(double a, double b, double c) { }")]
    [InlineData("public static int FBackward => 0;")]
    [InlineData("public static int FBackward;")]
    [InlineData("public const int FBackward = 1;")]
    [InlineData("public static event Action? FBackward;")]
    [InlineData("public class FBackward { }")]
    public void NLPSYM009_BackwardNameTaken(string member) =>
        VerifyError(Method("return x * x;", members: member).Replace(" F(double x)", " [|F|](double x)"), "NLPSYM009",
            "Type 'C' already declares a member 'FBackward' that clashes with the generated backward method", "rename it");

    [Fact]
    public void NLPSYM009_MemberInAnotherPartOfTheType()
    {
        var (source, _) = Markup.Parse(Method("return x * x;"));
        var other = """
            namespace Tests;
            public static partial class C
            {
                public static double FBackward(double x, double dResult, ref double dx) => 0;
            }
            """;
        var run = GeneratorHarness.Run(("Test.cs", source), ("Other.cs", other));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NLPSYM009", diagnostic.Id);
        Assert.Equal("Test.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("F", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        AssertNotEmitted(run, "FBackward");
    }

    [Theory]
    [InlineData("public static double FBackward(string s) => 0;")]
    [InlineData("public static double FBackward(double x) => 0;")]
    [InlineData("public static double FBackward(int a, double b, double c) => 0;")]
    [InlineData("public static double Backward(double x, double dResult, ref double dx) => 0;")]
    public void NLPSYM009_NotReportedForAnOverloadThatDoesNotClash(string member)
    {
        var run = GeneratorHarness.Run(Method("return x * x;", members: member));
        run.AssertNoGeneratorDiagnostics();
        Assert.True(run.Emitted("FBackward"), run.Describe());
        run.AssertCompiles();
    }

    // ---------------------------------------------------------------- 1xx: unsupported syntax

    [Theory]
    [InlineData("[|foreach|] (var e in a) { x = x * e; } return x;", "A 'foreach' loop (use a for loop over the index)")]
    [InlineData("[|switch|] (n) { default: break; } return x;", "A 'switch' statement (use if/else)")]
    [InlineData("[|try|] { x = 2 * x; } finally { } return x;", "A 'try' statement")]
    [InlineData("[|throw|] new InvalidOperationException();", "A 'throw' statement")]
    [InlineData("[|using|] (var s = new System.IO.MemoryStream()) { } return x;", "A 'using' statement")]
    [InlineData("[|lock|] (a) { x = 2 * x; } return x;", "A 'lock' statement")]
    [InlineData("static double [|G|](double y) => y; return x;", "A local function")]
    [InlineData("[|using var s = new System.IO.MemoryStream();|] return x;", "This statement")]
    public void NLPSYM101_UnsupportedStatement(string body, string what) =>
        VerifyError(Method(body, parameters: "double x, int n, double[] a"), "NLPSYM101",
            what + " is not supported in a [Differentiable] method",
            "supported statements are declarations, assignments, if/else, for, while and do loops, break, continue and return");

    [Fact]
    public void NLPSYM101_GotoAndItsLabel() =>
        VerifyError(Method("[|goto|] L; [|L|]: return x;"),
            new ExpectedDiagnostic("NLPSYM101", "A 'goto' statement is not supported"),
            new ExpectedDiagnostic("NLPSYM101", "A labeled statement is not supported"));

    [Fact]
    public void NLPSYM101_EveryUnsupportedStatementIsReported() =>
        VerifyError(Method("[|try|] { x = x / 2; } finally { } for (var i = 0; i < 2; i++) { [|lock|] (a) { x = -x; } } return x;", parameters: "double x, double[] a"),
            new ExpectedDiagnostic("NLPSYM101", "A 'try' statement"),
            new ExpectedDiagnostic("NLPSYM101", "A 'lock' statement"));

    [Theory]
    [InlineData("return [|x % 2.0|];", "The operator in 'x % 2.0' on double and double")]
    [InlineData("var k = [|~n|]; return x;", "The operator in '~n' on int")]
    [InlineData("var k = [|n & 1|]; return x;", "The operator in 'n & 1' on int and int")]
    [InlineData("bool b = [|x is > 0.0|]; return x;", "'x is > 0.0'")]
    [InlineData("return [|x switch { > 0 => x, _ => 0 }|];", "'x switch { > 0 => x, _ => 0 }'")]
    [InlineData("v.ToString([|\"G4\"|]); return x;", "'\"G4\"'")]
    [InlineData("int k = [|(int)x|]; return x;", "The conversion from 'double' to 'int'")]
    public void NLPSYM102_UnsupportedExpression(string body, string what) =>
        VerifyError(Method(body, parameters: "double x, int n, Vector<double> v"), "NLPSYM102",
            what + " is not supported in a [Differentiable] method",
            "supported are arithmetic, comparisons, ?:, locals, parameters, literals and the operations listed in the README");

    [Theory]
    [InlineData("return [|v.L1Norm()|];", "'v.L1Norm()'", "(on Vector<double>)")]
    [InlineData("return [|M.Inverse()|][0, 0];", "'M.Inverse()'", "(on Matrix<double>)")]
    [InlineData("return [|M.Trace()|];", "'M.Trace()'", "(on Matrix<double>)")]
    [InlineData("return [|Math.Atan2(x, 1.0)|];", "'Math.Atan2(x, 1.0)'", "(on System.Math)")]
    [InlineData("return [|Math.Log(x, 2.0)|];", "'Math.Log(x, 2.0)'", "(on System.Math)")]
    [InlineData("return [|Random.Shared.NextDouble()|] * x;", "'System.Random.NextDouble'", "System.Math and NlpSymbolic.Functions")]
    [InlineData("return [|x.CompareTo(1.0)|];", "'double.CompareTo'", "System.Math and NlpSymbolic.Functions")]
    public void NLPSYM103_UnsupportedOperation(string body, string what, string supported) =>
        VerifyError(Method(body, parameters: "double x, Vector<double> v, Matrix<double> M", members: "static double Helper(double y) => y;"),
            "NLPSYM103", what + " has no derivative rule; supported here: ", supported);

    [Fact]
    public void NLPSYM103_NamesTheSupportedMembersOfTheOwner() =>
        VerifyError(Method("return [|v.L1Norm()|];", parameters: "Vector<double> v"), "NLPSYM103",
            "DotProduct", "PointwiseMultiply", "Sum", "indexer", "+");

    [Theory]
    [InlineData("[|v[0]|] = x; return x;", "the element 'v[0]'")]
    [InlineData("[|M[0, 1]|] = x; return x;", "the element 'M[0, 1]'")]
    [InlineData("[|a[0]|] = x; return x;", "the array element 'a[0]'")]
    [InlineData("[|a[0]|] += x; return x;", "the array element 'a[0]'")]
    [InlineData("[|Field|] = x; return x;", "the field 'Field'")]
    [InlineData("[|Other.Value|] = x; return x;", "the field 'Value'")]
    [InlineData("[|Prop|] = x; return x;", "the property 'Prop'")]
    [InlineData("[|Prop|] *= x; return x;", "the property 'Prop'")]
    public void NLPSYM104_UnsupportedAssignmentTarget(string body, string what) =>
        VerifyError(Method(body, parameters: "double x, double[] a, Vector<double> v, Matrix<double> M",
                members: "static double Field; static double Prop { get; set; }"),
            "NLPSYM104", "Assigning to " + what + " mutates a value in place", "assign a new value to a local instead");

    [Theory]
    [InlineData("var v = [|Vector<double>.Build.Random(3)|]; return v.Sum();", "Dense (on Vector<double>.Build)")]
    [InlineData("var M = [|Matrix<double>.Build.DenseIdentity(3)|]; return M.FrobeniusNorm();", "Dense, DenseOfColumnVectors, DenseOfRowVectors (on Matrix<double>.Build)")]
    public void NLPSYM103_ABuilderCallNamesTheBuildersThatAreSupported(string body, string supported) =>
        VerifyError(Method(body), "NLPSYM103", "has no derivative rule", "supported here: " + supported);

    [Theory]
    [InlineData("return [|v.Max()|];", "v.Maximum()")]
    [InlineData("return [|v.Min()|];", "v.Minimum()")]
    public void NLPSYM103_LinqOverAVectorNamesTheMathNetMethod(string body, string instead) =>
        VerifyError(Method(body, parameters: "Vector<double> v").Replace("using NlpSymbolic;", "using NlpSymbolic;\nusing System.Linq;"),
            "NLPSYM103", "System.Linq.Enumerable.M", "for a vector write " + instead + " instead");

    [Theory]
    [InlineData("var hs = new Vector<double>[2]; hs[0] = v; var gs = [|hs|]; return gs[0].Sum();", "'hs' is an array built in the method and cannot be assigned to 'gs'")]
    [InlineData("var hs = new Vector<double>[2]; hs[0] = v; [|hs = new Vector<double>[3]|]; return x;", "'hs' is an array built in the method and cannot be assigned again")]
    [InlineData("var hs = new Vector<double>[1]; hs[0] = v; var gs = xs; var ks = [|x > 0 ? hs : gs|]; return ks[0].Sum();", "'hs' is an array built in the method and cannot be chosen by ?:")]
    [InlineData("var s = new double[2]; for (var i = 0; i < 2; i++) { [|s = xs2|]; } return s[0];", "'s' is an array built in the method and cannot be assigned again")]
    public void NLPSYM115_ABuiltArrayKeepsItsOneName(string body, string message) =>
        VerifyError(Method(body, parameters: "double x, Vector<double> v, Vector<double>[] xs, double[] xs2"), "NLPSYM115",
            message, "it keeps the one name it was declared with");

    [Theory]
    [InlineData("var w = Functions.Concat([|new Vector<double>[2]|]); return x;", "'new Vector<double>[2]') is not supported here; create it as the value of a local declaration")]
    [InlineData("var k = [|new int[3]|]; return x;", "'new int[3]') is not supported of this type")]
    [InlineData("Vector<double>[] hs; [|hs = new Vector<double>[2]|]; return x;", "'hs = new Vector<double>[2]') is not supported")]
    public void NLPSYM116_ArraysAreCreatedByALocalDeclaration(string body, string message)
    {
        var markup = Method(body, parameters: "double x, Vector<double> v");
        if (body.StartsWith("Vector<double>[] hs;", StringComparison.Ordinal))
        {
            // The creation in an assignment is reported at the creation itself.
            markup = markup.Replace("[|hs = new Vector<double>[2]|]", "hs = [|new Vector<double>[2]|]");
            message = "'new Vector<double>[2]') is not supported here";
        }

        VerifyError(markup, "NLPSYM116", "Creating an array (" + message);
    }

    [Theory]
    [InlineData("var y = Vector<double>.Build.Dense(3); [|y[1]|] = x; return y.Sum();", "'y[1]'", "'y'")]
    [InlineData("var y = Functions.OneHot(3, 0); [|y[1]|] += x; return y.Sum();", "'y[1]'", "'y'")]
    [InlineData("var M = Matrix<double>.Build.Dense(2, 2, x); [|M[0, 1]|] = 1.0; return M.FrobeniusNorm();", "'M[0, 1]'", "'M'")]
    public void NLPSYM117_WritingAnElementOfABuiltVectorSaysWhatToBuildInstead(string body, string element, string vector) =>
        VerifyError(Method(body), "NLPSYM117", "Assigning to " + element + " changes the vector or matrix " + vector + " in place", "OneHot(n, i) for a one-hot vector");

    /// <summary>One construct, one diagnostic: the uses of a rejected local are not reported again.</summary>
    [Theory]
    [InlineData("float [|f = 1|]; return x * f + f;", "NLPSYM201")]
    [InlineData("static double [|G|](double y) => y; return G(x) + G(2 * x);", "NLPSYM101")]
    public void AConstructIsReportedOnceNotAtEveryUse(string body, string id)
    {
        var run = GeneratorHarness.Run(Method(body).Replace("[|", string.Empty).Replace("|]", string.Empty));
        Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, run.GeneratorDiagnostics[0].Id);
    }

    [Fact]
    public void NLPSYM108_DirectRecursion() =>
        VerifyError(Method("if (x > 10) { return x; } return [|F(2 * x)|] + 1;"), "NLPSYM108", "'F' calls itself", "write the recursion as a loop");

    [Theory]
    [InlineData("ref double [|r = ref x|]; return r;")]
    [InlineData("ref readonly double [|r = ref a[0]|]; return r * x;")]
    public void NLPSYM109_RefLocal(string body) =>
        VerifyError(Method(body, parameters: "double x, double[] a"), "NLPSYM109", "'r' is a ref local", "declare it without 'ref'");

    [Theory]
    [InlineData("if (x[0] > 0) { [|return x;|] } return 2 * x;", "Vector<double> x", "Vector<double>")]
    [InlineData("for (var i = 0; i < 3; i++) { if (M[0, 0] > i) { [|return M;|] } } return -M;", "Matrix<double> M", "Matrix<double>")]
    public void NLPSYM110_EarlyReturnOfAVectorOrMatrix(string body, string parameters, string returnType) =>
        VerifyError(Method(body, parameters: parameters, returnType: returnType), "NLPSYM110", "This return leaves other paths without a result", "returning " + returnType);

    [Theory]
    [InlineData("if (x > 0) { return x * x; } return 2 * x;")]
    [InlineData("{ return x; }")]
    [InlineData("for (var i = 0; i < 3; i++) { if (x > i) { return x; } x = x * 2; } return x;")]
    public void EarlyReturnOfAScalarIsSupported(string body)
    {
        var run = GeneratorHarness.Run(Method(body));
        run.AssertNoGeneratorDiagnostics();
        Assert.True(run.Emitted("FBackward"), run.Describe());
        run.AssertCompiles();
    }

    [Fact]
    public void EarlyReturnOfAVectorOnEveryPathIsSupported()
    {
        var run = GeneratorHarness.Run(Method("if (x[0] > 0) { return 2 * x; } else { return -x; }", parameters: "Vector<double> x", returnType: "Vector<double>"));
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
    }

    [Fact]
    public void CallsToDifferentiableMethodsCompile()
    {
        var run = GeneratorHarness.Run(Method("var s = 0.0; for (var i = 0; i < 3; i++) { s += G(x) + D.H(x); } return s;",
            members: "[Differentiable] public static double G(double y) => y * y;") + """

            public static partial class D
            {
                [Differentiable] public static double H(double y) => 3 * y;
            }
            """);
        run.AssertNoGeneratorDiagnostics();
        Assert.True(run.Emitted("FBackward") && run.Emitted("GBackward"), run.Describe());
        run.AssertCompiles();
    }

    [Theory]
    [InlineData("return x * [|Field|];", "'Field'")]
    [InlineData("return x * [|ReadOnlyField|];", "'ReadOnlyField'")]
    [InlineData("return x * [|Prop|];", "'Prop'")]
    [InlineData("return x * [|C.Prop|];", "'Prop'")]
    [InlineData("return x * [|Other.Value|];", "'Value'")]
    [InlineData("var y = [|Field|]; return x * y;", "'Field'")]
    public void NLPSYM107_ExternalState(string body, string what) =>
        VerifyError(Method(body, members: "static double Field = 2; static readonly double ReadOnlyField = 2; static double Prop => 2;"),
            "NLPSYM107", what + " is not a parameter or local of the method",
            "[Differentiable] methods see only their parameters (pass it as a parameter, with [NoDerivative] if it needs no gradient)");

    [Fact]
    public void NLPSYM107_ThisInAStaticMethodIsLeftToTheCompiler()
    {
        // `this` cannot appear in a static method without a compile error (CS0026), and a [Differentiable]
        // method must be static (NLPSYM001 otherwise, which stops before the body). The generator stays quiet.
        var run = GeneratorHarness.Run(Method("return x * this.Prop;", members: "double Prop => 2;").Replace("static partial class", "partial class"));
        Assert.Contains(run.InputCompilation.GetDiagnostics(), d => d.Id == "CS0026");
        run.AssertNoGeneratorDiagnostics();
        AssertNotEmitted(run, "FBackward");
    }

    [Fact]
    public void NLPSYM107_ThisInAnInstanceMethodIsNotReachedAfterNLPSYM001() =>
        VerifyError("""
            using NlpSymbolic;
            public partial class C
            {
                double Prop => 2;

                [Differentiable]
                public double [|F|](double x) => x * this.Prop;
            }
            """, "NLPSYM001", "'F' must be static");

    [Theory]
    [InlineData("return x * Scale;", "const double Scale = 2;")]
    [InlineData("return x * Math.PI + double.Epsilon;", "")]
    [InlineData("return x * Other2.Half;", "")]
    public void NLPSYM107_NotReportedForConstants(string body, string members)
    {
        var run = GeneratorHarness.Run(Method(body, members: members) + "\npublic static class Other2 { public const double Half = 0.5; }");
        run.AssertNoGeneratorDiagnostics();
        Assert.True(run.Emitted("FBackward"), run.Describe());
        run.AssertCompiles();
    }

    // ---------------------------------------------------------------- 2xx: types

    [Theory]
    [InlineData("float [|f = 1|]; return x;", "Local 'f' has type 'float'")]
    [InlineData("var [|w = Vector<float>.Build.Dense(3)|]; return x;", "Local 'w' has type 'MathNet.Numerics.LinearAlgebra.Vector<float>")]
    [InlineData("List<double> [|xs = new List<double>()|]; return x;", "Local 'xs' has type 'System.Collections.Generic.List<double>'")]
    [InlineData("string [|s = \"a\"|]; return x;", "Local 's' has type 'string'")]
    [InlineData("double? [|y = x|]; return x;", "Local 'y' has type 'double?'")]
    [InlineData("long [|k|]; return x;", "Local 'k' has type 'long'")]
    [InlineData("return [|(float)x|];", "'(float)x' has type 'float'")]
    [InlineData("return x * [|(long)n|];", "'(long)n' has type 'long'")]
    public void NLPSYM201_UnsupportedType(string body, string what) =>
        VerifyError(Method(body, parameters: "double x, int n"), "NLPSYM201",
            what, "values in a [Differentiable] method must be double, Vector<double>, Matrix<double>, double[], Vector<double>[], int, int[] or bool");

    [Fact]
    public void NLPSYM201_EveryDeclaratorIsReported() =>
        VerifyError(Method("float [|a = 1|], [|b = 2|]; return x;"),
            new ExpectedDiagnostic("NLPSYM201", "Local 'a' has type 'float'"),
            new ExpectedDiagnostic("NLPSYM201", "Local 'b' has type 'float'"));

    // ---------------------------------------------------------------- errors stop generation of that method only

    [Fact]
    public void AMethodWithAnErrorGetsNoBackwardButItsNeighboursDo()
    {
        var run = Verify("""
            using System;
            using NlpSymbolic;
            public static partial class C
            {
                [Differentiable]
                public static double Good(double x) => x * x;

                [Differentiable]
                public static double F(double x) => [|Math.Atan2(x, 1)|];

                [Differentiable]
                public static double AlsoGood(double x) => Math.Exp(x);
            }
            """, "NLPSYM103", "Math.Atan2");
        AssertNotEmitted(run, "FBackward");
        Assert.True(run.Emitted("GoodBackward"), run.Describe());
        Assert.True(run.Emitted("AlsoGoodBackward"), run.Describe());
        run.AssertNoNewErrors();
        Assert.Equal(2, run.GeneratedSources.Length);
    }

    [Fact]
    public void SignatureErrorsAndBodyErrorsAreNotMixed()
    {
        // A signature error stops before the body: the unsupported loop inside is not reported as well.
        VerifyError(Method("for (;;) { } return x;", parameters: "[|float|] y, double x"), "NLPSYM003", "Parameter 'y'");
    }

    [Fact]
    public void EveryProblemInTheBodyIsReportedInOneBuild() =>
        VerifyError(Method("float [|f = 1|]; [|a[0]|] = x; var y = x * [|Field|]; return [|Math.Atan2(x, 1.0)|];",
                parameters: "double x, double[] a", members: "static double Field = 2;"),
            new ExpectedDiagnostic("NLPSYM201", "Local 'f'"),
            new ExpectedDiagnostic("NLPSYM104", "a[0]"),
            new ExpectedDiagnostic("NLPSYM107", "'Field'"),
            new ExpectedDiagnostic("NLPSYM103", "Math.Atan2"));
}
