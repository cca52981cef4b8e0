namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// A constant of the forward program, as a typed value: only Emission's printer knows how C# spells it
/// (invariant culture, round-trippable, <c>default(double)</c>, <c>null!</c>), so no room compares C# text.
/// </summary>
internal abstract record IrConstant;

/// <summary>A double constant. Equal only when bit-identical, so an edit from <c>0.0</c> to <c>-0.0</c> is a change.</summary>
internal sealed record IrNumber(double Value) : IrConstant
{
    public bool Equals(IrNumber? other) =>
        other is not null && System.BitConverter.DoubleToInt64Bits(Value) == System.BitConverter.DoubleToInt64Bits(other.Value);

    public override int GetHashCode() => System.BitConverter.DoubleToInt64Bits(Value).GetHashCode();

    /// <summary>Whether the constant is written with a leading minus (-0.0 included, infinities excluded: they are named).</summary>
    public bool IsNegative => !double.IsInfinity(Value) && !double.IsNaN(Value) && System.BitConverter.DoubleToInt64Bits(Value) < 0;
}

/// <summary>An int constant (an index, a size, the position of a tuple component).</summary>
internal sealed record IrInt(int Value) : IrConstant;

/// <summary><c>true</c> or <c>false</c>.</summary>
internal sealed record IrBool(bool Value) : IrConstant;

/// <summary>
/// The value of a variable on a path that has not assigned it yet: only ever merged, never used. Written as
/// the kind's default (<c>default(double)</c>, <c>null!</c> for a buffer).
/// </summary>
internal sealed record IrUndefined(ValueKind Kind) : IrConstant;

/// <summary>
/// A vector or matrix component of a tuple result before a return assigns it: the runtime's empty
/// <c>Workspace.UnassignedVector</c> or <c>UnassignedMatrix</c>, so the adjoint of a merge with it has a shape.
/// </summary>
internal sealed record IrUnassigned(ValueKind Kind) : IrConstant;

/// <summary><c>null</c>: a gradient buffer not wanted.</summary>
internal sealed record IrNull : IrConstant;
