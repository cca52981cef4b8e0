using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NlpSymbolic.CodeFixes;

/// <summary>NLPSYM202: marks the parameter whose gradient is always zero <c>[NoDerivative]</c> (it is data).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NoDerivativeCodeFix)), Shared]
public sealed class NoDerivativeCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.GradientNeverWritten);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var parameter = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault();
            if (parameter is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Mark '{parameter.Identifier.ValueText}' [NoDerivative]",
                    cancellationToken => Edits.Edit(
                        context.Document,
                        (editor, _) => editor.ReplaceNode(parameter, parameter.AddAttributeLists(Edits.Attribute("NoDerivative"))),
                        cancellationToken),
                    nameof(NoDerivativeCodeFix)),
                diagnostic);
        }
    }
}
