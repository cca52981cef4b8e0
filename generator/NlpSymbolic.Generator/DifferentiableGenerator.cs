using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Emission;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Parsing;

namespace NlpSymbolic.Generator;

/// <summary>
/// Generates <c>NameBackward</c> for every <c>[Differentiable]</c> method. Pipeline wiring only:
/// parse (Roslyn → IR) → differentiate (IR → adjoint IR) → emit (→ C#). Every value between the steps
/// is a record of plain values, so unrelated edits leave the outputs cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "NlpSymbolic.DifferentiableAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                DifferentiableMethodParser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, list) =>
        {
            foreach (var diagnostic in list)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var programs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => Differentiate(result.Spec!))
            .WithTrackingName(TrackingNames.Differentiate);

        context.RegisterSourceOutput(programs, static (output, program) =>
        {
            if (program.Source is not null)
            {
                output.AddSource(program.HintName, SourceText.From(program.Source, System.Text.Encoding.UTF8));
            }

            if (program.Error is not null)
            {
                output.ReportDiagnostic(program.Error.ToDiagnostic());
            }
        });
    }

    private static GeneratedSource Differentiate(DifferentiableMethodSpec spec)
    {
        try
        {
            var program = ReverseMode.Differentiate(spec);
            return new GeneratedSource(spec.HintName, BackwardEmitter.Emit(program), null);
        }
        catch (Exception exception)
        {
            // Never throw from a generator; a crash here is a bug, reported where the user can see it.
            var error = new DiagnosticInfo(
                DiagnosticDescriptors.InternalError.Id,
                null,
                new[] { spec.Method.Name, exception.GetType().Name + ": " + exception.Message }.ToEquatableArray());
            return new GeneratedSource(spec.HintName, null, error);
        }
    }
}
