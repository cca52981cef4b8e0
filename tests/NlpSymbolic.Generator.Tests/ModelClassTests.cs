using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static NlpSymbolic.Generator.Tests.DiagnosticVerifier;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// [Differentiable] instance methods of a partial class whose fields are its parameters: one nested Gradients
/// class and CreateParameterSet per class, an instance NameBackward per method, NLPSYM112 for a field write.
/// </summary>
public sealed class ModelClassTests
{
    private const string Usings = """
        using System;
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;
        using static NlpSymbolic.Functions;
        """;

    public const string TwoMethods = $$"""
        {{Usings}}

        namespace Models;

        public sealed partial class Tagger
        {
            public Matrix<double> W;
            public Vector<double> b;
            public double scale;
            [NoDerivative] public Vector<double> mask;
            public int classes;
            public string name = "tagger";

            [Differentiable]
            public Vector<double> Scores(Vector<double> x) => Tanh(W * x + b) * scale;

            [Differentiable]
            public double Loss(Vector<double> x, int y)
            {
                var s = this.Scores(x);
                var m = s.PointwiseMultiply(mask);
                return CrossEntropy(m, y) + Helpers.Square(scale) * classes;
            }
        }

        public static partial class Helpers
        {
            [Differentiable]
            public static double Square(double v) => v * v;
        }
        """;

    [Fact]
    public void AModelClassWithTwoMethodsCompilesWithOneGradientsClass()
    {
        var run = GeneratorHarness.Run(TwoMethods);
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
        var gradients = run.GeneratedSources.Where(s => s.SourceText.ToString().Contains("public sealed class Gradients", StringComparison.Ordinal)).ToList();
        Assert.Single(gradients);
        Assert.Equal("Models.Tagger.Gradients.g.cs", gradients[0].HintName);

        var text = gradients[0].SourceText.ToString();
        Assert.Contains("public readonly Matrix W;", text, StringComparison.Ordinal);
        Assert.Contains("public readonly Vector b;", text, StringComparison.Ordinal);
        Assert.Contains("public double scale;", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" mask;", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" classes;", text, StringComparison.Ordinal);
        Assert.Contains("set.Add(\"W\", this.W, gradients.W);", text, StringComparison.Ordinal);
        Assert.DoesNotContain("set.Add(\"scale\"", text, StringComparison.Ordinal);

        var all = run.AllGeneratedText;
        Assert.Contains("public double LossBackward(", all, StringComparison.Ordinal);
        Assert.Contains("public Vector ScoresBackward(", all, StringComparison.Ordinal);
        Assert.Contains("ref gradients.scale", all, StringComparison.Ordinal);
        Assert.Contains("private static double LossBackwardCore(", all, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInstanceMethodOfAClassWithoutParameterFieldsIsStillNLPSYM001() => VerifyError("""
        using NlpSymbolic;
        public partial class C
        {
            public int count;

            [Differentiable]
            public double [|F|](double x) => x * count;
        }
        """, "NLPSYM001", "'F' must be static");

    [Theory]
    [InlineData("struct")]
    [InlineData("record struct")]
    public void AnInstanceMethodOfAStructWithFieldsIsStillNLPSYM001(string keyword) => VerifyError($$"""
        using NlpSymbolic;
        public partial {{keyword}} S
        {
            public double w;

            [Differentiable]
            public double [|F|](double x) => x * w;
        }
        """, "NLPSYM001", "'F' must be static");

    [Fact]
    public void AnInstanceMethodOfAGenericClassIsStillNLPSYM001() => VerifyError("""
        using NlpSymbolic;
        public partial class C<T>
        {
            public double w;

            [Differentiable]
            public double [|F|](double x) => x * w;
        }
        """, "NLPSYM001", "'F' must be static");

    [Theory]
    [InlineData("[|w|] = 2 * x;")]
    [InlineData("[|this.w|] = 2 * x;")]
    [InlineData("[|w|] += x;")]
    [InlineData("[|v|] = v * x;")]
    public void AFieldWriteIsNLPSYM112AtTheTarget(string statement)
    {
        var run = VerifyError($$"""
            using MathNet.Numerics.LinearAlgebra;
            using NlpSymbolic;
            public partial class C
            {
                public double w;
                public Vector<double> v;

                [Differentiable]
                public double F(double x)
                {
                    {{statement}}
                    return x * w;
                }
            }
            """, "NLPSYM112", "is a field of the model", "read-only inside a [Differentiable] method", "assign the new value to a local");

        // The Gradients class is still generated, so code that uses it keeps compiling.
        Assert.Contains("public sealed class Gradients", run.AllGeneratedText, StringComparison.Ordinal);
        run.AssertNoNewErrors();
    }

    [Fact]
    public void AStaticFieldIsStillNLPSYM107() => VerifyError("""
        using NlpSymbolic;
        public partial class C
        {
            public double w;
            public static double s = 2;

            [Differentiable]
            public double F(double x) => x * w * [|s|];
        }
        """, "NLPSYM107", "'s' is not a parameter or local");

    [Fact]
    public void AParameterNamedAsAFieldShadowsIt()
    {
        var run = GeneratorHarness.Run("""
            using NlpSymbolic;
            public partial class C
            {
                public double w;

                [Differentiable]
                public double F(double w) => w * this.w;
            }
            """);
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
        Assert.True(run.Emitted("FBackward"));
    }

    [Fact]
    public void EditingAMethodBodyKeepsTheGradientsClassCachedAndAddingAFieldUpdatesIt()
    {
        var compilation = GeneratorHarness.CreateCompilation(("Model.cs", TwoMethods));
        var run = GeneratorHarness.Run(compilation);
        run.AssertCompiles();

        IncrementalStepRunReason ModelsReason(GeneratorRun r) =>
            r.Result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Single().Reason;
        GeneratorRun Rerun(string source)
        {
            var old = compilation.SyntaxTrees.Single();
            return GeneratorHarness.Run(compilation.ReplaceSyntaxTree(old, GeneratorHarness.ParseTree(source, "Model.cs")), run.Driver);
        }

        var edited = Rerun(TwoMethods.Replace("return CrossEntropy(m, y)", "return 2 * CrossEntropy(m, y)"));
        edited.AssertCompiles();
        Assert.Contains(ModelsReason(edited), new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });

        var widened = Rerun(TwoMethods.Replace("public Vector<double> b;", "public Vector<double> b, c;"));
        widened.AssertCompiles();
        Assert.Equal(IncrementalStepRunReason.Modified, ModelsReason(widened));
        Assert.Contains("set.Add(\"c\", this.c, gradients.c);", widened.AllGeneratedText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public int Gradients;")]
    [InlineData("public class Gradients { }")]
    [InlineData("public void CreateParameterSet() { }")]
    public void AMemberNamedAsAGeneratedModelMemberIsNLPSYM009(string member)
    {
        var run = VerifyError($$"""
            using NlpSymbolic;
            public partial class C
            {
                public double w;
                {{member}}

                [Differentiable]
                public double [|F|](double x) => x * w;
            }
            """, "NLPSYM009", "already declares a member");
        Assert.DoesNotContain("Gradients(C model)", run.AllGeneratedText, StringComparison.Ordinal);
        run.AssertNoNewErrors();
    }
}
