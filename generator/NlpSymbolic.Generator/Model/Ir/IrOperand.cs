namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>An argument of an IR statement: an SSA value, or a literal (already in C# form, invariant culture).</summary>
internal sealed record IrOperand(int ValueId, string? Literal, ValueKind Kind)
{
    public bool IsLiteral => Literal is not null;

    public static IrOperand Value(int id, ValueKind kind) => new(id, null, kind);

    public static IrOperand Constant(string literal, ValueKind kind) => new(-1, literal, kind);
}
