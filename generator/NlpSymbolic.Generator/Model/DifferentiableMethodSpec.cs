using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Model;

/// <summary>Everything the emitter needs for one [Differentiable] method. No Roslyn types inside.</summary>
/// <param name="Model">
/// For an instance method of a model class: its fields, which are the leading parameters of
/// <see cref="Method"/> (in the order of <see cref="ModelTypeSpec.Fields"/>); null for a static method.
/// </param>
internal sealed record DifferentiableMethodSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    IrMethod Method,
    string HintName,
    ModelTypeSpec? Model = null);
