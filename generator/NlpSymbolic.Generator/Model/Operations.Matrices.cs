using NlpSymbolic.Generator.Differentiation;
using static NlpSymbolic.Generator.Differentiation.Expressions;
using static NlpSymbolic.Generator.Differentiation.Kernel;
using static NlpSymbolic.Generator.Differentiation.ScalarFunction;
using static NlpSymbolic.Generator.Model.OperationFlags;
using F = NlpSymbolic.Generator.Differentiation.ForwardKernel;

namespace NlpSymbolic.Generator.Model;

internal static partial class Operations
{
    /// <summary>Matrices.</summary>
    private static OperationDefinition[] Matrices() => new[]
    {
        Op(OperationId.MatrixIdentity, M, a, "Matrix.op_UnaryPlus(Matrix)")
            .Rule("Y = A ⇒ dA += dY", D(0, dy)),
        Op(OperationId.MatrixNegate, M, W(F.Negate, a), "Matrix.op_UnaryNegation(Matrix)")
            .Rule("Y = −A ⇒ dA −= dY", D(0, -dy)),
        Op(OperationId.MatrixAdd, M, W(F.Add, a, b), "Matrix.op_Addition(Matrix,Matrix)", "Matrix.Add(Matrix,Matrix)")
            .Rule("Y = A + B ⇒ dA += dY; dB += dY", D(0, dy), D(1, dy)),
        Op(OperationId.MatrixSubtract, M, W(F.Subtract, a, b), "Matrix.op_Subtraction(Matrix,Matrix)", "Matrix.Subtract(Matrix,Matrix)")
            .Rule("Y = A − B ⇒ dA += dY; dB −= dY", D(0, dy), D(1, -dy)),
        Op(OperationId.ScalarTimesMatrix, M, W(F.Scale, a, b), "Matrix.op_Multiply(Scalar,Matrix)")
            .Rule("Y = s·A ⇒ ds += ⟨dY, A⟩; dA += s·dY", D(0, Call(Dot, dy, b)), D(1, Call(Scale, a, dy)))
            .Is(Product),
        Op(OperationId.MatrixTimesScalar, M, W(F.Scale, b, a), "Matrix.op_Multiply(Matrix,Scalar)", "Matrix.Multiply(Matrix,Scalar)")
            .Rule("Y = A·s ⇒ dA += s·dY; ds += ⟨dY, A⟩", D(0, Call(Scale, b, dy)), D(1, Call(Dot, dy, a)))
            .Is(Product),
        Op(OperationId.MatrixTimesMatrix, M, W(F.Multiply, a, b), "Matrix.op_Multiply(Matrix,Matrix)", "Matrix.Multiply(Matrix,Matrix)")
            .Rule("Y = A B ⇒ dA += dY Bᵀ; dB += Aᵀ dY", D(0, Call(TransposeAndMultiply, dy, b)), D(1, Call(TransposeThisAndMultiply, a, dy)))
            .Is(Product),
        Op(OperationId.Transpose, M, W(F.Transpose, a), "Matrix.Transpose(Matrix)")
            .Rule("Y = Aᵀ ⇒ dA += dYᵀ", D(0, Call(Transpose, dy))),
        Op(OperationId.MatrixPointwiseMultiply, M, W(F.PointwiseMultiply, a, b), "Matrix.PointwiseMultiply(Matrix,Matrix)")
            .Rule("Y = A∘B ⇒ dA += dY∘B; dB += dY∘A", D(0, Call(PointwiseMultiply, dy, b)), D(1, Call(PointwiseMultiply, dy, a))),
        Op(OperationId.OuterProduct, M, W(F.Outer, a, b), "Vector.OuterProduct(Vector,Vector)")
            .Rule("Y = a bᵀ ⇒ da += dY b; db += dYᵀ a", D(0, Call(Multiply, dy, b)), D(1, Call(TransposeThisAndMultiply, dy, a)))
            .Is(Product),
    };
}
