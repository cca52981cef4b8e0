using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>The constant operands lowering makes of its own: "not assigned yet", and constants the compiler folded.</summary>
internal static class LoweredValues
{
    /// <summary>The value of a variable on a path that has not assigned it yet (only ever merged, never used).</summary>
    public static IrOperand Undefined(ValueKind kind) => IrOperand.Of(new IrUndefined(kind), kind);

    /// <summary>
    /// A tuple result's component before a return assigns it: for a vector or matrix, the runtime's empty
    /// <c>Unassigned</c> value rather than null, so that the adjoint of a merge with it has a shape (empty) on the
    /// paths where the merge chose it, and early returns of tuples need no NLPSYM110.
    /// </summary>
    public static IrOperand UnassignedComponent(ValueKind kind) =>
        kind is ValueKind.Vector or ValueKind.Matrix ? IrOperand.Of(new IrUnassigned(kind), kind) : Undefined(kind);

    public static bool IsUndefined(IrOperand operand) => operand.Constant is IrUndefined or IrUnassigned;

    /// <summary>A constant the semantic model folded, as a typed constant; null for a type the IR has no constant of.</summary>
    public static IrConstant? ConstantOf(object? value) => value switch
    {
        double d => new IrNumber(d),
        int i => new IrInt(i),
        bool b => new IrBool(b),
        _ => null,
    };
}
