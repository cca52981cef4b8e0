using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests;

/// <summary>A diagnostic expected at one <c>[|…|]</c> span: its id and fragments its message must contain.</summary>
internal sealed record ExpectedDiagnostic(string Id, params string[] MessageFragments);

/// <summary>Source snippets shared by the tests.</summary>
internal static class Sources
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;
        """;

    /// <summary>
    /// <c>public static double F(double x) { body }</c> in <c>public static partial class Tests.C</c>, with
    /// <paramref name="members"/> beside it.
    /// </summary>
    public static string Method(string body, string parameters = "double x", string returnType = "double", string members = "") =>
        $$"""
        {{Usings}}

        namespace Tests;

        public static partial class C
        {
            {{members}}

            [Differentiable]
            public static {{returnType}} F({{parameters}})
            {
                {{body}}
            }
        }

        public static class Other
        {
            public static double Value = 3;
        }
        """;
}

/// <summary>
/// Runs the generator on markup and checks each marked span carries exactly the expected diagnostic. Ids and
/// message fragments are listed beside the markup rather than written into it as Roslyn's <c>{|NLPSYM103:…|}</c>,
/// since a fragment list cannot go there (README.md says why the Roslyn framework itself is not used).
/// </summary>
internal static class DiagnosticVerifier
{
    public const string TestPath = "Test.cs";

    /// <summary>Every marked span gets <paramref name="id"/> with all of <paramref name="fragments"/> in its message.</summary>
    public static GeneratorRun Verify(string markup, string id, params string[] fragments)
    {
        var spanCount = Markup.Parse(markup).Spans.Length;
        return Verify(markup, Enumerable.Repeat(new ExpectedDiagnostic(id, fragments), spanCount).ToArray());
    }

    public static GeneratorRun Verify(string markup, params ExpectedDiagnostic[] expected) =>
        Verify(new[] { (TestPath, markup) }, expected);

    /// <summary>
    /// Several files: <paramref name="expected"/> follows the marked spans file by file (by path, ordinally, as
    /// <see cref="GeneratorRun.GeneratorDiagnostics"/> is sorted) and within a file in source order.
    /// </summary>
    public static GeneratorRun Verify((string Path, string Markup)[] files, params ExpectedDiagnostic[] expected)
    {
        var parsed = files.Select(f => (f.Path, Parsed: Markup.Parse(f.Markup))).ToArray();
        var spans = parsed
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .SelectMany(f => f.Parsed.Spans.Select(span => (f.Path, f.Parsed.Source, Span: span)))
            .ToArray();
        Assert.True(spans.Length == expected.Length, $"The markup has {spans.Length} spans for {expected.Length} expected diagnostics.");
        Assert.NotEmpty(spans);

        var run = GeneratorHarness.Run(parsed.Select(f => (f.Path, f.Parsed.Source)).ToArray());
        var actual = run.GeneratorDiagnostics;
        var sources = parsed.ToDictionary(f => f.Path, f => f.Parsed.Source);

        string Show() =>
            "Expected:\n" + string.Join("\n", expected.Select((e, i) => $"  {e.Id} at {spans[i].Path} {spans[i].Span} '{spans[i].Source.Substring(spans[i].Span.Start, spans[i].Span.Length)}'"))
            + "\nActual:\n" + string.Join("\n", actual.Select(d => $"  {d.Id} at {d.Location.GetLineSpan().Path} {d.Location.SourceSpan} '{Excerpt(sources, d.Location)}': {d.GetMessage()}"));

        if (actual.Length != expected.Length)
        {
            throw new XunitException("Wrong number of generator diagnostics.\n" + Show());
        }

        for (var i = 0; i < expected.Length; i++)
        {
            var diagnostic = actual[i];
            var want = expected[i];
            var lineSpan = diagnostic.Location.GetLineSpan();
            if (diagnostic.Id != want.Id || lineSpan.Path != spans[i].Path || diagnostic.Location.SourceSpan != spans[i].Span)
            {
                throw new XunitException($"Diagnostic {i} differs.\n" + Show());
            }

            Assert.Equal(SourceText.From(spans[i].Source).Lines.GetLinePositionSpan(spans[i].Span), lineSpan.Span);
            Assert.Equal(ExpectedSeverity(want.Id), diagnostic.Severity);
            Assert.Equal(ExpectedSeverity(want.Id), diagnostic.DefaultSeverity);
            Assert.True(diagnostic.Descriptor.IsEnabledByDefault);

            var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.DoesNotContain("{0}", message, StringComparison.Ordinal);
            Assert.DoesNotContain("{1}", message, StringComparison.Ordinal);
            foreach (var fragment in want.MessageFragments)
            {
                if (!message.Contains(fragment, StringComparison.Ordinal))
                {
                    throw new XunitException($"The message of {want.Id} lacks \"{fragment}\":\n  {message}");
                }
            }
        }

        return run;
    }

    /// <summary>Verifies the diagnostics and that no backward method at all was generated for <c>F</c>.</summary>
    public static GeneratorRun VerifyError(string markup, string id, params string[] fragments)
    {
        var run = Verify(markup, id, fragments);
        AssertNotEmitted(run, "FBackward");
        return run;
    }

    public static GeneratorRun VerifyError(string markup, params ExpectedDiagnostic[] expected)
    {
        var run = Verify(markup, expected);
        AssertNotEmitted(run, "FBackward");
        return run;
    }

    public static void AssertNotEmitted(GeneratorRun run, string backwardName)
    {
        if (run.Emitted(backwardName))
        {
            throw new XunitException($"{backwardName} was generated although the method has an error.\n" + run.Describe());
        }
    }

    public static DiagnosticSeverity ExpectedSeverity(string id) =>
        id is "NLPSYM008" or "NLPSYM202" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;

    private static string Excerpt(Dictionary<string, string> sources, Location location) =>
        sources.TryGetValue(location.GetLineSpan().Path, out var source) && location.SourceSpan.End <= source.Length
            ? source.Substring(location.SourceSpan.Start, location.SourceSpan.Length)
            : "?";
}
