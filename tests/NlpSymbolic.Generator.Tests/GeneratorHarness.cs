using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// Runs <see cref="DifferentiableGenerator"/> on in-memory sources the way the compiler does, and
/// hands back everything a test may want to look at: generated files, generator diagnostics, the
/// exception the generator threw (if any) and the diagnostics of the compilation with the generated
/// files added.
/// </summary>
/// <remarks>
/// Kept instead of Microsoft.CodeAnalysis.CSharp.SourceGenerators.Testing (tried at 1.1.4, see README.md): that
/// framework downloads reference packs from NuGet while tests run unless given these same references, brings 29
/// packages and restore warnings under the served registry, is about ten times slower per test, and compares
/// messages whole where our tests check the fragments that matter.
/// </remarks>
internal static class GeneratorHarness
{
    public const string InternalErrorId = "NLPSYM901";

    public static CSharpParseOptions ParseOptions { get; } =
        new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilationOptions CompilationOptions { get; } =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    private static readonly Lazy<ImmutableArray<MetadataReference>> references = new(CreateReferences);

    /// <summary>The runtime (NlpSymbolic), MathNet.Numerics and the trusted platform assemblies, each once.</summary>
    public static ImmutableArray<MetadataReference> References => references.Value;

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var paths = new List<string>
        {
            typeof(NlpSymbolic.Workspace).Assembly.Location,
            typeof(MathNet.Numerics.LinearAlgebra.Vector<double>).Assembly.Location,
        };
        var tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        paths.AddRange(tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        // One reference per assembly name: the same assembly twice would be CS1703.
        return paths
            .Where(File.Exists)
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToImmutableArray();
    }

    public static SyntaxTree ParseTree(string source, string path) =>
        CSharpSyntaxTree.ParseText(SourceText.From(source, System.Text.Encoding.UTF8), ParseOptions, path);

    /// <summary>A compilation of the sources, named <c>Source0.cs</c>, <c>Source1.cs</c>, ….</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(sources.Select((s, i) => ($"Source{i}.cs", s)).ToArray());

    public static CSharpCompilation CreateCompilation(params (string Path, string Source)[] files) =>
        CSharpCompilation.Create(
            "GeneratorTestInput",
            files.Select(f => ParseTree(f.Source, f.Path)),
            References,
            CompilationOptions);

    public static GeneratorDriver CreateDriver() => CreateDriver(null);

    /// <summary>A driver whose project sets the given MSBuild properties (<c>build_property.Name</c> = value).</summary>
    public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? buildProperties) =>
        CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: buildProperties is null ? null : new NlpSymbolic.Tool.BuildProperties(buildProperties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    public static GeneratorRun Run(params (string Path, string Source)[] files) => Run(CreateCompilation(files));

    /// <summary>
    /// Runs the generator (on <paramref name="driver"/>, to test incrementality, or a new driver) and checks
    /// what must hold for every input: the generator threw nothing and reported no internal error.
    /// </summary>
    public static GeneratorRun Run(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        driver ??= CreateDriver();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var run = new GeneratorRun(compilation, output, driver, driver.GetRunResult(), driverDiagnostics);
        run.AssertGeneratorDidNotFail();
        return run;
    }
}

/// <summary>One run of the generator and what came out of it.</summary>
internal sealed class GeneratorRun
{
    public GeneratorRun(
        CSharpCompilation input,
        Compilation output,
        GeneratorDriver driver,
        GeneratorDriverRunResult runResult,
        ImmutableArray<Diagnostic> driverDiagnostics)
    {
        InputCompilation = input;
        OutputCompilation = output;
        Driver = driver;
        RunResult = runResult;
        DriverDiagnostics = driverDiagnostics;
    }

    public CSharpCompilation InputCompilation { get; }

    public Compilation OutputCompilation { get; }

    public GeneratorDriver Driver { get; }

    public GeneratorDriverRunResult RunResult { get; }

    /// <summary>Diagnostics of the driver itself (e.g. CS8785 when a generator throws).</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    public GeneratorRunResult Result => RunResult.Results.Single();

    /// <summary>
    /// The generated code files: one per method, one per model class. The <c>BackwardSources</c> files (the same
    /// texts as string constants) are in <see cref="BackwardSourcesFiles"/>, so every other test sees them not.
    /// </summary>
    public ImmutableArray<GeneratedSourceResult> GeneratedSources =>
        Result.GeneratedSources.Where(s => !IsBackwardSources(s.HintName)).ToImmutableArray();

    /// <summary>The <c>Type.BackwardSources.g.cs</c> files, one per type with a generated method.</summary>
    public ImmutableArray<GeneratedSourceResult> BackwardSourcesFiles =>
        Result.GeneratedSources.Where(s => IsBackwardSources(s.HintName)).ToImmutableArray();

    private static bool IsBackwardSources(string hintName) => hintName.EndsWith(".BackwardSources.g.cs", StringComparison.Ordinal);

    /// <summary>The generator's own diagnostics, in source order.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics =>
        Result.Diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();

    public Exception? Exception => Result.Exception;

    public ImmutableArray<Diagnostic> OutputDiagnostics => OutputCompilation.GetDiagnostics();

    public IEnumerable<Diagnostic> OutputErrors => OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    public bool GeneratorReportedError => GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Errors of the output compilation that the input compilation did not have.</summary>
    public IReadOnlyList<Diagnostic> NewErrors
    {
        get
        {
            var before = new HashSet<(string, string, TextSpan)>(
                InputCompilation.GetDiagnostics()
                    .Where(d => d.Severity == DiagnosticSeverity.Error)
                    .Select(Key));
            return OutputErrors.Where(d => !before.Contains(Key(d))).ToList();
        }
    }

    private static (string, string, TextSpan) Key(Diagnostic d) =>
        (d.Id, d.Location.SourceTree?.FilePath ?? string.Empty, d.Location.SourceSpan);

    /// <summary>All generated text, concatenated (for "was anything emitted for X" checks).</summary>
    public string AllGeneratedText => string.Join("\n", GeneratedSources.Select(s => s.SourceText.ToString()));

    public bool Emitted(string backwardMethodName) =>
        GeneratedSources.Any(s => s.SourceText.ToString().Contains(" " + backwardMethodName + "(", StringComparison.Ordinal));

    public void AssertGeneratorDidNotFail()
    {
        if (Exception is not null)
        {
            throw new XunitException("The generator threw: " + Exception);
        }

        var internalErrors = Result.Diagnostics.Where(d => d.Id == GeneratorHarness.InternalErrorId).ToList();
        if (internalErrors.Count > 0)
        {
            throw new XunitException("The generator reported an internal error:\n" + string.Join("\n", internalErrors));
        }

        var failures = DriverDiagnostics.Where(d => d.Id == "CS8784" || d.Id == "CS8785").ToList();
        if (failures.Count > 0)
        {
            throw new XunitException("The driver reported a generator failure:\n" + string.Join("\n", failures));
        }
    }

    /// <summary>The generated code compiles whenever the generator reported no error.</summary>
    public void AssertCompiles()
    {
        var errors = OutputErrors.ToList();
        if (errors.Count > 0)
        {
            throw new XunitException(
                "The output compilation has errors:\n" + string.Join("\n", errors) + "\n\n" + Describe());
        }
    }

    /// <summary>The generated files add no compile error to whatever errors the user's code already has.</summary>
    public void AssertNoNewErrors()
    {
        var errors = NewErrors;
        if (errors.Count > 0)
        {
            throw new XunitException(
                "The generated files introduced compile errors:\n" + string.Join("\n", errors) + "\n\n" + Describe());
        }
    }

    public void AssertNoGeneratorDiagnostics()
    {
        if (!GeneratorDiagnostics.IsEmpty)
        {
            throw new XunitException("Unexpected generator diagnostics:\n" + string.Join("\n", GeneratorDiagnostics));
        }
    }

    /// <summary>Generator diagnostics and generated files, for failure messages.</summary>
    public string Describe() =>
        "Generator diagnostics:\n" + string.Join("\n", GeneratorDiagnostics.Select(d => "  " + d)) + "\n"
        + string.Concat(GeneratedSources.Select(s => $"--- {s.HintName}\n{s.SourceText}\n"));
}
