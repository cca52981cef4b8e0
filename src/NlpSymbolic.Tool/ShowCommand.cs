using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NlpSymbolic.Generator;

namespace NlpSymbolic.Tool;

/// <summary>
/// <c>nlpsym show FILE.cs [--method NAME]</c>: the generated files on stdout, each headed
/// <c>//HintName: …</c> (the name the IDE and <c>EmitCompilerGeneratedFiles</c> show), and the diagnostics on
/// stderr, so <c>nlpsym show Model.cs &gt; Model.Backward.cs</c> keeps only code.
/// </summary>
internal static class ShowCommand
{
    public static int Run(FileInfo file, string? method, TextWriter output, TextWriter error)
    {
        var path = file.ToString();
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error.WriteLine($"nlpsym: cannot read {path}: {exception.Message}");
            return ExitCodes.NothingToShow;
        }

        var input = InMemoryCompilation.Create(path, text);
        var userTree = input.SyntaxTrees[0];
        var names = DifferentiableMethodNames(userTree);
        if (names.Count == 0)
        {
            error.WriteLine($"nlpsym: {path} has no [Differentiable] method.");
            return ExitCodes.NothingToShow;
        }

        if (method is not null && !names.Contains(method))
        {
            error.WriteLine($"nlpsym: {path} has no [Differentiable] method named '{method}'; it has: {string.Join(", ", names)}.");
            return ExitCodes.NothingToShow;
        }

        // The text constants (BackwardSources) repeat the backward files; a project can opt out of them, and so do we.
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() },
            parseOptions: InMemoryCompilation.ParseOptions,
            optionsProvider: new BuildProperties(new Dictionary<string, string> { ["NlpSymbolicEmitBackwardSources"] = "false" }));
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var outputCompilation, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();

        var files = result.GeneratedSources
            .Where(s => method is null || s.HintName.Contains("." + method + "(", StringComparison.Ordinal))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < files.Count; i++)
        {
            if (i > 0)
            {
                output.WriteLine();
            }

            output.Write("//HintName: " + files[i].HintName + "\n" + files[i].SourceText);
        }

        // The user's errors come from the compilation with the generated files: a call to ScoreBackward is no error.
        var all = outputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var compileErrors = all.Where(d => d.Location.SourceTree is null || d.Location.SourceTree == userTree).ToList();
        var generatedErrors = all.Except(compileErrors).ToList();
        var generatorDiagnostics = result.Diagnostics.Concat(driverDiagnostics).ToList();
        var generatorFailed = result.Exception is not null
            || generatorDiagnostics.Any(d => d.Id is "CS8784" or "CS8785" or "NLPSYM901");

        var shown = compileErrors.Concat(generatorDiagnostics);
        if (compileErrors.Count == 0)
        {
            shown = shown.Concat(generatedErrors);
        }

        foreach (var diagnostic in shown
                     .Distinct()
                     .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
                     .ThenBy(d => d.Location.SourceSpan.Start)
                     .ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            error.WriteLine(CSharpDiagnosticFormatter.Instance.Format(diagnostic, CultureInfo.InvariantCulture));
        }

        if (result.Exception is not null)
        {
            error.WriteLine("nlpsym: the generator threw: " + result.Exception);
        }

        if (compileErrors.Count > 0)
        {
            error.WriteLine($"nlpsym: {path} does not compile ({compileErrors.Count} error(s)).");
            return ExitCodes.CompileErrors;
        }

        if (generatorFailed)
        {
            error.WriteLine("nlpsym: the generator failed (a bug); please report it with this file.");
            return ExitCodes.GeneratedCodeDoesNotCompile;
        }

        if (generatorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return ExitCodes.GeneratorErrors;
        }

        if (generatedErrors.Count > 0)
        {
            error.WriteLine("nlpsym: the generated code does not compile although no error was reported: a generator bug; please report it with this file.");
            return ExitCodes.GeneratedCodeDoesNotCompile;
        }

        return ExitCodes.Success;
    }

    /// <summary>The names of the methods marked [Differentiable] (however the attribute is spelled), in order, once each.</summary>
    private static List<string> DifferentiableMethodNames(SyntaxTree tree) =>
        tree.GetRoot()
            .DescendantNodes()
            .OfType<MethodDeclarationSyntax>()
            .Where(m => m.AttributeLists.SelectMany(list => list.Attributes).Any(IsDifferentiable))
            .Select(m => m.Identifier.ValueText)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static bool IsDifferentiable(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return name is "Differentiable" or "DifferentiableAttribute";
    }
}
