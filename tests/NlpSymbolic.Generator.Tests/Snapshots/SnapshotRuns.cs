using System.Linq;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>Runs the generator on one self-contained source file for a whole-file snapshot.</summary>
internal static class SnapshotRuns
{
    /// <summary>What a model file of a consumer starts with.</summary>
    public const string Usings = """
        using System;
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;
        using static NlpSymbolic.Functions;
        """;

    /// <summary>
    /// The generator's output for <paramref name="source"/>, checked first: no generator diagnostic at all
    /// (the inputs are meant to be clean), an output compilation without errors and one file per
    /// [Differentiable] method.
    /// </summary>
    public static GeneratorRun Clean(string source, string path = "Model.cs")
    {
        var run = GeneratorHarness.Run((path, source));
        if (!run.GeneratorDiagnostics.IsEmpty)
        {
            throw new XunitException("The snapshot input got generator diagnostics:\n"
                + string.Join("\n", run.GeneratorDiagnostics.Select(d => "  " + d)));
        }

        run.AssertCompiles();

        // Every [Differentiable] method gets its file: a method dropped without a diagnostic is a bug too.
        var methods = source.Split("[Differentiable]").Length - 1;
        if (run.GeneratedSources.Length != methods)
        {
            throw new XunitException($"{methods} [Differentiable] methods but {run.GeneratedSources.Length} generated files:\n"
                + string.Join("\n", run.GeneratedSources.Select(s => "  " + s.HintName)));
        }

        return run;
    }
}
