using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// The names of the generated file's <c>using</c> aliases (<see cref="TypeAliases"/>) that C# would
/// resolve to something else where the generated members are written, so that the emitter spells those
/// types with <c>global::</c> instead.
/// </summary>
internal static class ShadowedAliases
{
    /// <summary>
    /// Looks each alias name up at <paramref name="position"/> (inside the method, or the class) and keeps the
    /// ones found in a scope that C# searches before the aliases of a compilation unit. What the user's own file
    /// imports (<c>using MathNet.Numerics.LinearAlgebra;</c>, a file's own alias) is not in the generated file and
    /// would lose to the alias anyway, so it does not count.
    /// </summary>
    public static EquatableArray<string> At(SemanticModel model, int position, INamedTypeSymbol containingType)
    {
        var types = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var type = containingType; type is not null; type = type.ContainingType)
        {
            for (var inherited = type; inherited is not null; inherited = inherited.BaseType)
            {
                types.Add(inherited);
            }

            types.UnionWith(type.AllInterfaces);
        }

        var namespaces = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var ns = containingType.ContainingNamespace; ns is not null; ns = ns.ContainingNamespace)
        {
            namespaces.Add(ns);
        }

        bool Shadows(ISymbol symbol) => symbol switch
        {
            IAliasSymbol alias => IsGlobalAlias(alias),
            ITypeParameterSymbol or IParameterSymbol or ILocalSymbol or IRangeVariableSymbol or ILabelSymbol => true,

            // A member or nested type of a containing type or its bases, or a member of a containing namespace;
            // not a type or member imported by a using (static) directive.
            { ContainingSymbol: { } container } => namespaces.Contains(container) || types.Contains(container),
            _ => true,
        };

        return TypeAliases.Names
            .Where(name => model.LookupSymbols(position, name: name).Any(Shadows))
            .OrderBy(name => name, System.StringComparer.Ordinal)
            .ToEquatableArray();
    }

    /// <summary>
    /// Whether the method declares a local, local function, label, range or loop variable named like an alias.
    /// Without one, what <see cref="At"/> finds at the method's body comes from declarations only (its parameters,
    /// the types around it, namespaces, usings), so it can be kept while the body changes.
    /// </summary>
    public static bool DeclaresLocalNamedLikeAnAlias(SyntaxNode method)
    {
        foreach (var token in method.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && TypeAliases.Names.Contains(token.ValueText) && IsDeclaredName(token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An identifier that names what its parent declares (not a use of a name).</summary>
    private static bool IsDeclaredName(SyntaxToken token) => token.Parent switch
    {
        VariableDeclaratorSyntax v => v.Identifier == token,
        SingleVariableDesignationSyntax => true,
        LocalFunctionStatementSyntax f => f.Identifier == token,
        LabeledStatementSyntax l => l.Identifier == token,
        ForEachStatementSyntax f => f.Identifier == token,
        CatchDeclarationSyntax c => c.Identifier == token,
        QueryClauseSyntax or QueryContinuationSyntax or JoinIntoClauseSyntax => true,
        ParameterSyntax or TypeParameterSyntax => true,
        _ => false,
    };

    /// <summary>A <c>global using X = …;</c> is in every file, and a second alias X in the generated file is an error.</summary>
    private static bool IsGlobalAlias(IAliasSymbol alias) =>
        alias.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is UsingDirectiveSyntax { GlobalKeyword.RawKind: not 0 });
}
