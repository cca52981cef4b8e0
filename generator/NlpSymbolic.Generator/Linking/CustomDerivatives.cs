using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Linking;

/// <summary>
/// Custom derivatives are declared anywhere in the compilation, so a call to a function that has one is
/// decided once every declaration has been parsed: the table of all of them, then each method's calls
/// looked up in it.
/// </summary>
internal static class CustomDerivatives
{
    /// <summary>One derivative per function; a second declaration of one is an error at each of them.</summary>
    public static CustomDerivativeTable Table(ImmutableArray<CustomDerivativeDeclaration> declarations)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var derivatives = new List<CustomDerivative>();
        foreach (var group in declarations.Where(d => d.Derivative is not null).GroupBy(d => d.Derivative!.TargetId).OrderBy(g => g.Key, System.StringComparer.Ordinal))
        {
            var all = group.OrderBy(d => d.Derivative!.PullbackName, System.StringComparer.Ordinal).ToList();

            // The first still serves the callers, so that they keep their output while the duplicate is removed.
            derivatives.Add(all[0].Derivative!);
            if (all.Count > 1)
            {
                foreach (var declaration in all)
                {
                    var others = string.Join(", ", all.Where(d => d != declaration).Select(d => "'" + Shown(d.Derivative!.PullbackName) + "'"));
                    diagnostics.Add(new DiagnosticInfo(
                        DiagnosticDescriptors.DuplicateDerivative.Id,
                        declaration.Location,
                        new[] { declaration.TargetName!, $"{others} is declared as its derivative too (keep one)" }.ToEquatableArray()));
                }
            }
        }

        return new CustomDerivativeTable(derivatives.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// A method whose external calls all have a derivative gets their pullbacks; one that calls a function
    /// without any gets the error at that call and no output.
    /// </summary>
    public static MethodParseResult Resolve(MethodParseResult result, EquatableArray<CustomDerivative> table)
    {
        if (result.ExternalCalls.Count == 0)
        {
            return result;
        }

        var byTarget = table.ToDictionary(d => d.TargetId);
        var found = new List<CustomDerivative>();
        var missing = new List<DiagnosticInfo>();
        foreach (var call in result.ExternalCalls)
        {
            if (byTarget.TryGetValue(call.TargetId, out var derivative))
            {
                found.Add(derivative);
            }
            else if (call.LibraryPullback is { } pullback)
            {
                found.Add(new CustomDerivative(call.TargetId, pullback));
            }
            else
            {
                missing.Add(call.Diagnostic);
            }
        }

        if (missing.Count > 0)
        {
            return result with { Spec = null, Diagnostics = result.Diagnostics.Concat(missing).ToEquatableArray() };
        }

        return result.Spec is null
            ? result
            : result with { Spec = result.Spec with { CustomDerivatives = found.Distinct().OrderBy(d => d.TargetId, System.StringComparer.Ordinal).ToEquatableArray() } };
    }

    private static string Shown(string qualifiedName) =>
        qualifiedName.Replace("global::", string.Empty);
}
