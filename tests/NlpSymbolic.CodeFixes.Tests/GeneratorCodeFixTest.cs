using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using NlpSymbolic.Generator;

namespace NlpSymbolic.CodeFixes.Tests;

/// <summary>
/// A code-fix test whose diagnostics come from the source generator, as in the IDE: the generator runs on the test
/// code, its diagnostic at the <c>{|NLPSYMnnn:…|}</c> markup is fixed with <typeparamref name="TCodeFix"/>, and the
/// fixed code must compile with no diagnostic left. Offline: the references are the runtime, MathNet and the
/// framework the tests run on (no reference pack is downloaded).
/// </summary>
public sealed class GeneratorCodeFixTest<TCodeFix> : CodeFixTest<DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> references = new(CreateReferences);

    public GeneratorCodeFixTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(references.Value);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    public override string Language => LanguageNames.CSharp;

    public override Type SyntaxKindType => typeof(SyntaxKind);

    protected override string DefaultFileExt => "cs";

    protected override CompilationOptions CreateCompilationOptions() =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(DifferentiableGenerator) };

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Array.Empty<DiagnosticAnalyzer>();

    protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() => new[] { new TCodeFix() };

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.EnumerateFiles(framework, "*.dll")
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "mscorlib.dll" or "netstandard.dll"))
            .Concat(new[] { typeof(NlpSymbolic.Workspace).Assembly.Location, typeof(MathNet.Numerics.LinearAlgebra.Vector<double>).Assembly.Location })
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
