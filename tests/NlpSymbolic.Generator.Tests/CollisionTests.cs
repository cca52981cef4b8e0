using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static NlpSymbolic.Generator.Tests.Sources;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// User code that uses the names the generator invents, and every shape of containing type: the generated
/// code must compile beside it, and the backward method must land in the right type with the right
/// accessibility.
/// </summary>
public sealed class CollisionTests
{
    /// <summary>Runs the generator and checks it produced a compiling <c>{method}Backward</c> with no diagnostics.</summary>
    private static GeneratorRun AssertGeneratesCompilingCode(string source, params string[] backwardMethods) =>
        AssertGeneratesCompilingCode(new[] { ("Source0.cs", source) }, backwardMethods);

    private static GeneratorRun AssertGeneratesCompilingCode((string Path, string Source)[] files, params string[] backwardMethods)
    {
        var run = GeneratorHarness.Run(files);
        run.AssertNoGeneratorDiagnostics();
        run.AssertCompiles();
        foreach (var name in backwardMethods.DefaultIfEmpty("FBackward"))
        {
            Assert.True(run.Emitted(name), $"{name} was not generated.\n" + run.Describe());
        }

        return run;
    }

    /// <summary>The backward method of <paramref name="method"/>, found beside it in the output compilation.</summary>
    private static IMethodSymbol BackwardOf(GeneratorRun run, string typeMetadataName, string method = "F")
    {
        var type = run.OutputCompilation.GetTypeByMetadataName(typeMetadataName);
        Assert.NotNull(type);
        Assert.Contains(type!.GetMembers(method), m => m is IMethodSymbol);
        return Assert.Single(type.GetMembers(method + "Backward").OfType<IMethodSymbol>());
    }

    // ---------------------------------------------------------------- names the generator might invent

    [Theory]
    [InlineData("var da = x * a; return da * da;", "double x, double a")]
    [InlineData("var dResult = x * x; return dResult * x;", "double x")]
    [InlineData("var ws = v * v; return ws * x;", "double x, Vector<double> v")]
    [InlineData("var t1 = x * x; var t2 = t1 * x; return Math.Exp(t2) + Math.Sin(t1) + t1;", "double x")]
    [InlineData("var _t0 = x * x; var t = _t0 + 1; return Math.Tanh(t) * _t0;", "double x")]
    [InlineData("var tape = x * 2; var stack = tape * tape; return stack;", "double x")]
    [InlineData("var z = x * x; var dz = z * 3; return dz + z;", "double x")]
    [InlineData("var Wx = (W * x).Sum(); var dWx = Wx * 2; return dWx + (W * x).Sum();", "Matrix<double> W, Vector<double> x")]
    [InlineData("var z = x * x; var z_1 = z * x; z = z_1 * 2; var dz_1 = z * z_1; return dz_1 + z;", "double x")]
    [InlineData("var h = x; h = h * h; h = h * x; var h_1 = h + 1; var h_2 = h_1 * h; return h_2;", "double x")]
    [InlineData("return @double * @o + @in + @e;", "double @double, double @o, double @in, double @e")]
    [InlineData("var @do = x * 2; var @var = @do * x; var @dynamic = @var * 2; return @dynamic;", "double x")]
    [InlineData("var @ynamic = x * 2; var @efault = @ynamic * x; var @ouble = @efault + 1; return @ouble * @o;", "double x, double @o")]
    [InlineData("return dResult * dResult + dResult_1;", "double dResult, double dResult_1")]
    [InlineData("return x * dx + dx_1 + ddx;", "double x, double dx, double dx_1, double ddx")]
    [InlineData("return ws.Sum() + dws.Sum() + ws_1;", "Vector<double> ws, Vector<double> dws, double ws_1")]
    [InlineData("var dv = v * 2.0; var dv_1 = dv.Sum(); return dv_1 * (v * v);", "Vector<double> v")]
    [InlineData("var t1 = W * v; var Wv = t1 + v; var dWv = Wv.Sum(); return dWv * (W * v).Sum();", "Matrix<double> W, Vector<double> v")]
    [InlineData("var _ = x * x; var __ = _ * x; return __ + _;", "double x")]
    [InlineData("var F = x * x; var FBackward = F * x; var C = FBackward + 1; return C;", "double x")]
    [InlineData("var value = x * x; var result = value + 1; var gradient = result * 2; return gradient;", "double x")]
    [InlineData("var global = x * x; var @this = global + 1; var @base = @this * 2; return @base;", "double x")]
    [InlineData("var Enter = x * x; var Exit = Enter + 1; var Workspace = Exit * 2; return Workspace;", "double x")]
    [InlineData("var Clone = v * 2.0; var CheckGradient = Clone + v; return CheckGradient;", "Vector<double> v", "Vector<double>")]
    [InlineData("var i = 0; i++; ++i; i += 2; return a[i] * x;", "double x, double[] a")]
    public void GeneratedNamesAvoidUserNames(string body, string parameters, string returnType = "double") =>
        AssertGeneratesCompilingCode(Method(body, parameters: parameters, returnType: returnType));

    [Fact]
    public void ParameterNamedLikeTheSeedAndItsGradient()
    {
        var run = AssertGeneratesCompilingCode(Method("return dResult * ddResult;", parameters: "double dResult, double ddResult"));
        var backward = BackwardOf(run, "Tests.C");

        // Forward parameters keep their names; the seed and the gradients get fresh, distinct ones.
        var names = backward.Parameters.Select(p => p.Name).ToList();
        Assert.Equal("dResult", names[0]);
        Assert.Equal("ddResult", names[1]);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void LocalsNamedLikeGeneratedParametersLeaveTheSignatureAlone()
    {
        // The signature is the public contract: it depends on the parameters only. The locals are renamed.
        var run = AssertGeneratesCompilingCode(Method(
            "var da = x * a; var dResult = da * x; var ws = (v * dResult).Sum(); var dx = ws * a; return dx * da;",
            parameters: "double x, double a, Vector<double> v"));
        var backward = BackwardOf(run, "Tests.C");
        Assert.Equal(
            new[] { "x", "a", "v", "dResult", "dx", "da", "dv" },
            backward.Parameters.Select(p => p.Name));
        var forward = Assert.Single(run.OutputCompilation.GetTypeByMetadataName("Tests.C")!.GetMembers("FForward").OfType<IMethodSymbol>());
        Assert.Equal("ws", forward.Parameters[0].Name);
    }

    [Fact]
    public void KeywordNamedParametersGetKeywordFreeGradientNames()
    {
        // d + "o" = "do", d + "ouble" = "double": both are keywords.
        var run = AssertGeneratesCompilingCode(Method("return @o * @ouble + @double;", parameters: "double @o, double @ouble, double @double"));
        var backward = BackwardOf(run, "Tests.C");
        Assert.Equal(7, backward.Parameters.Length);
        Assert.Equal(backward.Parameters.Length, backward.Parameters.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void MembersOfTheContainingTypeNamedLikeGeneratedLocals() => AssertGeneratesCompilingCode($$"""
        {{Usings}}
        namespace Tests;

        [Serializable]
        [System.Diagnostics.DebuggerDisplay("C")]
        public sealed partial class C : IComparable<C>
        {
            public static double ws = 1;
            public static double dResult { get; set; }
            public static double dx;
            public double t1 { get; init; }
            public static double t2() => 0;
            public event EventHandler? dt1;
            public class Wx { }
            private const double dWx = 3;
            public static C operator +(C a, C b) => a;
            public int CompareTo(C? other) => 0;
            static C() { }
            ~C() { }

            [Differentiable]
            [Obsolete("not really")]
            public static double F([NoDerivative] double k, double x, Matrix<double> W, Vector<double> v)
            {
                var Wv = W * v;
                var s = Functions.Sigmoid(Wv).Sum();
                return k * x * x + s;
            }
        }
        """);

    [Fact]
    public void UserTypesNamedLikeRuntimeTypes() => AssertGeneratesCompilingCode($$"""
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;

        namespace Tests
        {
            public class Workspace { public static Workspace Enter() => new(); }
            public class Math { }
            public class Vector { }
            public class Matrix { }
            public class Functions { }
            public class MathNet { }
            public class NlpSymbolic { }
            public class Double { }

            public static partial class C
            {
                [Differentiable]
                public static double F(double x, Vector<double> v, Matrix<double> M) =>
                    global::System.Math.Exp(x) * (M * v).Sum() + global::NlpSymbolic.Functions.Sigmoid(x);
            }
        }
        """);

    [Fact]
    public void ShortTypeNamesComeFromTheFilesAliases()
    {
        var run = AssertGeneratesCompilingCode(Method("return (W * v).Sum();", parameters: "Matrix<double> W, Vector<double> v"));
        var text = run.AllGeneratedText;
        Assert.Contains("using Matrix = global::MathNet.Numerics.LinearAlgebra.Matrix<double>;", text);
        Assert.Contains("using Vector = global::MathNet.Numerics.LinearAlgebra.Vector<double>;", text);
        Assert.Contains("using Workspace = global::NlpSymbolic.Workspace;", text);
        Assert.Contains("Matrix? dW,", text);
        Assert.DoesNotContain("global::MathNet", text.Replace("using Matrix = global::MathNet", string.Empty).Replace("using Vector = global::MathNet", string.Empty));
    }

    /// <summary>
    /// Every name C# finds before a file's alias: a nested type of the class and of its base, a member, a type
    /// parameter, a parameter, a global alias. Each must make the generated code spell the type with global::.
    /// </summary>
    [Fact]
    public void ShortTypeNamesAreNotCapturedByTheUsersNames()
    {
        var run = AssertGeneratesCompilingCode(
            new[]
            {
                ("Global.cs", "global using ParameterSet = System.String;"),
                ("Source0.cs", """
                    using MathNet.Numerics.LinearAlgebra;
                    using NlpSymbolic;

                    namespace Tests;

                    public class Base
                    {
                        public class Vector { }
                    }

                    public partial class Model : Base
                    {
                        public Matrix<double> W = Matrix<double>.Build.Dense(2, 2);

                        public class Matrix { }

                        public static int Workspace => 0;

                        [Differentiable]
                        public double F(Vector<double> x) => (W * x).Sum();
                    }

                    public static partial class Generic<Vector>
                    {
                        [Differentiable]
                        public static double G(Vector<double> v, double Workspace) => v.Sum() * Workspace;
                    }
                    """),
            },
            "FBackward",
            "GBackward");
        var text = run.AllGeneratedText;
        Assert.DoesNotContain("using Vector", text);
        Assert.DoesNotContain("using Matrix", text);
        Assert.DoesNotContain("using Workspace", text);
        Assert.DoesNotContain("using ParameterSet", text);
        Assert.Contains("global::MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(", text);
        Assert.Contains("global::NlpSymbolic.Workspace.Enter()", text);
    }

    [Fact]
    public void TypeParametersOfTheContainingTypeNamedLikeGeneratedLocals() => AssertGeneratesCompilingCode("""
        using NlpSymbolic;
        namespace Tests;
        public partial class Model<ws, dResult, dx, t1, dt1> where ws : struct
        {
            [Differentiable]
            public static double F(double x) => x * x * 2 + System.Math.Exp(x);
        }
        """);

    [Fact]
    public void TypesNamedLikeGeneratedLocals() => AssertGeneratesCompilingCode("""
        using NlpSymbolic;
        using MathNet.Numerics.LinearAlgebra;
        namespace Tests;
        public class ws { }
        public class dResult { }
        public class dx { }
        public class t1 { }
        public partial class dv
        {
            [Differentiable]
            public static double F(double x, Vector<double> v) => (v * x).Sum() * x;
        }
        """);

    // ---------------------------------------------------------------- shapes of containing types

    [Theory]
    [InlineData("public static partial class")]
    [InlineData("public partial class")]
    [InlineData("public sealed partial class")]
    [InlineData("public abstract partial class")]
    [InlineData("internal partial class")]
    [InlineData("public partial struct")]
    [InlineData("public readonly partial struct")]
    [InlineData("public ref partial struct")]
    [InlineData("public partial record")]
    [InlineData("public sealed partial record")]
    [InlineData("public partial record class")]
    [InlineData("public partial record struct")]
    [InlineData("public readonly partial record struct")]
    [InlineData("public partial interface")]
    public void ContainingTypeKinds(string declaration)
    {
        var run = AssertGeneratesCompilingCode($$"""
            {{Usings}}
            namespace Tests;
            {{declaration}} C
            {
                [Differentiable]
                public static double F(double x, Vector<double> v) => (v * x).Sum() * Math.Tanh(x);
            }
            """);
        Assert.True(BackwardOf(run, "Tests.C").IsStatic);
    }

    [Fact]
    public void RecordsWithPrimaryConstructors()
    {
        var run = AssertGeneratesCompilingCode("""
            using NlpSymbolic;
            namespace Tests;
            public partial record R(double A, double B)
            {
                [Differentiable] public static double F(double x) => x * x;
            }
            public partial record struct S(int N)
            {
                [Differentiable] public static double F(double x) => x * x;
            }
            public partial class P(int n)
            {
                public int N => n;
                [Differentiable] public static double F(double x) => x * x;
            }
            """);
        BackwardOf(run, "Tests.R");
        BackwardOf(run, "Tests.S");
        BackwardOf(run, "Tests.P");
    }

    [Fact]
    public void NestedPartialTypes()
    {
        var run = AssertGeneratesCompilingCode("""
            using NlpSymbolic;
            namespace Tests;
            public static partial class Outer
            {
                public partial class Middle<T> where T : notnull
                {
                    private partial record struct Inner
                    {
                        [Differentiable] internal static double F(double x) => x * x;
                    }

                    internal partial interface INested
                    {
                        [Differentiable] public static double F(double x) => x * x;
                    }
                }

                [Differentiable] public static double F(double x) => x * x;
            }
            """);
        Assert.Equal(Accessibility.Internal, BackwardOf(run, "Tests.Outer+Middle`1+Inner").DeclaredAccessibility);
        Assert.Equal(Accessibility.Public, BackwardOf(run, "Tests.Outer+Middle`1+INested").DeclaredAccessibility);
        BackwardOf(run, "Tests.Outer");
        Assert.Equal(3, run.GeneratedSources.Select(s => s.HintName).Distinct().Count());
    }

    [Fact]
    public void GenericPartialClasses()
    {
        var run = AssertGeneratesCompilingCode("""
            using NlpSymbolic;
            using MathNet.Numerics.LinearAlgebra;
            namespace Tests;
            public partial class Model<T>
            {
                public T? Value { get; set; }
                [Differentiable] public static double F(double x, Vector<double> v) => (v * x).Sum();
            }
            public partial class Model<T1, T2> where T1 : class where T2 : struct, System.IComparable<T2>
            {
                [Differentiable] public static double F(double x) => x * x;
            }
            public partial class Model
            {
                [Differentiable] public static double F(double x) => x * x;
            }
            """);
        BackwardOf(run, "Tests.Model`1");
        BackwardOf(run, "Tests.Model`2");
        BackwardOf(run, "Tests.Model");
        Assert.Equal(3, run.GeneratedSources.Select(s => s.HintName).Distinct().Count());
    }

    [Fact]
    public void GlobalNamespace()
    {
        var run = AssertGeneratesCompilingCode("""
            using NlpSymbolic;
            public static partial class C
            {
                [Differentiable] public static double F(double x) => x * x;
            }
            """);
        BackwardOf(run, "C");
        Assert.DoesNotContain("namespace", run.AllGeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void FileScopedAndBlockScopedNamespaces()
    {
        var run = AssertGeneratesCompilingCode(
            new[]
            {
                ("A.cs", """
                    using NlpSymbolic;
                    namespace Company.Product.Models;
                    public static partial class C
                    {
                        [Differentiable] public static double F(double x) => x * x;
                    }
                    """),
                ("B.cs", """
                    using NlpSymbolic;
                    namespace Company
                    {
                        namespace Product.Other
                        {
                            public static partial class C
                            {
                                [Differentiable] public static double F(double x) => x * x;
                            }
                        }
                    }
                    """),
            });
        BackwardOf(run, "Company.Product.Models.C");
        BackwardOf(run, "Company.Product.Other.C");
    }

    [Fact]
    public void KeywordNamedNamespaceTypeAndMethod()
    {
        var run = AssertGeneratesCompilingCode("""
            using NlpSymbolic;
            namespace @class.@namespace;
            public static partial class @static
            {
                [Differentiable] public static double @double(double @int) => @int * @int;
            }
            """, "doubleBackward");
        BackwardOf(run, "class.namespace.static", "double");
    }

    [Fact]
    public void UnicodeNames()
    {
        var run = AssertGeneratesCompilingCode("""
            using NlpSymbolic;
            namespace Modèles;
            public static partial class Réseau
            {
                [Differentiable] public static double Größe(double β) { var γ = β * β; return γ * β; }
            }
            """, "GrößeBackward");
        BackwardOf(run, "Modèles.Réseau", "Größe");
    }

    [Fact]
    public void OverloadsGetUniqueHintNames()
    {
        var run = AssertGeneratesCompilingCode("""
            using NlpSymbolic;
            using MathNet.Numerics.LinearAlgebra;
            namespace Tests;
            public static partial class C
            {
                [Differentiable] public static double F(double x) => x * x;
                [Differentiable] public static double F(double x, double y) => x * y;
                [Differentiable] public static double F(Vector<double> x) => x.Sum();
                [Differentiable] public static double F(Vector<double> x, int k) => x[k];
                [Differentiable] public static Vector<double> F(Matrix<double> W, Vector<double> x) => W * x;
                [Differentiable] public static double F(double[] x) => x[0];
                [Differentiable] public static double F(Vector<double>[] x) => x[0].Sum();
            }
            """);
        var hints = run.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Equal(7, hints.Count);
        Assert.Equal(7, hints.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var type = run.OutputCompilation.GetTypeByMetadataName("Tests.C")!;
        Assert.Equal(7, type.GetMembers("FBackward").Length);
    }

    /// <summary>Hint names must be unique however the user names things, or AddSource throws and nothing is generated.</summary>
    [Fact]
    public void HintNamesStayUniqueWhenAMethodNameLooksLikeAnOverloadSuffix() => AssertGeneratesCompilingCode("""
        using NlpSymbolic;
        namespace Tests;
        public static partial class C
        {
            [Differentiable] public static double F(double a, double b) => a * b;
            [Differentiable] public static double F_Scalar(double a) => a * a;
        }
        """, "FBackward", "F_ScalarBackward");

    [Fact]
    public void HintNamesStayUniqueForAGenericTypeAndATypeNamedLikeItsHint() => AssertGeneratesCompilingCode("""
        using NlpSymbolic;
        namespace Tests;
        public static partial class Model<T>
        {
            [Differentiable] public static double F(double a) => a * a;
        }
        public static partial class Model_T
        {
            [Differentiable] public static double F(double a) => a * a;
        }
        """);

    /// <summary>
    /// Generated code must not add warnings either: consumers build with documentation files and
    /// warnings as errors (the runtime itself sets GenerateDocumentationFile).
    /// </summary>
    [Theory]
    [InlineData("[Differentiable] public static double F(double x) => x * x;")]
    [InlineData("[Differentiable] public static Vector<double> F(Matrix<double> W, Vector<double> v, [NoDerivative] int k) => Functions.Softmax(W * v) * v[k];")]
    [InlineData("[Differentiable] public static double F(int n) => n * 2.0;")]
    [InlineData("[Differentiable] public static double F(double x) => x * x; [Differentiable] public static double F(double x, double y) => x * y;")]
    [InlineData("[Differentiable] public static double F(double x) => x * x; public static double F(string s) => 0;")]
    public void GeneratedCodeAddsNoWarnings(string members)
    {
        var run = GeneratorHarness.Run($$"""
            {{Usings}}
            namespace Tests;
            /// <summary>Documented.</summary>
            public static partial class C
            {
                {{members}}
            }
            """);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(run.Emitted("FBackward"), run.Describe());
        var generatedPaths = run.GeneratedSources.Select(s => s.SyntaxTree.FilePath).ToHashSet();
        var warnings = run.OutputDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591" && generatedPaths.Contains(d.Location.SourceTree?.FilePath ?? string.Empty))
            .ToList();
        Assert.True(warnings.Count == 0, "Warnings in generated code:\n" + string.Join("\n", warnings) + "\n\n" + run.Describe());
    }

    [Theory]
    [InlineData("public", Accessibility.Public)]
    [InlineData("internal", Accessibility.Internal)]
    [InlineData("private", Accessibility.Private)]
    [InlineData("", Accessibility.Private)]
    [InlineData("protected", Accessibility.Protected)]
    [InlineData("protected internal", Accessibility.ProtectedOrInternal)]
    [InlineData("private protected", Accessibility.ProtectedAndInternal)]
    public void AccessibilityIsPreserved(string modifier, Accessibility expected)
    {
        var run = AssertGeneratesCompilingCode($$"""
            using NlpSymbolic;
            namespace Tests;
            public partial class C
            {
                [Differentiable]
                {{modifier}} static double F(double x) => x * x;

                public static double Use(double x) { double dx = 0; return FBackward(x, 1, ref dx) + dx; }
            }
            """);
        Assert.Equal(expected, BackwardOf(run, "Tests.C").DeclaredAccessibility);
    }

    [Fact]
    public void DifferentiableMethodsInDifferentFilesOfOnePartialType()
    {
        var run = AssertGeneratesCompilingCode(
            new[]
            {
                ("A.cs", """
                    using NlpSymbolic;
                    namespace Tests;
                    public static partial class C
                    {
                        [Differentiable] public static double F(double x) => x * x;
                    }
                    """),
                ("B.cs", """
                    using NlpSymbolic;
                    namespace Tests;
                    public static partial class C
                    {
                        [Differentiable] public static double G(double x) => x * x * 3;
                        public static double G2(double x) => GBackward(x, 1, ref x);
                    }
                    """),
                ("C.cs", """
                    namespace Tests;
                    public static partial class C
                    {
                        public static double Use(double x)
                        {
                            double dx = 0;
                            return FBackward(x, 1, ref dx) + dx;
                        }
                    }
                    """),
            },
            "FBackward", "GBackward");
        BackwardOf(run, "Tests.C", "F");
        BackwardOf(run, "Tests.C", "G");
    }

    [Fact]
    public void TwoDifferentiableMethodsInDifferentFilesBothCompile()
    {
        var run = AssertGeneratesCompilingCode(
            new[]
            {
                ("A.cs", """
                    using NlpSymbolic;
                    namespace Tests;
                    public static partial class C
                    {
                        [Differentiable] public static double F(double x) => x * x;
                    }
                    """),
                ("B.cs", """
                    using NlpSymbolic;
                    using MathNet.Numerics.LinearAlgebra;
                    namespace Tests;
                    public static partial class C
                    {
                        [Differentiable] public static double G(Vector<double> x) => x.Sum();
                    }
                    """),
            },
            "FBackward", "GBackward");
        BackwardOf(run, "Tests.C", "F");
        BackwardOf(run, "Tests.C", "G");
    }

    [Fact]
    public void AttributeThroughAnAliasAndFullName()
    {
        var run = AssertGeneratesCompilingCode("""
            using D = NlpSymbolic.DifferentiableAttribute;
            namespace Tests;
            public static partial class C
            {
                [D] public static double F(double x) => x * x;
                [NlpSymbolic.Differentiable] public static double G(double x) => x * x;
                [global::NlpSymbolic.DifferentiableAttribute()] public static double H(double x) => x * x;
            }
            """, "FBackward", "GBackward", "HBackward");
        Assert.Equal(3, run.GeneratedSources.Length);
    }

    [Fact]
    public void AUserAttributeNamedDifferentiableIsIgnored()
    {
        var run = GeneratorHarness.Run("""
            namespace Tests
            {
                public sealed class DifferentiableAttribute : System.Attribute { }
                public static class C
                {
                    [Differentiable] public static double F(double x) => x * x;
                }
            }
            """);
        run.AssertNoGeneratorDiagnostics();
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void PartialMethodWithTheAttributeOnItsImplementation()
    {
        var run = AssertGeneratesCompilingCode("""
            using NlpSymbolic;
            namespace Tests;
            public static partial class C
            {
                public static partial double F(double x);
                [Differentiable] public static partial double F(double x) => x * x;
                public static double Use(double x) { double dx = 0; return FBackward(x, 1, ref dx); }
            }
            """);
        BackwardOf(run, "Tests.C");
    }

    /// <summary>
    /// On the defining part of a partial method the body lives in the implementing part, possibly in another
    /// file whose edits would not re-run the generator for this one; so the attribute belongs on the body.
    /// </summary>
    [Fact]
    public void PartialMethodWithTheAttributeOnItsDefinitionIsReported()
    {
        var run = GeneratorHarness.Run("""
            using NlpSymbolic;
            namespace Tests;
            public static partial class C
            {
                [Differentiable] public static partial double F(double x);
                public static partial double F(double x) => x * x;
            }
            """);
        Assert.True(run.GeneratorReportedError, run.Describe());
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "NLPSYM011");
    }

    /// <summary>
    /// A file-local type cannot be extended from another file: a generated <c>partial class C</c> elsewhere is a
    /// different type, so the backward method is not where the user looks for it. Either generate it or say why.
    /// </summary>
    [Fact]
    public void FileLocalTypeIsReportedOrSupported()
    {
        var run = GeneratorHarness.Run("""
            using NlpSymbolic;
            namespace Tests;
            file static partial class C
            {
                [Differentiable] public static double F(double x) => x * x;
                public static double Use(double x) { double dx = 0; return FBackward(x, 1, ref dx); }
            }
            """);
        if (!run.GeneratorReportedError)
        {
            run.AssertCompiles();
        }
    }
}
