namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// One SSA value: a parameter, one version of a user variable, or a temporary of a lowered expression.
/// Names are chosen at emission from <paramref name="NameHint"/>.
/// </summary>
/// <param name="IsVariable">A parameter or a version of a user variable (not a temporary).</param>
internal sealed record IrValue(int Id, ValueKind Kind, string NameHint, bool IsVariable);
