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
        Op(OperationId.IntNegate, I, -a, "builtin.op_UnaryNegation(Int)"),
        Op(OperationId.IntAdd, I, a + b, "builtin.op_Addition(Int,Int)"),
        Op(OperationId.IntSubtract, I, a - b, "builtin.op_Subtraction(Int,Int)"),
        Op(OperationId.IntMultiply, I, a * b, "builtin.op_Multiply(Int,Int)"),
        Op(OperationId.IntDivide, I, a / b, "builtin.op_Division(Int,Int)"),
        Op(OperationId.IntRemainder, I, a % b, "builtin.op_Modulus(Int,Int)"),
        Op(OperationId.IntMax, I, Call(Max, a, b), "Math.Max(Int,Int)"),
        Op(OperationId.IntMin, I, Call(Min, a, b), "Math.Min(Int,Int)"),
        Op(OperationId.Count, I, new SizeOf(a, IsArray: false), "Vector.Count(Vector)"),
        Op(OperationId.RowCount, I, new MemberOf(a, Member.RowCount), "Matrix.RowCount(Matrix)"),
        Op(OperationId.ColumnCount, I, new MemberOf(a, Member.ColumnCount), "Matrix.ColumnCount(Matrix)"),
        Op(OperationId.ScalarArrayLength, I, Length(a), "Array.Length(ScalarArray)"),
        Op(OperationId.VectorArrayLength, I, Length(a), "Array.Length(VectorArray)"),
        Op(OperationId.IntArrayLength, I, Length(a), "Array.Length(IntArray)"),
        Op(OperationId.IntElement, I, new ElementOf(a, b), "builtin.element(IntArray,Int)")
            .Is(ElementRead),
        Op(OperationId.Less, B, a < b, "builtin.op_LessThan(Scalar,Scalar)", "builtin.op_LessThan(Int,Int)"),
        Op(OperationId.LessOrEqual, B, a <= b, "builtin.op_LessThanOrEqual(Scalar,Scalar)", "builtin.op_LessThanOrEqual(Int,Int)"),
        Op(OperationId.Greater, B, a > b, "builtin.op_GreaterThan(Scalar,Scalar)", "builtin.op_GreaterThan(Int,Int)"),
        Op(OperationId.GreaterOrEqual, B, a >= b, "builtin.op_GreaterThanOrEqual(Scalar,Scalar)", "builtin.op_GreaterThanOrEqual(Int,Int)"),
        Op(OperationId.Equal, B, Equal(a, b), "builtin.op_Equality(Scalar,Scalar)", "builtin.op_Equality(Int,Int)", "builtin.op_Equality(Bool,Bool)"),
        Op(OperationId.NotEqual, B, new Binary(BinaryOperator.NotEqual, a, b), "builtin.op_Inequality(Scalar,Scalar)", "builtin.op_Inequality(Int,Int)", "builtin.op_Inequality(Bool,Bool)"),
        Op(OperationId.Or, B, a | b),
        Op(OperationId.Not, B, !a, "builtin.op_LogicalNot(Bool)"),
    };
}
