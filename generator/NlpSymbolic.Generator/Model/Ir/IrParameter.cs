namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>A parameter of the forward method. <paramref name="Name"/> is the identifier as declared (without '@').</summary>
internal sealed record IrParameter(int ValueId, string Name, ValueKind Kind, bool IsDifferentiable);
