namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>A sequence of nodes executed in order.</summary>
internal sealed record IrBlock(EquatableArray<IrNode> Nodes);
