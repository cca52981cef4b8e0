using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Sdk;
using static NlpSymbolic.Generator.Tests.Sources;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// Odd, broken and half-typed inputs, as an IDE feeds them to the generator on every keystroke. The
/// generator never throws and never reports an internal error (checked by <see cref="GeneratorHarness.Run(CSharpCompilation, GeneratorDriver?)"/>);
/// when it reports no error of its own, the files it adds introduce no compile error.
/// </summary>
public sealed class NeverThrowsTests
{
    private static GeneratorRun Check(string source)
    {
        var run = GeneratorHarness.Run(source);
        if (!run.GeneratorReportedError)
        {
            run.AssertNoNewErrors();
        }

        foreach (var diagnostic in run.GeneratorDiagnostics)
        {
            // A type shown as '?' is an unbound expression: the compiler's error, not an unsupported type.
            var message = diagnostic.GetMessage();
            if (message.Contains("type '?", StringComparison.Ordinal) || message.Contains("'??'", StringComparison.Ordinal))
            {
                throw new XunitException("The generator blamed a compile error on the user:\n  " + diagnostic + "\n\n" + source);
            }
        }

        return run;
    }

    /// <summary>Method bodies (in <c>F(double x, int n, double[] a, Vector&lt;double&gt; v, Matrix&lt;double&gt; M)</c>).</summary>
    public static TheoryData<string> OddBodies() => new()
    {
        // Half-typed.
        "var y = ; return y;",
        "var y = x * ; return y;",
        "var y = x * 2 return y;",
        "return x * 2",
        "return",
        "return ;",
        "return x +;",
        "return Math.;",
        "return Math.Exp(;",
        "return Math.Exp(x",
        "return v.;",
        "return v[;",
        "return M[0,;",
        "var = x; return x;",
        "double = x; return x;",
        "x = ; return x;",
        "x += ; return x;",
        "return (x;",
        "return x);",
        "{ return x;",
        "return x; }",
        "return x * y;",
        "return x * Undefined;",
        "return Undefined(x);",
        "return x.Foo;",
        "return x.Foo();",
        "return Undefined.Foo(x);",
        "Undefined y = x; return x;",
        "var y = Undefined(x); return y;",
        "var y = x; return y.Bar;",
        "return Math.Exp(x, 1);",
        "return Math.Exp();",
        "return Functions.Softmax(x);",
        "return (double)\"a\";",
        "return x ?? 1;",
        "double y = x; y ??= 2; return y;",
        "return v * M;",
        "return M * M;",
        "int k = x; return k;",

        // Missing or misplaced returns.
        "var y = x * 2;",
        "",
        ";",
        "double y; return y;",
        "double y; y += x; return y;",
        "return x; var y = 2;",
        "return x; return x;",
        "{ } { } return x;",
        "{ { { return x; } } }",

        // Unsupported but valid code.
        "x++; return x;",
        "--x; return x;",
        "n++; ++n; n--; return x * n;",
        "checked { n = n * 2; } return x * n;",
        "unchecked { n = n * 2; } return x * n;",
        "return checked(x * n);",
        "ref double r = ref x; r = 3 * x; return x;",
        "ref double e = ref a[0]; e = 5 * x; return a[0];",
        "var (p, q) = (x, x); return p;",
        "return v?.Sum() ?? 0;",
        "return v[^1];",
        "return a[^1];",
        "return a[1..][0];",
        "return nameof(x).Length;",
        "throw new Exception();",
        "return $\"{x}\".Length;",
        "return x is double d ? d : 0;",
        "return x = 2 * x;",
        "x = x = 2; return x;",
        "System.Func<double, double> f = y => y; return f(x);",
        "return ((System.Func<double>)(() => x))();",
        "dynamic d = x; return d;",
        "await System.Threading.Tasks.Task.Yield(); return x;",
        "yield return x;",
        "var q = from e in v select e; return x;",
        "var s = stackalloc double[2]; return x;",
        "int[] q = [1, 2]; return x;",
        "double[] q = []; return x;",
        "var m = Matrix<double>.Build.Dense(2, 2); return x;",
        "return x * (double)1.5m;",
        "return x switch { > 0 => x, _ => 0 };",
        "goto L; L: return x;",
        "L: return x;",
        "lock (a) { } return x;",
        "return __refvalue(__makeref(x), double);",
        "return default!;",

        // Supported: must generate compiling code.
        "return default;",
        "return default(double) + x;",
        "return new double() + x;",
        "double y = new(); return x + y;",
        "return (x);",
        "return +x;",
        "return -(-x);",
        "return x!;",
        "return sizeof(double) * x;",
        "return 1.0;",
        "return -0.0;",
        "return double.NaN * x;",
        "return double.PositiveInfinity + double.NegativeInfinity * x;",
        "return x * double.Epsilon + double.MinValue * double.MaxValue;",
        "return x * 1e20 + x * 1e-300 + x * 0.1f;",
        "return x * 'a';",
        "return x * unchecked(int.MaxValue + 1) + n * int.MinValue;",
        "return x * (int)DayOfWeek.Monday;",
        "const double c = 2; const int k = -3; return x * c * k;",
        "{ var b = x; } { var b = 2 * x; } return x;",
        "double y; y = x * 2; y = y * y; return y;",
        "x = x * 2; x = Math.Exp(x); return x;",
        "v = v * 2.0; return v.Sum() * x;",
        "return M.RowCount * x + v.Count + a.Length + M.ColumnCount;",
        "return true ? x : 0;",
        "bool b = n > 2 && !(x < 1) || n == 3; return b ? x : -x;",
        "var i = n % 3; var j = Math.Max(i, 1); return a[j - 1] * x + v[i] + M[i, j];",
        "return ((((((((((x))))))))));",
    };

    [Theory]
    [MemberData(nameof(OddBodies))]
    public void OddMethodBodies(string body) =>
        Check(Method(body, parameters: "double x, int n, double[] a, Vector<double> v, Matrix<double> M"));

    public static TheoryData<string> OddFiles() => new()
    {
        "",
        "[Differentiable]",
        "using NlpSymbolic; [Differentiable]",
        "using NlpSymbolic; class",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x) => x * x;",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x) }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x) => }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x, ) => x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(, double x) => x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static F(double x) => x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double (double x) => x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F => 1; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] }",
        "using NlpSymbolic; public static partial class C { [Differentiable(1)] public static double F(double x) => x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable, Differentiable] public static double F(double x) => x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] [Differentiable] public static double F(double x) => x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x, __arglist) => x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x, double y = 2, [System.Runtime.InteropServices.Optional] double z) => x * y * z; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x) => F(x); }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double FBackward(double x) => x * x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static void F() { } }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static async System.Threading.Tasks.Task<double> F(double x) => x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static System.Collections.Generic.IEnumerable<double> F(double x) { yield return x; } }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static unsafe double F(double* x) => *x; }",
        "using NlpSymbolic; public abstract partial class C { [Differentiable] public abstract double F(double x); }",
        "using NlpSymbolic; public partial class C { [Differentiable] public virtual double F(double x) => x; }",
        "using NlpSymbolic; public partial interface I { [Differentiable] double F(double x); }",
        "using NlpSymbolic; public partial interface I { [Differentiable] static abstract double F(double x); }",
        "using NlpSymbolic; public partial interface I { [Differentiable] static virtual double F(double x) => x; }",

        // The attribute where the generator does not look (it only handles methods).
        "using NlpSymbolic; public static partial class C { public static double G(double x) { [Differentiable] static double F(double y) => y * y; return F(x); } }",
        "using NlpSymbolic; [Differentiable] public partial class C { }",
        "using NlpSymbolic; public partial class C { [Differentiable] public double P { get; } }",
        "using NlpSymbolic; public partial class C { public double P { [Differentiable] get => 1; } }",
        "using NlpSymbolic; public partial class C { [Differentiable] public C() { } }",
        "using NlpSymbolic; public partial class C { [Differentiable] public static C operator +(C a, C b) => a; }",
        "using NlpSymbolic; public partial class C { [Differentiable] public static implicit operator double(C c) => 1; }",
        "using NlpSymbolic; [Differentiable] public delegate double D(double x);",
        "using NlpSymbolic; using System; public partial class C { Func<double, double> f = [Differentiable] (double x) => x * x; }",
        "using NlpSymbolic; [Differentiable] static double F(double x) => x * x; System.Console.WriteLine(F(2));",

        // Duplicates and conflicting declarations.
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x) => x; [Differentiable] public static double F(double x) => x * x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x) => x; } public static partial class C { [Differentiable] public static double F(double y) => y * y; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x) => x; } public static class C { }",
        "using NlpSymbolic; public class C { [Differentiable] public static double F(double x) => x; } public class C { [Differentiable] public static double F(double x) => x; }",
        "using NlpSymbolic; namespace N { public static partial class C { [Differentiable] public static double F(double x) => x; } } namespace N { public static partial class C { [Differentiable] public static double F(double x) => x; } }",
        "using NlpSymbolic; public static partial class C<T> { [Differentiable] public static double F(double x) => x; } public static partial class C<U> { [Differentiable] public static double G(double x) => x; }",
        "using NlpSymbolic; public static partial class C { [Differentiable] public static double F(double x) => x; public static double FBackward; }",
        "using NlpSymbolic; public enum E { A } public static partial class C { [Differentiable] public static double F(double x, E e) => x; }",
    };

    [Theory]
    [MemberData(nameof(OddFiles))]
    public void OddFilesAndDeclarations(string source) => Check(source);

    [Fact]
    public void DeepAndLongExpressions()
    {
        var sum = string.Join(" + ", Enumerable.Range(0, 400).Select(i => i % 3 == 0 ? "x * x" : "Math.Sin(x)"));
        Check(Method($"return {sum};"));

        var nested = string.Concat(Enumerable.Repeat("Math.Tanh(", 150)) + "x" + new string(')', 150);
        Check(Method($"return {nested};"));

        var statements = string.Concat(Enumerable.Range(0, 300).Select(i => $"var y{i} = {(i == 0 ? "x" : $"y{i - 1}")} * 1.01 + x;\n"));
        Check(Method(statements + "return y299;"));
    }

    /// <summary>Deleting any one token of a valid method leaves half-typed code; none of it makes the generator throw.</summary>
    [Fact]
    public void EveryOneTokenDeletion()
    {
        var source = Method(
            "var h = Functions.Tanh(W * v + b); var s = h * u; var y = Math.Exp(s) * x; y += a[k]; return k > 0 ? y : -y;",
            parameters: "double x, Vector<double> v, Matrix<double> W, Vector<double> b, Vector<double> u, double[] a, int k");
        foreach (var variant in TokenDeletions(source))
        {
            Check(variant);
        }
    }

    /// <summary>Cutting the file after any token of the method, as while typing it from the top.</summary>
    [Fact]
    public void EveryPrefixOfTheMethod()
    {
        var source = Method(
            "var z = W * v; var s = z.Sum() * x; x = s * s; return Math.Log(x + 1);",
            parameters: "double x, Vector<double> v, Matrix<double> W");
        var tree = CSharpSyntaxTree.ParseText(source);
        var method = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Single();
        foreach (var token in method.DescendantTokens())
        {
            Check(source.Substring(0, token.Span.End));
            Check(source.Substring(0, token.Span.End) + "\n}}");
        }
    }

    private static IEnumerable<string> TokenDeletions(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source);
        var method = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Single();
        foreach (var token in method.DescendantTokens())
        {
            yield return source.Remove(token.SpanStart, token.Span.Length);
        }
    }

    // ---------------------------------------------------------------- compile errors are the compiler's to report

    /// <summary>Bodies whose only problem is a compile error: the generator says nothing and generates nothing.</summary>
    public static TheoryData<string> CompileErrorBodies() => new()
    {
        "return x * Undefined;",
        "return x * y",
        "return x.Foo;",
        "Undefined y = x; return x;",
        "var y = Undefined(x); return y;",
        "var y = ; return y;",
        "return Functions.Softmax(x);",
        "return (double)\"a\";",
        "return x ?? 1;",
        "double y = x; y ??= 2; return y;",
        "yield return x;",
        "int k = x; return k;",
        "return v * M;",
        "double y; return y;",
        "var y = x * 2;",
    };

    [Theory]
    [MemberData(nameof(CompileErrorBodies))]
    public void CompileErrorsAreLeftToTheCompiler(string body)
    {
        var run = Check(Method(body, parameters: "double x, Vector<double> v, Matrix<double> M"));
        Assert.Contains(run.InputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        if (run.GeneratorReportedError)
        {
            throw new XunitException("The generator reported an error for code with a compile error:\n"
                + string.Join("\n", run.GeneratorDiagnostics));
        }

        DiagnosticVerifier.AssertNotEmitted(run, "FBackward");
    }

    [Theory]
    [InlineData("public static Undefined F(double x) => x;")]
    [InlineData("public static Vector<Undefined> F(double x) => x;")]
    [InlineData("public static double F(Undefined u, double x) => x;")]
    [InlineData("public static double F(double x, ) => x;")]
    [InlineData("public static double F(int n, Undefined u) => n;")]
    public void CompileErrorsInTheSignatureAreLeftToTheCompiler(string method)
    {
        var run = Check($$"""
            {{Usings}}
            public static partial class C
            {
                [Differentiable]
                {{method}}
            }
            """);
        Assert.Contains(run.InputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        run.AssertNoGeneratorDiagnostics();
        DiagnosticVerifier.AssertNotEmitted(run, "FBackward");
    }

    // ---------------------------------------------------------------- aliasing

    /// <summary>
    /// A ref local aliases another variable, so SSA lowering would compute the wrong value and gradient
    /// (here F returns 3x but a backward treating r as a fresh local would return x with gradient 1).
    /// </summary>
    [Theory]
    [InlineData("ref double r = ref x; r = 3 * x; return x;")]
    [InlineData("ref double r = ref x; x = 3 * x; return r;")]
    [InlineData("ref readonly double r = ref x; x = 3 * x; return r;")]
    [InlineData("ref double e = ref a[0]; e = 5 * x; return a[0];")]
    public void RefLocalsAreRejected(string body)
    {
        var run = GeneratorHarness.Run(Method(body, parameters: "double x, double[] a"));
        Assert.True(run.GeneratorReportedError, "A ref local was differentiated as if it were a fresh variable.\n" + run.Describe());
        DiagnosticVerifier.AssertNotEmitted(run, "FBackward");
    }
}
