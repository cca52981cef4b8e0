using Xunit;
using static NlpSymbolic.Generator.Tests.DiagnosticVerifier;
using static NlpSymbolic.Generator.Tests.Sources;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// [DerivativeOf]: where generated code calls a declared pullback, and each way a declaration can be wrong, at its
/// exact span with the message that says what to write.
/// </summary>
public sealed class CustomDerivativeDiagnosticTests
{
    private const string Quantizer = """
        public static class Quantizer
        {
            public static double Round(double x) => Math.Round(x);

            public static Vector<double> Round(Vector<double> v) => v.Map(Math.Round);

            public static double Scaled(Matrix<double> A, Vector<double> v, int k, [NoDerivative] double s) => k * s * (A * v).Sum();
        }
        """;

    private static string WithQuantizer(string body, string parameters = "double x", string members = "", string rules = "") =>
        Method(body, parameters: parameters, members: members) + "\n" + Quantizer + "\n" + rules;

    [Fact]
    public void ACallGetsTheDeclaredPullbackInItsReverseSweep()
    {
        var run = GeneratorHarness.Run(WithQuantizer(
            "var y = 0.0; for (var i = 0; i < 3; i++) { if (y < 1) { y += Quantizer.Round(x * i); } } return y;",
            rules: """
                public static class Rules
                {
                    [DerivativeOf(typeof(Quantizer), nameof(Quantizer.Round))]
                    internal static void RoundPullback(double x, double dy, ref double dx) => dx += dy;
                }
                """));
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
        Assert.Contains("global::Tests.Quantizer.Round(", run.AllGeneratedText);
        Assert.Contains("global::Tests.Rules.RoundPullback(", run.AllGeneratedText);
    }

    [Fact]
    public void OverloadsArePickedBySignature()
    {
        var run = GeneratorHarness.Run(WithQuantizer(
            "return Quantizer.Round(v) * v + Quantizer.Round(v[0]);",
            parameters: "Vector<double> v",
            rules: """
                public static class Rules
                {
                    [DerivativeOf(typeof(Quantizer), nameof(Quantizer.Round))]
                    public static void RoundPullback(double x, double dy, ref double dx) => dx += dy;

                    [DerivativeOf(typeof(Quantizer), nameof(Quantizer.Round))]
                    public static void RoundPullback(Vector<double> v, Vector<double> dy, Vector<double> dv) => dv.Add(dy, dv);
                }
                """));
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
    }

    [Fact]
    public void IntAndNoDerivativeParametersGetNoGradient() =>
        Verify(WithQuantizer("return 0;", parameters: "double x", rules: """
            public static class Rules
            {
                [DerivativeOf(typeof(Quantizer), nameof(Quantizer.Scaled))]
                public static void [|ScaledPullback|](Matrix<double> A, Vector<double> v, int k, double s, double dy, Matrix<double> dA, Vector<double> dv, ref double ds) { }
            }
            """).Replace("return 0;", "return x;"),
            "NLPSYM120",
            "expected: static void ScaledPullback(Matrix<double> A, Vector<double> v, int k, double s, double dy, Matrix<double> dA, Vector<double> dv)");

    [Fact]
    public void NLPSYM120_ListsTheExpectedSignatureOfEveryOverload() =>
        Verify(WithQuantizer("return x;", rules: """
            public static class Rules
            {
                [DerivativeOf(typeof(Quantizer), nameof(Quantizer.Round))]
                public static double [|RoundPullback|](double x, double dy) => dy;
            }
            """),
            "NLPSYM120",
            "'Rules.RoundPullback' is declared as the derivative of 'Quantizer.Round'",
            "expected: static void RoundPullback(double x, double dy, ref double dx) or static void RoundPullback(Vector<double> v, Vector<double> dy, Vector<double> dv)");

    [Fact]
    public void NLPSYM121_TheNamedMethodIsAnInstanceMethod() =>
        Verify("""
            using NlpSymbolic;
            public class Counter
            {
                public double Next(double x) => x + 1;

                [[|DerivativeOf(nameof(Next))|]]
                public static void NextPullback(double x, double dy, ref double dx) => dx += dy;
            }
            """,
            "NLPSYM121", "names 'Counter.Next', but 'Next' is an instance method (only static methods can have a declared derivative)");

    [Fact]
    public void NLPSYM121_TheNamedMethodHasAnUnsupportedType() =>
        Verify("""
            using NlpSymbolic;
            public static class Single
            {
                public static float Half(float x) => x / 2;

                [[|DerivativeOf(nameof(Half))|]]
                public static void HalfPullback(float x, float dy, ref float dx) => dx += dy / 2;
            }
            """,
            "NLPSYM121", "its parameter 'x' has type 'float'");

    [Fact]
    public void NLPSYM122_TheFunctionIsDifferentiable() =>
        Verify("""
            using NlpSymbolic;
            public static partial class Model
            {
                [Differentiable]
                public static double Square(double x) => x * x;

                [[|DerivativeOf(nameof(Square))|]]
                public static void SquareDerivative(double x, double dy, ref double dx) => dx += 2 * x * dy;
            }
            """,
            "NLPSYM122", "'Model.Square(double)' already has a derivative: it is [Differentiable], so its derivative is generated");

    [Fact]
    public void NLPSYM123_AFunctionWithoutADerivative() =>
        VerifyError(WithQuantizer("return [|Quantizer.Round(x)|];"),
            "NLPSYM123",
            "'Quantizer.Round' has no derivative: mark 'Round' [Differentiable] so that its derivative is generated, or declare it: [DerivativeOf(typeof(Quantizer), nameof(Quantizer.Round))] on static void RoundPullback(double x, double dy, ref double dx)");

    [Fact]
    public void NLPSYM123_ALibraryFunctionCanOnlyBeDeclared() =>
        VerifyError(Method("return [|MathNet.Numerics.SpecialFunctions.Erf(x)|];"),
            "NLPSYM123",
            "'SpecialFunctions.Erf' has no derivative: declare it with [DerivativeOf(typeof(SpecialFunctions), nameof(SpecialFunctions.Erf))] on static void ErfPullback(double x, double dy, ref double dx)");

    [Fact]
    public void NLPSYM123_AnOutParameterIsAResult() =>
        VerifyError(Method("return [|Helper(x, out var y)|] + y;", members: "static double Helper(double a, out double b) { b = a; return a; }"),
            "NLPSYM123", "'C.Helper' has no derivative", "its parameter 'b' is 'out' (return the value instead)");

    [Fact]
    public void NLPSYM123_AnInstanceHelperShouldBeStatic() =>
        VerifyError(Method("return [|new Scaler().Apply(x)|];", members: "public sealed class Scaler { public double Apply(double a) => 2 * a; }"),
            "NLPSYM123", "'Scaler.Apply' has no derivative: make 'Apply' static, passing what it reads as parameters, then mark it [Differentiable] or declare its derivative with [DerivativeOf]");

    [Fact]
    public void NLPSYM123_IsReportedAtEveryCallAndTheMethodIsNotGenerated() =>
        VerifyError(WithQuantizer("var a = [|Quantizer.Round(x)|]; return a * [|Quantizer.Round(2 * x)|];"),
            new ExpectedDiagnostic("NLPSYM123", "'Quantizer.Round' has no derivative"),
            new ExpectedDiagnostic("NLPSYM123", "'Quantizer.Round' has no derivative"));

    [Fact]
    public void NLPSYM124_APrivatePullbackBesideAPublicFunction() =>
        Verify("""
            using NlpSymbolic;
            public static class Quantizer
            {
                public static double Round(double x) => System.Math.Round(x);

                [DerivativeOf(nameof(Round))]
                private static void [|RoundPullback|](double x, double dy, ref double dx) => dx += dy;
            }
            """,
            "NLPSYM124", "'Quantizer.RoundPullback' is less accessible than 'Quantizer.Round(double)'", "make it public");

    [Fact]
    public void APrivatePullbackBesideAPrivateFunctionIsFine()
    {
        var run = GeneratorHarness.Run("""
            using NlpSymbolic;
            public static partial class Model
            {
                private static double Round(double x) => System.Math.Round(x);

                [DerivativeOf(nameof(Round))]
                private static void RoundPullback(double x, double dy, ref double dx) => dx += dy;

                [Differentiable]
                public static double F(double x) => Round(x) * x;
            }
            """);
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
        Assert.True(run.Emitted("FBackward"));
    }

    [Fact]
    public void NLPSYM202_AnInputUsedOnlyAsASizeOrNotAtAll() =>
        Verify(Method("var n = v.Count; return x * n;", parameters: "double x, Vector<double> [|v|], double [|unused|]"),
            new ExpectedDiagnostic("NLPSYM202", "The gradient of 'v' is always zero because it reaches the result only through conditions, indices, sizes or integers"),
            new ExpectedDiagnostic("NLPSYM202", "The gradient of 'unused' is always zero because the method never reads it"));

    [Fact]
    public void NLPSYM202_NotForNoDerivativeInputsNorModelFields()
    {
        var run = GeneratorHarness.Run("""
            using NlpSymbolic;
            public sealed partial class Model
            {
                public double w;
                public double unusedHere;

                [Differentiable]
                public double F(double x, [NoDerivative] double limit) => x > limit ? w * x : 0.0;
            }
            """);
        run.AssertNoGeneratorDiagnostics();
    }
}

/// <summary>A library that ships a function with its derivative beside it: callers in another project use it.</summary>
public sealed class LibraryDerivativeTests
{
    [Fact]
    public void APullbackDeclaredBesideTheFunctionInAReferencedAssemblyIsUsed()
    {
        var library = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Library",
            new[] { GeneratorHarness.ParseTree("""
                using NlpSymbolic;
                namespace Lib
                {
                    public static class Quantizer
                    {
                        public static double Round(double x) => System.Math.Round(x);

                        [DerivativeOf(nameof(Round))]
                        public static void RoundPullback(double x, double dy, ref double dx) => dx += dy;

                        public static double Floor(double x) => System.Math.Floor(x);
                    }
                }
                """, "Library.cs") },
            GeneratorHarness.References,
            GeneratorHarness.CompilationOptions);
        using var image = new System.IO.MemoryStream();
        Assert.True(library.Emit(image).Success);
        var reference = Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray());

        string Caller(string call) => $$"""
            using NlpSymbolic;
            public static partial class C
            {
                [Differentiable]
                public static double F(double x) => {{call}} * x;
            }
            """;
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation App(string source) => Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "App", new[] { GeneratorHarness.ParseTree(source, "App.cs") }, GeneratorHarness.References.Add(reference), GeneratorHarness.CompilationOptions);

        var run = GeneratorHarness.Run(App(Caller("Lib.Quantizer.Round(x)")));
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
        Assert.Contains("global::Lib.Quantizer.RoundPullback(", run.AllGeneratedText);

        // Floor has no derivative in the library: the call says how to declare one in this project.
        var floor = GeneratorHarness.Run(App(Caller("Lib.Quantizer.Floor(x)")));
        var diagnostic = Assert.Single(floor.GeneratorDiagnostics);
        Assert.Equal("NLPSYM123", diagnostic.Id);
        Assert.Contains("declare it with [DerivativeOf(typeof(Quantizer), nameof(Quantizer.Floor))]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
