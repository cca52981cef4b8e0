using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace NlpSymbolic.CodeFixes;

/// <summary>The syntax edits the fixes share.</summary>
internal static class Edits
{
    /// <summary>Adds <c>partial</c> to <paramref name="type"/> and to every type around it that lacks it.</summary>
    public static void MakePartial(SyntaxEditor editor, TypeDeclarationSyntax type)
    {
        foreach (var declaration in type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                editor.ReplaceNode(declaration, (node, generator) =>
                    generator.WithModifiers(node, generator.GetModifiers(node).WithPartial(true)));
            }
        }
    }

    /// <summary>An attribute of NlpSymbolic (<c>NoDerivative</c>, <c>Differentiable</c>), written as short as the file's usings allow.</summary>
    public static AttributeListSyntax Attribute(string name) =>
        SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::NlpSymbolic." + name).WithAdditionalAnnotations(Simplifier.Annotation))))
        .WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>The document after <paramref name="edit"/>, simplified and formatted where the edit asked.</summary>
    public static async Task<Document> Edit(Document document, System.Action<SyntaxEditor, SyntaxNode> edit, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var editor = new SyntaxEditor(root!, document.Project.Solution.Services);
        edit(editor, root!);
        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }
}
