using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace NlpSymbolic.Tool;

/// <summary>
/// A one-file compilation as a project referencing the NlpSymbolic package would compile it: latest C#,
/// nullable enabled, the SDK's implicit usings, and as references the .NET framework this tool runs on,
/// the NlpSymbolic runtime and MathNet.Numerics (the assemblies next to this tool).
/// </summary>
internal static class InMemoryCompilation
{
    /// <summary>The usings `dotnet new classlib` turns on (ImplicitUsings), so a file from such a project compiles as is.</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static readonly Lazy<ImmutableArray<MetadataReference>> references = new(CreateReferences);

    public static CSharpCompilation Create(string path, string text)
    {
        var file = CSharpSyntaxTree.ParseText(SourceText.From(text, System.Text.Encoding.UTF8), ParseOptions, path);
        var trees = new[]
        {
            file,
            CSharpSyntaxTree.ParseText(SourceText.From(ImplicitUsings, System.Text.Encoding.UTF8), ParseOptions, "ImplicitUsings.g.cs"),
        };

        // A Program.cs with top-level statements is a console program's file (CS8805 in a library).
        var kind = file.GetCompilationUnitRoot().Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any()
            ? OutputKind.ConsoleApplication
            : OutputKind.DynamicallyLinkedLibrary;
        return CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(path),
            trees,
            references.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        // The framework's assemblies (not this tool's Roslyn or System.CommandLine), then the runtime and MathNet.
        var framework = RuntimeEnvironment.GetRuntimeDirectory();
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.StartsWith(framework, StringComparison.Ordinal));
        var paths = new List<string>(tpa)
        {
            typeof(Workspace).Assembly.Location,
            typeof(MathNet.Numerics.LinearAlgebra.Vector<double>).Assembly.Location,
        };
        return paths
            .Where(File.Exists)
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToImmutableArray();
    }
}
