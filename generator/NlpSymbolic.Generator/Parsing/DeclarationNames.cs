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

/// <summary>
/// What a method's declaration says about the file generated for it: its namespace, the keywords of its containing
/// types, its accessibility, its hint names. Read from the symbol and syntax, nothing bound.
/// </summary>
internal static class DeclarationNames
{
    /// <summary>The method's namespace as C# writes it (<c>@class</c> escaped), or null for the global namespace.</summary>
    public static string? Namespace(IMethodSymbol method) =>
        method.ContainingNamespace is { IsGlobalNamespace: false } containing
            ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty)
            : null;

    /// <summary>Whether a containing type or namespace has no name yet (code still being typed).</summary>
    public static bool HasMissingName(IMethodSymbol method)
    {
        for (ISymbol? symbol = method.ContainingType; symbol is not null && symbol is not INamespaceSymbol { IsGlobalNamespace: true }; symbol = symbol.ContainingSymbol)
        {
            if (string.IsNullOrEmpty(symbol.Name))
            {
                return true;
            }
        }

        return false;
    }


    public static string TypeKeyword(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => type.Keyword.ValueText,
    };

    public static MethodAccessibility Accessibility(IMethodSymbol method) => method.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => MethodAccessibility.Public,
        Microsoft.CodeAnalysis.Accessibility.Internal => MethodAccessibility.Internal,
        Microsoft.CodeAnalysis.Accessibility.Protected => MethodAccessibility.Protected,
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => MethodAccessibility.ProtectedInternal,
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => MethodAccessibility.PrivateProtected,
        _ => MethodAccessibility.Private,
    };

    /// <summary>
    /// A file name unique per method: the type's part (<see cref="TypeHintName"/>), then the method with its parameter
    /// kinds listed in parentheses, characters no identifier can contain, so no two methods share one.
    /// </summary>
    public static string HintName(string typeHint, IMethodSymbol method, List<IrParameter> parameters) =>
        typeHint + "." + method.Name + "(" + string.Join(",", parameters.Select(p => p.Kind.ToString())) + ").g.cs";

    /// <summary>The containing type's part of the hint names: namespace and types, with metadata names that keep generic arity (<c>Model`1</c>).</summary>
    public static string TypeHintName(string? ns, IMethodSymbol method)
    {
        var parts = new List<string>();
        if (ns is not null)
        {
            // Keyword-named namespaces are escaped ('@class'), and '@' is not allowed in hint names.
            parts.Add(ns.Replace("@", string.Empty));
        }

        var types = new List<string>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            types.Insert(0, type.MetadataName);
        }

        parts.AddRange(types);
        return string.Join(".", parts);
    }
}
