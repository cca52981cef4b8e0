using Xunit;
using static NlpSymbolic.Generator.Tests.DiagnosticVerifier;
using static NlpSymbolic.Generator.Tests.Sources;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// Tuples outside what the generator supports (a [Differentiable] method's tuple result or a tuple literal,
/// deconstructed, kept in a local and read by component, or returned): NLPSYM113 at the construct, NLPSYM114 at a
/// tuple type with a component that is not double, Vector&lt;double&gt; or Matrix&lt;double&gt;.
/// </summary>
public sealed class TupleDiagnosticTests
{
    private const string Pair = "[Differentiable] public static (double a, double b) P(double x) => (x * x, 2 * x);";

    [Theory]
    [InlineData("var ([|(a, b)|], c) = ((x, x), x); return a + b + c;", "A nested deconstruction", "deconstruct one tuple at a time")]
    [InlineData("var (a, b) = [|x > 0 ? P(x) : P(2 * x)|]; return a + b;", "The tuple expression 'x > 0 ? P(x) : P(2 * x)'", "deconstructed into locals")]
    [InlineData("var (a, b) = [|Plain(x)|]; return a + b;", "The tuple returned by 'Plain', which is not [Differentiable]", "a [Differentiable] method's result")]
    [InlineData("var r = P(x); return [|r == P(x)|] ? x : 0;", "Comparing tuples", "compare their components")]
    [InlineData("return ([|x > 0 ? P(x) : P(x)|]).a;", "The tuple expression", "'r.h', 'r.Item1'")]
    public void NLPSYM113_UnsupportedTupleUse(string body, params string[] fragments) =>
        VerifyError(Method(body, members: Pair + " static (double, double) Plain(double x) => (x, x);"), "NLPSYM113", fragments);

    [Fact]
    public void NLPSYM114_ReturnTypeComponent() => VerifyError(
        Method("return (1, x);", returnType: "([|int n|], double y)"),
        "NLPSYM114", "The result of 'F' is the tuple '(int n, double y)'", "(its component 'n' is int)");

    [Fact]
    public void NLPSYM114_NestedTupleResult() => VerifyError(
        Method("return (x, (x, x));", returnType: "(double, [|(double, double)|])"),
        "NLPSYM114", "no nested tuples", "(its component 'Item2' is (double, double))");

    [Fact]
    public void NLPSYM114_Parameter() => VerifyError(
        Method("return p.Item1 * x;", parameters: "double x, [|(double, Vector<double>)|] p"),
        "NLPSYM114", "Parameter 'p'", "pass its components as separate parameters");

    [Fact]
    public void NLPSYM114_LocalWithAnIntComponent() => VerifyError(
        Method("var [|r = (1, x)|]; return r.Item2;"),
        "NLPSYM114", "Local 'r' is the tuple '(int, double x)'", "(its component 'Item1' is int)");

    [Fact]
    public void SupportedFormsReportNothing() => Snapshots.SnapshotRuns.Clean(Method(
        """
        var (a, b) = P(x);
        (a, b) = (b, a);
        var r = P(a);
        r.a = r.b * r.Item1;
        var (_, c) = P(r.a);
        (x, n) = (2 * x, n + 1);
        return a + b + c + P(x).b * n;
        """,
        parameters: "double x, int n",
        members: Pair));
}
