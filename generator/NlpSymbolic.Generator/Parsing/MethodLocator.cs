using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>Where a [Differentiable] method's name and parameters are (<see cref="MethodLocations"/>): syntax only, nothing bound.</summary>
internal static class MethodLocator
{
    public static MethodLocations Locate(GeneratorAttributeSyntaxContext target, ParseCache cache)
    {
        var syntax = (MethodDeclarationSyntax)target.TargetNode;
        var parameters = syntax.ParameterList.Parameters;
        return new MethodLocations(
            cache.MethodId(target),
            LocationInfo.From(syntax.Identifier.GetLocation()),
            parameters.Select(p => p.Identifier.ValueText).ToEquatableArray(),
            parameters.Select(p => LocationInfo.From(p.Identifier.GetLocation())!).ToEquatableArray());
    }
}
