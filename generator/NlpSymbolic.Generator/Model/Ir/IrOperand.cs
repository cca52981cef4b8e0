namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>An argument of an IR statement: an SSA value, or a typed constant.</summary>
internal sealed record IrOperand(int ValueId, IrConstant? Constant, ValueKind Kind)
{
    public bool IsConstant => Constant is not null;

    public static IrOperand Value(int id, ValueKind kind) => new(id, null, kind);

    public static IrOperand Of(IrConstant constant, ValueKind kind) => new(-1, constant, kind);

    public static IrOperand Int(int value) => Of(new IrInt(value), ValueKind.Int);

    public static IrOperand Bool(bool value) => Of(new IrBool(value), ValueKind.Bool);

    public static IrOperand Number(double value) => Of(new IrNumber(value), ValueKind.Scalar);
}
