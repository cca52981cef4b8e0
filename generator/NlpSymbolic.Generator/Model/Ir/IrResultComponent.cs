namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// One component of a tuple result: <paramref name="Name"/> as the user declared it (null when unnamed: it is
/// then <c>ItemN</c>), its kind (double, vector or matrix) and the value returned in it.
/// </summary>
internal sealed record IrResultComponent(string? Name, ValueKind Kind, IrOperand Value)
{
    /// <summary>How generated code reads the component from a tuple: its name, or <c>Item1</c>, <c>Item2</c>….</summary>
    public string Accessor(int index) => Name ?? "Item" + (index + 1);
}
