using Xunit;
using static NlpSymbolic.Generator.Tests.DiagnosticVerifier;
using static NlpSymbolic.Generator.Tests.Sources;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// Messages that say what to write instead: each names the construct as the user wrote it and the supported
/// form (issue 9, part 5), at the exact span.
/// </summary>
public sealed class MessageTests
{
    private const string Parameters = "double x, Vector<double> v, Matrix<double> M, Vector<double>[] xs";

    [Theory]
    [InlineData("var w = [|M.Map(Math.Tanh)|]; return x;", "'M.Map(Math.Tanh)' has no derivative rule", "applies a function element by element", "write Tanh(M)")]
    [InlineData("var w = [|v.Map(Functions.Sigmoid)|]; return x;", "'v.Map(Functions.Sigmoid)' has no derivative rule", "write Sigmoid(v)")]
    [InlineData("var w = [|v.Map(e => 2 * e)|]; return x;", "'v.Map(e => 2 * e)' has no derivative rule", "use the element-wise function instead, e.g. Tanh(v)", "declare its derivative with [DerivativeOf]")]
    [InlineData("var w = [|M.MapIndexed((i, j, e) => e)|]; return x;", "'M.MapIndexed((i, j, e) => e)' has no derivative rule", "e.g. Tanh(M)")]
    public void MapSaysToUseTheElementwiseFunction(string body, params string[] fragments) =>
        VerifyError(Method(body, parameters: Parameters), "NLPSYM103", fragments);

    [Fact]
    public void TransposeThisAndMultiplySaysToWriteTheTranspose() =>
        VerifyError(Method("var r = [|M.TransposeThisAndMultiply(v)|]; return r.Sum();", parameters: Parameters), "NLPSYM103",
            "'M.TransposeThisAndMultiply(v)' has no derivative rule", "write M.Transpose() * v");

    [Fact]
    public void NormWithAnOrderNamesTheL2Norm() =>
        VerifyError(Method("return [|v.Norm(2)|];", parameters: Parameters), "NLPSYM103",
            "'v.Norm(2)' has no derivative rule", "for the Euclidean norm write v.L2Norm(), for its square SquaredNorm(v)");

    [Fact]
    public void AnOutParameterOfTheMethodIsAResult() =>
        VerifyError(Method("y = x; return x;", parameters: "double x, [|out|] double y"), "NLPSYM005",
            "Parameter 'y' is declared 'out'", "an 'out' parameter is a result: return it instead");

    [Fact]
    public void ARefParameterIsStillToldToRemoveRef() =>
        VerifyError(Method("return x;", parameters: "[|ref|] double x"), "NLPSYM005", "(remove 'ref')");

    [Fact]
    public void AMethodGroupIsNotCalledALambda() =>
        VerifyError(Method("return [|G(Math.Tanh)|] * x;", members: "static double G(Func<double, double> f) => f(1);"),
            "NLPSYM123", "'C.G' has no derivative", "its parameter 'f' has type 'System.Func<double, double>'");

    [Theory]
    [InlineData("return x * [|Field|];", "The field 'Field' is not a parameter or local of the method")]
    [InlineData("return x * [|Prop|];", "The property 'Prop' is not a parameter or local of the method")]
    public void FieldsAndPropertiesAreNamedAsSuch(string body, string fragment) =>
        VerifyError(Method(body, members: "static double Field = 2; static double Prop => 2;"), "NLPSYM107", fragment, "pass it as a parameter");
}
