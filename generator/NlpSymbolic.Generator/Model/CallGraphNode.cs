using System.Linq;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Diagnostics;

namespace NlpSymbolic.Generator.Model;

/// <summary>One [Differentiable] method as the call graph sees it: whether it has output of its own, and what it calls.</summary>
/// <param name="HintName">Its generated file, when the parse produced a spec.</param>
/// <param name="HasError">
/// Whether it reported an error of its own. A method with neither a spec nor an error does not compile, which
/// the compiler reports.
/// </param>
internal sealed record CallGraphNode(string? MethodId, string? HintName, bool HasError, EquatableArray<CallSite> Calls)
{
    public static CallGraphNode From(MethodParseResult result) => new(
        result.MethodId,
        result.Spec?.HintName,
        result.Diagnostics.Any(d => DiagnosticDescriptors.ById(d.DescriptorId).DefaultSeverity == DiagnosticSeverity.Error),
        result.Calls);
}
