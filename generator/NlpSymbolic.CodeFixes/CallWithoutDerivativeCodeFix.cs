using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace NlpSymbolic.CodeFixes;

/// <summary>
/// NLPSYM123, a call to a method without a derivative: mark the helper <c>[Differentiable]</c> (its type made
/// <c>partial</c>), or declare its derivative: a <c>[DerivativeOf]</c> pullback with the signature the generator
/// expects, beside the calling method, whose body throws until you write it (a scaffold that compiled to a zero
/// gradient would be a silent wrong gradient).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CallWithoutDerivativeCodeFix)), Shared]
public sealed class CallWithoutDerivativeCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CallWithoutDerivative);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            // The generator attaches the pullback only when the function can have a derivative at all.
            if (!diagnostic.Properties.TryGetValue(DiagnosticIds.PullbackDeclarationKey, out var pullback) || pullback is null
                || !diagnostic.Properties.TryGetValue(DiagnosticIds.DerivativeOfKey, out var derivativeOf) || derivativeOf is null)
            {
                continue;
            }

            var invocation = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (invocation is null || model?.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol function)
            {
                continue;
            }

            if (function.DeclaringSyntaxReferences.FirstOrDefault() is { } reference)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Mark '{function.Name}' [Differentiable]",
                        cancellationToken => MarkDifferentiable(context.Document.Project.Solution, reference, cancellationToken),
                        nameof(CallWithoutDerivativeCodeFix) + ".Differentiable"),
                    diagnostic);
            }

            var caller = invocation.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m.Parent is TypeDeclarationSyntax);
            if (caller is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Declare the derivative of '{function.Name}' with [DerivativeOf]",
                        cancellationToken => Edits.Edit(
                            context.Document,
                            (editor, _) => editor.InsertAfter(caller, Pullback(function, derivativeOf, pullback)),
                            cancellationToken),
                        nameof(CallWithoutDerivativeCodeFix) + ".DerivativeOf"),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution> MarkDifferentiable(Solution solution, SyntaxReference reference, CancellationToken cancellationToken)
    {
        var document = solution.GetDocument(reference.SyntaxTree);
        if (document is null || await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not MethodDeclarationSyntax method)
        {
            return solution;
        }

        var changed = await Edits.Edit(
            document,
            (editor, _) =>
            {
                editor.ReplaceNode(method, (node, _) => ((MethodDeclarationSyntax)node).AddAttributeLists(Edits.Attribute("Differentiable")));
                if (method.Parent is TypeDeclarationSyntax type)
                {
                    Edits.MakePartial(editor, type);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return changed.Project.Solution;
    }

    /// <summary><c>[DerivativeOf(nameof(F))] public static void FPullback(…) => throw …;</c> with the function's accessibility (a pullback may not be less accessible).</summary>
    private static MemberDeclarationSyntax Pullback(IMethodSymbol function, string derivativeOf, string declaration)
    {
        var accessibility = function.DeclaredAccessibility switch
        {
            Accessibility.Public => "public ",
            Accessibility.Internal => "internal ",
            Accessibility.Protected => "protected ",
            Accessibility.ProtectedOrInternal => "protected internal ",
            Accessibility.ProtectedAndInternal => "private protected ",
            _ => string.Empty,
        };
        var text = $"{derivativeOf}\n{accessibility}{declaration} =>\n"
            + $"    throw new global::System.NotImplementedException(\"the derivative of {function.Name}: add each input's gradient times dy into its gradient argument\");\n";
        return SyntaxFactory.ParseMemberDeclaration(text)!
            .WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation, Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation);
    }
}
