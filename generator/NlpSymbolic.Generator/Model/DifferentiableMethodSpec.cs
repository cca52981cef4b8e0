using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Model;

/// <summary>Everything the emitter needs for one [Differentiable] method. No Roslyn types inside.</summary>
internal sealed record DifferentiableMethodSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    IrMethod Method,
    string HintName);
