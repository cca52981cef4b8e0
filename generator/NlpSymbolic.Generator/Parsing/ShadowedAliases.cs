using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
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

    /// <summary>A <c>global using X = …;</c> is in every file, and a second alias X in the generated file is an error.</summary>
    private static bool IsGlobalAlias(IAliasSymbol alias) =>
        alias.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is UsingDirectiveSyntax { GlobalKeyword.RawKind: not 0 });
}
