using NlpSymbolic.Generator.Differentiation;
using static NlpSymbolic.Generator.Differentiation.Expressions;
using static NlpSymbolic.Generator.Differentiation.Kernel;
using static NlpSymbolic.Generator.Differentiation.ScalarFunction;
using static NlpSymbolic.Generator.Model.OperationFlags;

namespace NlpSymbolic.Generator.Model;

internal static partial class Operations
{
    /// <summary>Integers and booleans: indices, sizes and conditions. They never carry gradients, so they have no rule.</summary>
    private static OperationDefinition[] Indices() => new[]
    {
        Op("IntNegate", I, "-{0}", "builtin.op_UnaryNegation(Int)"),
        Op("IntAdd", I, "{0} + {1}", "builtin.op_Addition(Int,Int)"),
        Op("IntSubtract", I, "{0} - {1}", "builtin.op_Subtraction(Int,Int)"),
        Op("IntMultiply", I, "{0} * {1}", "builtin.op_Multiply(Int,Int)"),
        Op("IntDivide", I, "{0} / {1}", "builtin.op_Division(Int,Int)"),
        Op("IntRemainder", I, "{0} % {1}", "builtin.op_Modulus(Int,Int)"),
        Op("IntMax", I, "global::System.Math.Max({0}, {1})", "Math.Max(Int,Int)"),
        Op("IntMin", I, "global::System.Math.Min({0}, {1})", "Math.Min(Int,Int)"),
        Op("Count", I, "{0}.Count", "Vector.Count(Vector)"),
        Op("RowCount", I, "{0}.RowCount", "Matrix.RowCount(Matrix)"),
        Op("ColumnCount", I, "{0}.ColumnCount", "Matrix.ColumnCount(Matrix)"),
        Op("ScalarArrayLength", I, "{0}.Length", "Array.Length(ScalarArray)"),
        Op("VectorArrayLength", I, "{0}.Length", "Array.Length(VectorArray)"),
        Op("IntArrayLength", I, "{0}.Length", "Array.Length(IntArray)"),
        Op("IntElement", I, "{0}[{1}]", "builtin.element(IntArray,Int)")
            .Is(ElementRead),
        Op("Less", B, "{0} < {1}", "builtin.op_LessThan(Scalar,Scalar)", "builtin.op_LessThan(Int,Int)"),
        Op("LessOrEqual", B, "{0} <= {1}", "builtin.op_LessThanOrEqual(Scalar,Scalar)", "builtin.op_LessThanOrEqual(Int,Int)"),
        Op("Greater", B, "{0} > {1}", "builtin.op_GreaterThan(Scalar,Scalar)", "builtin.op_GreaterThan(Int,Int)"),
        Op("GreaterOrEqual", B, "{0} >= {1}", "builtin.op_GreaterThanOrEqual(Scalar,Scalar)", "builtin.op_GreaterThanOrEqual(Int,Int)"),
        Op("Equal", B, "{0} == {1}", "builtin.op_Equality(Scalar,Scalar)", "builtin.op_Equality(Int,Int)", "builtin.op_Equality(Bool,Bool)"),
        Op("NotEqual", B, "{0} != {1}", "builtin.op_Inequality(Scalar,Scalar)", "builtin.op_Inequality(Int,Int)", "builtin.op_Inequality(Bool,Bool)"),
        Op("Or", B, "{0} || {1}"),
        Op("Not", B, "!{0}", "builtin.op_LogicalNot(Bool)"),
    };
}
