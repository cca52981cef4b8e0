using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Parsing;
using Xunit;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// The parse cache (<see cref="ParseCache"/>): an edit binds again only the methods it can have changed, and what
/// comes out is what a fresh driver would say, diagnostics at the same places.
/// </summary>
public sealed class ParseCacheTests
{
    private const string FileA = """
        using System;
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;
        namespace Tests;
        public static partial class C
        {
            public static double Helper(double x) => x + 1;

            [Differentiable]
            public static double F(double x, Vector<double> v) => Math.Exp(x) * v.Sum();

            [Differentiable]
            public static double Bad(double x)
            {
                var y = x * 2;
                return Math.Atan2(y, 1.0);
            }
        }
        """;

    private const string FileB = """
        using NlpSymbolic;
        namespace Tests;
        public static partial class D
        {
            [Differentiable]
            public static double G(double x) => C.Helper(x) * x;
        }
        """;

    /// <summary>The run, and the names of the methods it bound (the others came from the cache).</summary>
    private static (GeneratorRun Run, string[] Bound) RunCounting(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        ParseCache.BoundOnThisThread.Clear();
        var run = GeneratorHarness.Run(compilation, driver);
        return (run, ParseCache.BoundOnThisThread.OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }

    private static (CSharpCompilation, GeneratorRun) Initial()
    {
        var compilation = GeneratorHarness.CreateCompilation(("A.cs", FileA), ("B.cs", FileB));
        var (run, bound) = RunCounting(compilation);
        Assert.Equal(new[] { "Bad", "F", "G" }, bound);
        return (compilation, run);
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, string path, string source) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == path), GeneratorHarness.ParseTree(source, path));

    /// <summary>The same compilation through a new driver: what the cached run must agree with.</summary>
    private static void AssertAsFresh(GeneratorRun run)
    {
        var fresh = GeneratorHarness.Run(run.InputCompilation);
        Assert.Equal(fresh.GeneratorDiagnostics.Select(d => d.ToString()), run.GeneratorDiagnostics.Select(d => d.ToString()));
        Assert.Equal(
            fresh.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            run.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void AnEditInsideOneMethodBindsOnlyThatMethod()
    {
        var (compilation, run) = Initial();
        var (rerun, bound) = RunCounting(Edit(compilation, "A.cs", FileA.Replace("Math.Exp(x)", "Math.Tanh(x)")), run.Driver);

        Assert.Equal(new[] { "F" }, bound);
        AssertAsFresh(rerun);
    }

    [Fact]
    public void AnEditInsideAnotherBodyBindsNothing()
    {
        var (compilation, run) = Initial();
        var (rerun, bound) = RunCounting(Edit(compilation, "A.cs", FileA.Replace("=> x + 1;", "=> x + 2;")), run.Driver);

        Assert.Empty(bound);
        AssertAsFresh(rerun);
    }

    [Fact]
    public void AChangedDeclarationBindsEveryMethodAgain()
    {
        // G's call now binds to another overload: no method's earlier parse can be trusted.
        var (compilation, run) = Initial();
        var (rerun, bound) = RunCounting(
            Edit(compilation, "A.cs", FileA.Replace("public static double Helper(double x) => x + 1;", "public static double Helper(double x) => x + 1;\n    public static double Helper(int x) => x;")),
            run.Driver);

        Assert.Equal(new[] { "Bad", "F", "G" }, bound);
        AssertAsFresh(rerun);
    }

    [Fact]
    public void AMethodThatMovedKeepsItsDiagnosticsWhereItNowIs()
    {
        var (compilation, run) = Initial();
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "NLPSYM103");
        var moved = FileA.Replace("namespace Tests;", "// Two lines\n// above everything.\nnamespace Tests;");
        var (rerun, bound) = RunCounting(Edit(compilation, "A.cs", moved), run.Driver);

        var diagnostic = rerun.GeneratorDiagnostics.Single(d => d.Id == "NLPSYM103");
        Assert.Equal(run.GeneratorDiagnostics.Single(d => d.Id == "NLPSYM103").Location.GetLineSpan().StartLinePosition.Line + 2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        AssertAsFresh(rerun);

        // The comments moved F and Bad: both came from the cache, moved.
        Assert.Empty(bound);
    }

    /// <summary>
    /// The aliases a local hides are read again whenever the body declares a local named like one; otherwise the
    /// answer of the declaration is kept (<see cref="ShadowedAliases.DeclaresLocalNamedLikeAnAlias"/>).
    /// </summary>
    [Fact]
    public void ALocalNamedLikeAnAliasComesAndGoesWithEdits()
    {
        var plain = FileA.Replace("=> Math.Exp(x) * v.Sum();", "{ var w = 2.0; return Math.Exp(x) * v.Sum() * w; }");
        var hiding = plain.Replace("var w = 2.0; return Math.Exp(x) * v.Sum() * w;", "var Workspace = 2.0; return Math.Exp(x) * v.Sum() * Workspace;");
        var compilation = GeneratorHarness.CreateCompilation(("A.cs", plain), ("B.cs", FileB));
        var run = GeneratorHarness.Run(compilation);
        foreach (var source in new[] { hiding, plain, hiding })
        {
            compilation = Edit(compilation, "A.cs", source);
            var (rerun, bound) = RunCounting(compilation, run.Driver);
            Assert.Equal(new[] { "F" }, bound);
            AssertAsFresh(rerun);
            run = rerun;
        }

        Assert.Contains("global::NlpSymbolic.Workspace.Enter()", run.AllGeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameTokensGroupedOtherwiseAreOtherDeclarations()
    {
        // A stray brace ends the file-scoped namespace: D leaves it, though no token outside a body changed.
        const string inside = "namespace N;\nclass C\n{\n    void M() { }\n}\nclass D { }\n";
        var outside = inside.Replace("void M() { }", "void M() { } }");
        Compilation Of(string source) => GeneratorHarness.CreateCompilation(source);
        Assert.IsType<FileScopedNamespaceDeclarationSyntax>(TypeD(inside).Parent);
        Assert.IsType<CompilationUnitSyntax>(TypeD(outside).Parent);

        Assert.Equal(DeclarationFingerprint.Of(Of(inside)), DeclarationFingerprint.Of(Of(inside + "\n// a comment\n")));
        Assert.Equal(DeclarationFingerprint.Of(Of(inside)), DeclarationFingerprint.Of(Of(inside.Replace("void M() { }", "void M() { var x = 1; }"))));
        Assert.NotEqual(DeclarationFingerprint.Of(Of(inside)), DeclarationFingerprint.Of(Of(outside)));

        static ClassDeclarationSyntax TypeD(string source) =>
            CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.ValueText == "D");
    }

    /// <summary>
    /// The cache moves a result with its method through <see cref="MethodParseResult.Moved"/>, which knows where
    /// locations are: in diagnostics, and diagnostics only in these places. A location anywhere else would stay
    /// behind when its method moves.
    /// </summary>
    [Fact]
    public void EveryLocationOfAParseResultIsOneThatMoves()
    {
        var holders = new HashSet<string>();
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(new[] { typeof(MethodParseResult) });
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!seen.Add(type) || type.Assembly != typeof(MethodParseResult).Assembly || type.IsEnum)
            {
                continue;
            }

            var subtypes = type.IsAbstract ? type.Assembly.GetTypes().Where(t => !t.IsAbstract && type.IsAssignableFrom(t)) : Enumerable.Empty<Type>();
            foreach (var subtype in subtypes)
            {
                queue.Enqueue(subtype);
            }

            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.Name != "EqualityContract"))
            {
                var target = Unwrap(property.PropertyType);
                if (target == typeof(DiagnosticInfo) || target == typeof(LocationInfo))
                {
                    holders.Add(type.Name + "." + property.Name);
                }

                queue.Enqueue(target);
            }
        }

        Assert.Equal(
            new[] { "CallSite.Diagnostic", "DiagnosticInfo.Location", "ExternalCall.Diagnostic", "MethodParseResult.Diagnostics" },
            holders.OrderBy(h => h, StringComparer.Ordinal));

        static Type Unwrap(Type type) =>
            type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(EquatableArray<>) || type.GetGenericTypeDefinition() == typeof(Nullable<>))
                ? Unwrap(type.GetGenericArguments()[0])
                : type;
    }
}
