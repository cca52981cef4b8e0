namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// One SSA value: a parameter, one version of a user variable, or a temporary of a lowered expression.
/// Names are chosen at emission from <paramref name="NameHint"/>.
/// </summary>
/// <param name="IsVariable">A parameter or a version of a user variable (not a temporary).</param>
/// <param name="IsFirstVersion">The first version of a user variable keeps the user's own name; later ones get <c>h_1</c>, <c>h_2</c>….</param>
internal sealed record IrValue(int Id, ValueKind Kind, string NameHint, bool IsVariable, bool IsFirstVersion);
