using System.Linq;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Model;

/// <summary>Everything the emitter needs for one [Differentiable] method. No Roslyn types inside.</summary>
/// <param name="Model">
/// For an instance method of a model class: its fields, which are the leading parameters of
/// <see cref="Method"/> (in the order of <see cref="ModelTypeSpec.Fields"/>); null for a static method.
/// </param>
/// <param name="CustomDerivatives">The hand-written pullbacks of the functions with a custom derivative that the method calls.</param>
/// <param name="TypeHintName">The containing type's part of <paramref name="HintName"/> (<c>Lecture.Window</c>).</param>
/// <param name="ShadowedAliases">The generated file's alias names that mean something else at the method (see Emission/TypeNames).</param>
internal sealed record DifferentiableMethodSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    IrMethod Method,
    string HintName,
    string TypeHintName,
    ModelTypeSpec? Model = null,
    EquatableArray<CustomDerivative> CustomDerivatives = default,
    EquatableArray<string> ShadowedAliases = default)
{
    /// <summary>The method generated code calls for the pullback of <paramref name="callee"/>.</summary>
    public string PullbackOf(IrCallee callee) =>
        callee.CustomTargetId is { } id
            ? CustomDerivatives.First(d => d.TargetId == id).PullbackName
            : callee.QualifiedName + "Pullback";
}
