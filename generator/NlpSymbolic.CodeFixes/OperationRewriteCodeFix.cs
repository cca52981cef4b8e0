using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace NlpSymbolic.CodeFixes;

/// <summary>
/// NLPSYM103, the rewrites that say the same thing in the vocabulary, exactly: <c>v.Norm(2)</c> → <c>v.L2Norm()</c>;
/// <c>M.Map(Math.Tanh)</c> → <c>Tanh(M)</c> (also Sigmoid, Relu, HardTanh of NlpSymbolic.Functions), <c>Map(Math.Exp)</c>
/// → <c>PointwiseExp()</c>, <c>Map(Math.Log)</c> → <c>PointwiseLog()</c>; <c>M.TransposeThisAndMultiply(x)</c> →
/// <c>M.Transpose() * x</c>, <c>M.TransposeAndMultiply(N)</c> → <c>M * N.Transpose()</c>. Anything else keeps the message's advice only.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OperationRewriteCodeFix)), Shared]
public sealed class OperationRewriteCodeFix : CodeFixProvider
{
    private static readonly ImmutableHashSet<string> elementwise = ImmutableHashSet.Create("Tanh", "Sigmoid", "Relu", "HardTanh");

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnsupportedCall);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var invocation = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (invocation is null || model is null || Rewrite(invocation, model) is not { } replacement)
            {
                continue;
            }

            var shown = replacement.NormalizeWhitespace().ToString();
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Write {shown}",
                    cancellationToken => Edits.Edit(
                        context.Document,
                        // In parentheses that the simplifier removes where they are not needed (`(M.Transpose() * v).Sum()` keeps them).
                        (editor, _) => editor.ReplaceNode(invocation, SyntaxFactory.ParenthesizedExpression(replacement)
                            .WithTriviaFrom(invocation).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation)),
                        cancellationToken),
                    nameof(OperationRewriteCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The one-to-one replacement of <paramref name="invocation"/>, or null when there is none.</summary>
    private static ExpressionSyntax? Rewrite(InvocationExpressionSyntax invocation, SemanticModel model)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: var receiver }
            || model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method
            || method.ContainingType?.ContainingNamespace?.ToDisplayString() != "MathNet.Numerics.LinearAlgebra"
            || method.ContainingType.Name is not ("Vector" or "Matrix"))
        {
            return null;
        }

        var arguments = invocation.ArgumentList.Arguments;
        var argument = arguments.Count == 1 ? arguments[0].Expression : null;
        switch (method.Name)
        {
            case "Norm" when argument is not null && model.GetConstantValue(argument) is { HasValue: true, Value: var p } && System.Convert.ToDouble(p) == 2.0:
                return Call(Primary(receiver), "L2Norm");
            case "Map" when argument is not null && model.GetSymbolInfo(argument).Symbol is IMethodSymbol function && function.Parameters.Length == 1:
                return Elementwise(function, receiver, invocation.SpanStart, model);
            case "TransposeThisAndMultiply" when argument is not null && method.ContainingType.Name == "Matrix":
                return SyntaxFactory.BinaryExpression(SyntaxKind.MultiplyExpression, Call(Primary(receiver), "Transpose"), Operand(argument));
            case "TransposeAndMultiply" when argument is not null && method.ContainingType.Name == "Matrix":
                return SyntaxFactory.BinaryExpression(SyntaxKind.MultiplyExpression, Operand(receiver), Call(Primary(argument), "Transpose"));
            default:
                return null;
        }
    }

    private static ExpressionSyntax? Elementwise(IMethodSymbol function, ExpressionSyntax receiver, int position, SemanticModel model)
    {
        var owner = function.ContainingType?.ToDisplayString();
        if (owner == "System.Math" && function.Name is "Exp" or "Log")
        {
            return Call(Primary(receiver), "Pointwise" + function.Name);
        }

        if (!(owner is "System.Math" && function.Name == "Tanh" || owner is "NlpSymbolic.Functions" && elementwise.Contains(function.Name)))
        {
            return null;
        }

        // As short as the file allows: Tanh(M) under `using static NlpSymbolic.Functions;`, else Functions.Tanh(M), else qualified.
        var name = model.LookupSymbols(position, name: function.Name).Any(s => s.ContainingType?.ToDisplayString() == "NlpSymbolic.Functions")
            ? function.Name
            : model.LookupNamespacesAndTypes(position, name: "Functions").Any(s => s.ToDisplayString() == "NlpSymbolic.Functions")
                ? "Functions." + function.Name
                : "NlpSymbolic.Functions." + function.Name;
        return SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression(name),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(receiver.WithoutTrivia()))));
    }

    private static InvocationExpressionSyntax Call(ExpressionSyntax receiver, string method) =>
        SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(method)));

    /// <summary>An expression that can be the receiver of a member access as it stands, else in parentheses.</summary>
    private static ExpressionSyntax Primary(ExpressionSyntax expression) => expression.WithoutTrivia() switch
    {
        IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax => expression.WithoutTrivia(),
        var other => SyntaxFactory.ParenthesizedExpression(other),
    };

    /// <summary>An operand of <c>*</c>: as it stands when it binds tighter than <c>*</c>, else in parentheses.</summary>
    private static ExpressionSyntax Operand(ExpressionSyntax expression) => expression.WithoutTrivia() switch
    {
        BinaryExpressionSyntax or ConditionalExpressionSyntax or AssignmentExpressionSyntax or CastExpressionSyntax => SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia()),
        var other => other,
    };
}
