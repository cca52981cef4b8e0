using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Emission;
using NlpSymbolic.Generator.Linking;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Parsing;
using NlpSymbolic.Generator.Planning;

namespace NlpSymbolic.Generator;

/// <summary>
/// Generates <c>NameBackward</c> for every <c>[Differentiable]</c> method. Pipeline wiring only:
/// parse (Roslyn → IR) → differentiate (IR → adjoint IR) → plan (what to tape, inline, call a workspace) → emit (→ C#), then the call graph leaves out
/// callers of methods that are not generated. Every value between the steps is a record of plain values, so
/// unrelated edits leave the outputs cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Hand-written derivatives ([DerivativeOf]) are declared anywhere in the compilation: all of them are
        // known before any call to their functions is decided.
        var declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "NlpSymbolic.DerivativeOfAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                CustomDerivativeParser.Parse);
        Report(context, declarations.Select(static (declaration, _) => declaration.Diagnostics));
        var derivatives = declarations
            .Collect()
            .Select(static (all, _) => CustomDerivatives.Table(all))
            .WithTrackingName(TrackingNames.CustomDerivatives);
        Report(context, derivatives.Select(static (table, _) => table.Diagnostics));

        // Every compilation change runs the transform for every method again; the cache hands back the parse of
        // each method the change cannot have affected, so an edit binds only the methods it touched.
        var cache = new ParseCache();
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "NlpSymbolic.DifferentiableAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                (target, cancellationToken) => DifferentiableMethodParser.Parse(target, cache, cancellationToken))
            .WithTrackingName(TrackingNames.Parse)
            .Combine(derivatives.Select(static (table, _) => table.Derivatives))
            .Select(static (pair, _) => CustomDerivatives.Resolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Resolve);

        RegisterModels(context, parsed);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        Report(context, diagnostics);

        // The spec alone feeds differentiation, so a method that only moved (its diagnostics and calls carry
        // locations) stays cached; so does emission, which reads only the adjoint program.
        var differentiated = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => Differentiator.Differentiate(result.Spec!, result.MethodId))
            .WithTrackingName(TrackingNames.Differentiate);
        var programs = differentiated
            .Select(static (result, _) => Planner.Plan(result))
            .WithTrackingName(TrackingNames.Plan)
            .Select(static (planned, _) => Emit(planned))
            .WithTrackingName(TrackingNames.Emit);
        RegisterLocatedDiagnostics(context, cache, differentiated, programs);

        var failed = programs
            .Where(static program => program.Error is not null)
            .Select(static (program, _) => program.HintName)
            .Collect();
        var blocked = parsed
            .Select(static (result, _) => CallGraphNode.From(result))
            .Collect()
            .Combine(failed)
            .Select(static (pair, _) => CallGraph.Link(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.CallGraph);
        Report(context, blocked.Select(static (result, _) => result.Diagnostics));

        // A caller of a method that is not generated would call its missing Forward and Pullback.
        var outputs = programs
            .Combine(blocked.Select(static (result, _) => result.HintNames))
            .Select(static (pair, _) => pair.Right.Contains(pair.Left.HintName) ? pair.Left with { Source = null, Text = null } : pair.Left);

        context.RegisterSourceOutput(outputs, static (output, program) =>
        {
            if (program.Source is not null)
            {
                output.AddSource(program.HintName, SourceText.From(program.Source, System.Text.Encoding.UTF8));
            }
        });

        RegisterBackwardSources(context, outputs);
    }

    /// <summary>A model class gets its Gradients class and CreateParameterSet once, however many methods it has.</summary>
    private static void RegisterModels(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<MethodParseResult> parsed)
    {
        var models = parsed
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Collect()
            .Select(static (all, _) => all
                .GroupBy(model => model!.HintName, System.StringComparer.Ordinal)
                .Select(group => group.First()!)
                .OrderBy(model => model.HintName, System.StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (output, all) =>
        {
            foreach (var model in all)
            {
                output.AddSource(model.HintName, SourceText.From(ModelEmitter.Emit(model), System.Text.Encoding.UTF8));
            }
        });
    }

    /// <summary>
    /// What differentiation and emission find about a method is reported where the user wrote it: an input whose
    /// gradient is always zero (NLPSYM202) at the parameter, an internal error (NLPSYM901) at the method's name.
    /// Locations change with every edit above a method, so they come from a provider of their own that only these
    /// outputs wait for: the pipeline values stay location-free and a moved method stays cached.
    /// </summary>
    private static void RegisterLocatedDiagnostics(
        IncrementalGeneratorInitializationContext context,
        ParseCache cache,
        IncrementalValuesProvider<DifferentiationResult> differentiated,
        IncrementalValuesProvider<GeneratedSource> programs)
    {
        var locations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "NlpSymbolic.DifferentiableAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                (target, _) => MethodLocator.Locate(target, cache))
            .Collect();
        context.RegisterSourceOutput(
            differentiated.Where(static result => result.NeverWritten.Count > 0).Combine(locations).Combine(context.CompilationProvider),
            static (output, pair) =>
            {
                var ((result, all), compilation) = pair;
                var method = all.FirstOrDefault(l => l.MethodId == result.MethodId);
                foreach (var finding in result.NeverWritten)
                {
                    var arguments = new[] { finding.Parameter, finding.Reason, result.MethodName }.ToEquatableArray();
                    output.ReportDiagnostic(new DiagnosticInfo(DiagnosticDescriptors.GradientNeverWritten.Id, method?.Of(finding.Parameter), arguments).ToDiagnostic(compilation));
                }
            });
        context.RegisterSourceOutput(
            programs.Where(static program => program.Error is not null).Combine(locations).Combine(context.CompilationProvider),
            static (output, pair) =>
            {
                var ((program, all), compilation) = pair;
                var location = all.FirstOrDefault(l => l.MethodId == program.MethodId)?.Name;
                output.ReportDiagnostic((program.Error! with { Location = location }).ToDiagnostic(compilation));
            });
    }

    /// <summary>
    /// Each type's <c>BackwardSources</c> file, from the emitted texts, unless the project opts out
    /// (<c>NlpSymbolicEmitBackwardSources=false</c>). A file of its own, so the backward files stay as they are.
    /// </summary>
    private static void RegisterBackwardSources(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<GeneratedSource> outputs)
    {
        var enabled = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => BackwardSourcesEmitter.IsEnabled(
                options.GlobalOptions.TryGetValue(BackwardSourcesEmitter.OptionName, out var value) ? value : null));

        // SelectMany splits the grouped array again, so an edit re-emits only the edited type's file.
        var types = outputs
            .Select(static (program, _) => program.Text)
            .Where(static text => text is not null)
            .Collect()
            .Combine(enabled)
            .SelectMany(static (pair, _) => pair.Right
                ? BackwardSourcesEmitter.Group(pair.Left.Select(text => text!))
                : EquatableArray<TypeBackwardSources>.Empty)
            .WithTrackingName(TrackingNames.BackwardSources);

        context.RegisterSourceOutput(types, static (output, type) =>
            output.AddSource(type.HintName, SourceText.From(BackwardSourcesEmitter.Emit(type), System.Text.Encoding.UTF8)));
    }

    /// <summary>
    /// Reports diagnostics carried as data, each located in the compilation's syntax tree so that pragmas and
    /// .editorconfig severities apply. The compilation joins only here, at the output: the values before stay
    /// plain data and cached; a changed compilation re-runs only this loop.
    /// </summary>
    private static void Report(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<EquatableArray<DiagnosticInfo>> diagnostics) =>
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, pair) => Report(output, pair.Left, pair.Right));

    private static void Report(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics) =>
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, pair) => Report(output, pair.Left, pair.Right));

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics, Compilation compilation)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic(compilation));
        }
    }

    private static BackwardSourceText BackwardSourceText(DifferentiableMethodSpec spec, string source)
    {
        return new BackwardSourceText(
            spec.Namespace, spec.ContainingTypes, spec.TypeHintName, spec.Method.Name, spec.HintName,
            spec.Method.Accessibility == MethodAccessibility.Public, source);
    }

    private static GeneratedSource Emit(PlannedMethod planned)
    {
        if (planned.Plan is not { } plan)
        {
            return new GeneratedSource(planned.HintName, null, InternalError(planned.MethodName, planned.Error!), MethodId: planned.MethodId);
        }

        try
        {
            var source = BackwardEmitter.Emit(plan);
            return new GeneratedSource(planned.HintName, source, null, BackwardSourceText(plan.Program.Spec, source));
        }
        catch (Exception exception)
        {
            return new GeneratedSource(planned.HintName, null, InternalError(planned.MethodName, exception.GetType().Name + ": " + exception.Message), MethodId: planned.MethodId);
        }
    }

    private static DiagnosticInfo InternalError(string method, string message) =>
        new(DiagnosticDescriptors.InternalError.Id, null, new[] { method, message }.ToEquatableArray());
}
