using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>A model class: the fields its instance [Differentiable] methods read as inputs, and the Gradients class generated for it.</summary>
internal static class ModelClassParser
{
    private const string NoDerivativeAttributeName = "NlpSymbolic.NoDerivativeAttribute";

    /// <summary>
    /// The fields an instance method of <paramref name="type"/> reads as inputs, or null when its instance
    /// methods cannot be differentiated (NLPSYM001): only a non-generic, non-static class with at least one
    /// parameter field (double, Vector&lt;double&gt; or Matrix&lt;double&gt; without [NoDerivative]) is a model.
    /// A struct is not: the generated Gradients and wrappers would work on a copy.
    /// </summary>
    public static List<(IFieldSymbol Symbol, ModelField Field)>? ModelFields(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind != TypeKind.Class || type.IsStatic || type.IsGenericType || type.IsImplicitlyDeclared)
        {
            return null;
        }

        var fields = new List<(IFieldSymbol, ModelField)>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsStatic || field.IsConst || field.IsImplicitlyDeclared || field.RefKind != RefKind.None)
            {
                continue;
            }

            var kind = KindClassifier.Classify(field.Type);
            var noDerivative = field.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NoDerivativeAttributeName);
            var isParameter = kind is ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix && !noDerivative;
            var isConstant = kind is ValueKind.Int or ValueKind.Bool or ValueKind.IntArray
                || (noDerivative && kind is not null);
            if (isParameter || isConstant)
            {
                fields.Add((field, new ModelField(field.Name, kind!.Value, isParameter)));
            }
        }

        return fields.Any(f => f.Item2.IsDifferentiable) ? fields : null;
    }

    /// <summary>A member the user declared with the name of one the model class gets (Gradients, CreateParameterSet).</summary>
    public static string? ModelMemberClash(INamedTypeSymbol type) =>
        new[] { "Gradients", "CreateParameterSet" }.FirstOrDefault(name => !type.GetMembers(name).IsEmpty || !type.GetTypeMembers(name).IsEmpty);

    /// <summary>The model class to emit Gradients for, when generated members can be added to it.</summary>
    public static ModelTypeSpec? ModelOf(SemanticModel semanticModel, MethodDeclarationSyntax syntax, IMethodSymbol method, List<(IFieldSymbol Symbol, ModelField Field)> fields)
    {
        var containingTypes = new List<ContainingTypeSpec>();
        for (var node = syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax type)
            {
                if (!type.Modifiers.Any(SyntaxKind.PartialKeyword) || type.Modifiers.Any(SyntaxKind.FileKeyword))
                {
                    return null;
                }

                containingTypes.Insert(0, new ContainingTypeSpec(DeclarationNames.TypeKeyword(type), type.Identifier.Text + type.TypeParameterList));
            }
        }

        if (containingTypes.Count == 0 || DeclarationNames.HasMissingName(method))
        {
            return null;
        }

        var ns = DeclarationNames.Namespace(method);
        var parts = new List<string>();
        if (ns is not null)
        {
            parts.Add(ns.Replace("@", string.Empty));
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            parts.Insert(ns is null ? 0 : 1, type.MetadataName);
        }

        return new ModelTypeSpec(
            ns,
            containingTypes.ToEquatableArray(),
            method.ContainingType.Name,
            fields.Select(f => f.Field).ToEquatableArray(),
            string.Join(".", parts) + ".Gradients.g.cs",
            ShadowedAliases.At(semanticModel, syntax.Parent is TypeDeclarationSyntax declaration ? declaration.OpenBraceToken.Span.End : syntax.SpanStart, method.ContainingType));
    }
}
