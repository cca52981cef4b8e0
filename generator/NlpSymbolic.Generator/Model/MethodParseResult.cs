using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace NlpSymbolic.Generator.Model;

/// <summary>The transform's output for one attributed method: a spec to emit, or the errors that prevent it.</summary>
/// <param name="MethodId">The method's documentation id, by which its callers name it in <see cref="CallSite"/>.</param>
/// <param name="Calls">The [Differentiable] methods its body calls (empty when the body was not lowered).</param>
/// <param name="Model">
/// For an instance method of a partial model class: the class, whose Gradients class is generated even when
/// the method itself has errors (so that code using it keeps compiling).
/// </param>
/// <param name="ExternalCalls">Calls to functions whose derivative must be declared with [DerivativeOf] (see <see cref="ExternalCall"/>).</param>
internal sealed record MethodParseResult(
    DifferentiableMethodSpec? Spec,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string? MethodId = null,
    EquatableArray<CallSite> Calls = default,
    ModelTypeSpec? Model = null,
    EquatableArray<ExternalCall> ExternalCalls = default)
{
    /// <summary>
    /// Every source location the result carries (the spec and the model carry none, which is what lets a method
    /// that only moved keep its generated file): a new field with a location must be added here and to
    /// <see cref="Moved"/> (ParseCacheTests checks both against the types).
    /// </summary>
    public IEnumerable<LocationInfo?> Locations() =>
        Diagnostics.Select(d => d.Location)
            .Concat(Calls.Select(c => c.Diagnostic.Location))
            .Concat(ExternalCalls.Select(c => c.Diagnostic.Location));

    /// <summary>The same result for the same method, now starting <paramref name="positions"/> characters and <paramref name="lines"/> lines later.</summary>
    public MethodParseResult Moved(int positions, int lines) => this with
    {
        Diagnostics = Diagnostics.Select(d => d.Moved(positions, lines)).ToEquatableArray(),
        Calls = Calls.Select(c => c.Moved(positions, lines)).ToEquatableArray(),
        ExternalCalls = ExternalCalls.Select(c => c.Moved(positions, lines)).ToEquatableArray(),
    };

    /// <summary>Whether every location is inside <paramref name="span"/> of <paramref name="filePath"/> (so moves with it).</summary>
    public bool IsWithin(string filePath, TextSpan span) => Locations().All(l => l is null || l.IsWithin(filePath, span));
}
