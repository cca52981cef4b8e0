using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace NlpSymbolic.CodeFixes.Tests;

/// <summary>Each mechanical fix of a generator diagnostic, applied to the diagnostic the generator reports, and the result compiles clean.</summary>
public sealed class CodeFixTests
{
    private const string Usings = """
        using System;
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;
        using static NlpSymbolic.Functions;

        """;

    private static Task Verify<TCodeFix>(string source, string fixedSource, int index = 0)
        where TCodeFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new() =>
        new GeneratorCodeFixTest<TCodeFix> { TestCode = Usings + source, FixedCode = Usings + fixedSource, CodeActionIndex = index }.RunAsync();

    [Fact]
    public Task TheTypeBecomesPartial() => Verify<MakePartialCodeFix>(
        """
        public static class {|NLPSYM002:Model|}
        {
            [Differentiable]
            public static double Square(double x) => x * x;
        }
        """,
        """
        public static partial class Model
        {
            [Differentiable]
            public static double Square(double x) => x * x;
        }
        """);

    [Fact]
    public Task TheNeverDifferentiatedParameterBecomesNoDerivative() => Verify<NoDerivativeCodeFix>(
        """
        public static partial class Model
        {
            [Differentiable]
            public static double Clipped(double x, double {|NLPSYM202:limit|}) => x > limit ? 1.0 : x;
        }
        """,
        """
        public static partial class Model
        {
            [Differentiable]
            public static double Clipped(double x, [NoDerivative] double limit) => x > limit ? 1.0 : x;
        }
        """);

    [Fact]
    public Task TheHelperBecomesDifferentiable() => Verify<CallWithoutDerivativeCodeFix>(
        """
        public static partial class Model
        {
            static double Helper(double a) => a * a;

            [Differentiable]
            public static double Score(double x) => 3 * {|NLPSYM123:Helper(x)|};
        }
        """,
        """
        public static partial class Model
        {
            [Differentiable]
            static double Helper(double a) => a * a;

            [Differentiable]
            public static double Score(double x) => 3 * Helper(x);
        }
        """);

    [Fact]
    public Task TheHelperInAnotherTypeBecomesDifferentiableAndItsTypePartial() => Verify<CallWithoutDerivativeCodeFix>(
        """
        public static class Helpers
        {
            public static Vector<double> Scale(Vector<double> v, double s) => v * s;
        }

        public static partial class Model
        {
            [Differentiable]
            public static double Score(Vector<double> v) => {|NLPSYM123:Helpers.Scale(v, 2.0)|}.Sum();
        }
        """,
        """
        public static partial class Helpers
        {
            [Differentiable]
            public static Vector<double> Scale(Vector<double> v, double s) => v * s;
        }

        public static partial class Model
        {
            [Differentiable]
            public static double Score(Vector<double> v) => Helpers.Scale(v, 2.0).Sum();
        }
        """);

    [Fact]
    public Task ThePullbackIsScaffoldedWithTheExpectedSignatureAndThrowsUntilWritten() => Verify<CallWithoutDerivativeCodeFix>(
        """
        public static partial class Model
        {
            public static double Helper(double a, Vector<double> v) => a * v.Sum();

            [Differentiable]
            public static double Score(double x, Vector<double> w) => 3 * {|NLPSYM123:Helper(x, w)|};
        }
        """,
        """
        public static partial class Model
        {
            public static double Helper(double a, Vector<double> v) => a * v.Sum();

            [Differentiable]
            public static double Score(double x, Vector<double> w) => 3 * Helper(x, w);

            [DerivativeOf(nameof(Helper))]
            public static void HelperPullback(double a, Vector<double> v, double dy, ref double da, Vector<double> dv) =>
                throw new NotImplementedException("the derivative of Helper: add each input's gradient times dy into its gradient argument");
        }
        """,
        index: 1);

    [Theory]
    [InlineData("", "v.Norm(2)", "", "v.L2Norm()")]
    [InlineData("", "v.Norm(2.0)", "", "v.L2Norm()")]
    [InlineData("", "(v + v).Norm(2)", "", "(v + v).L2Norm()")]
    [InlineData("", "v.Map(Math.Tanh)", ".Sum()", "Tanh(v)")]
    [InlineData("", "v.Map(Sigmoid)", ".Sum()", "Sigmoid(v)")]
    [InlineData("", "v.Map(Math.Exp)", ".Sum()", "v.PointwiseExp()")]
    [InlineData("", "v.Map(Math.Log)", ".Sum()", "v.PointwiseLog()")]
    [InlineData("(", "M.Map(Math.Tanh)", " * v).Sum()", "Tanh(M)")]
    [InlineData("", "M.TransposeThisAndMultiply(v)", ".Sum()", "(M.Transpose() * v)")]
    [InlineData("2 * ", "M.TransposeThisAndMultiply(v)", "[0]", "(M.Transpose() * v)")]
    [InlineData("(", "M.TransposeAndMultiply(M)", " * v).Sum()", "M * M.Transpose()")]
    public Task TheOneToOneRewrites(string before, string call, string after, string rewritten)
    {
        var parameters = call.Contains("M.", System.StringComparison.Ordinal) ? "Vector<double> v, Matrix<double> M" : "Vector<double> v";
        return Verify<OperationRewriteCodeFix>(
            $$"""
            public static partial class Model
            {
                [Differentiable]
                public static double Score({{parameters}}) => {{before}}{|NLPSYM103:{{call}}|}{{after}};
            }
            """,
            $$"""
            public static partial class Model
            {
                [Differentiable]
                public static double Score({{parameters}}) => {{before}}{{rewritten}}{{after}};
            }
            """);
    }

    [Fact]
    public Task ANormOtherThanTwoIsLeftAlone() => new GeneratorCodeFixTest<OperationRewriteCodeFix>
    {
        TestCode = Usings + """
            public static partial class Model
            {
                [Differentiable]
                public static double Score(Vector<double> v) => {|NLPSYM103:v.Norm(1)|};
            }
            """,
        FixedCode = Usings + """
            public static partial class Model
            {
                [Differentiable]
                public static double Score(Vector<double> v) => {|NLPSYM103:v.Norm(1)|};
            }
            """,
    }.RunAsync();

    [Fact]
    public void TheIdsAreTheGeneratorsIds()
    {
        var ids = typeof(NlpSymbolic.Generator.DifferentiableGenerator).Assembly
            .GetType("NlpSymbolic.Generator.Diagnostics.DiagnosticDescriptors")!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<Microsoft.CodeAnalysis.DiagnosticDescriptor>()
            .ToDictionary(d => d.Id, d => d.Title.ToString());
        Assert.Equal("Type containing a [Differentiable] method must be partial", ids[DiagnosticIds.TypeMustBePartial]);
        Assert.Equal("Unsupported operation", ids[DiagnosticIds.UnsupportedCall]);
        Assert.Equal("Call to a method without a derivative", ids[DiagnosticIds.CallWithoutDerivative]);
        Assert.Equal("Gradient argument that is never written", ids[DiagnosticIds.GradientNeverWritten]);
    }
}
