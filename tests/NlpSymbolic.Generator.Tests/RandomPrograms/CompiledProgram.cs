using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests.RandomPrograms;

/// <summary>
/// A random program run through the generator in memory, compiled and loaded into a collectible context.
/// Anything but a clean run (a generator diagnostic, an error in the generated code) is a failure of the
/// generator: the renderer only writes code the README's vocabulary promises to differentiate.
/// </summary>
public sealed class CompiledProgram : IDisposable
{
    private readonly AssemblyLoadContext context;

    private CompiledProgram(AssemblyLoadContext context, MethodInfo forward, MethodInfo backward, Type model)
    {
        this.context = context;
        Forward = forward;
        Backward = backward;
        Model = model;
        ModelForward = model.GetMethod(RenderedProgram.ModelMethodName)!;
        ModelBackward = model.GetMethods().Single(m => m.Name == RenderedProgram.ModelMethodName + "Backward"
            && m.GetParameters().Any(p => p.ParameterType.Name == "Gradients"));
        Gradients = model.GetNestedType("Gradients")!;
    }

    /// <summary>The model class (fields u, W, K) and its instance form of the main method.</summary>
    public Type Model { get; }

    public MethodInfo ModelForward { get; }

    public MethodInfo ModelBackward { get; }

    public Type Gradients { get; }

    public MethodInfo Forward { get; }

    public MethodInfo Backward { get; }

    public static CompiledProgram Compile(string source)
    {
        var input = GeneratorHarness.CreateCompilation(("Fuzz.cs", source));
        var inputErrors = input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (inputErrors.Count > 0)
        {
            throw new InvalidOperationException("The renderer wrote a program that does not compile (a bug of the test, not of the generator):\n" + string.Join("\n", inputErrors));
        }

        var run = GeneratorHarness.Run(input);

        // NLPSYM202 (an input whose gradient is always zero) is a true statement about a program that happens not
        // to use an input; the oracle checks that zero gradient against central differences like any other.
        if (run.GeneratorDiagnostics.Any(d => d.Id != "NLPSYM202"))
        {
            throw new XunitException("The generator reported diagnostics on a program of its own vocabulary:\n" + string.Join("\n", run.GeneratorDiagnostics));
        }

        using var stream = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(stream);
        if (!emitted.Success)
        {
            throw new XunitException("The generated code does not compile:\n"
                + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + "\n\n" + run.Describe());
        }

        // A null gradient argument is part of the contract, so the generated code must be null-safe as the compiler
        // sees it too: a nullable warning there is a guard missing (or a buffer handed on without one).
        var generated = run.GeneratedSources.Select(g => g.SyntaxTree.FilePath).ToHashSet();
        var nullable = run.OutputDiagnostics
            .Where(d => d.Id.StartsWith("CS86", StringComparison.Ordinal) && generated.Contains(d.Location.SourceTree?.FilePath ?? string.Empty))
            .ToList();
        if (nullable.Count > 0)
        {
            throw new XunitException("Nullable warnings in the generated code:\n" + string.Join("\n", nullable) + "\n\n" + run.Describe());
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext("random-program", isCollectible: true);
        var assembly = context.LoadFromStream(stream);
        var type = assembly.GetType(RenderedProgram.TypeName, throwOnError: true)!;
        var forward = type.GetMethod(RenderedProgram.MainName, BindingFlags.Public | BindingFlags.Static)!;
        var backward = type.GetMethod(RenderedProgram.MainName + "Backward", BindingFlags.Public | BindingFlags.Static)
            ?? throw new XunitException("No " + RenderedProgram.MainName + "Backward was generated.");
        var model = assembly.GetType(RenderedProgram.ModelTypeName, throwOnError: true)!;
        return new CompiledProgram(context, forward, backward, model);
    }

    public void Dispose() => context.Unload();
}
