using NlpSymbolic.Generator.Differentiation;
using static NlpSymbolic.Generator.Differentiation.Expressions;
using static NlpSymbolic.Generator.Differentiation.Kernel;
using static NlpSymbolic.Generator.Differentiation.ScalarFunction;
using static NlpSymbolic.Generator.Model.OperationFlags;

namespace NlpSymbolic.Generator.Model;

internal static partial class Operations
{
    /// <summary>Matrices.</summary>
    private static OperationDefinition[] Matrices() => new[]
    {
        Op("MatrixIdentity", M, "{0}", "Matrix.op_UnaryPlus(Matrix)")
            .Rule("Y = A ⇒ dA += dY", D(0, dy)),
        Op("MatrixNegate", M, "{ws}.Negate({0})", "Matrix.op_UnaryNegation(Matrix)")
            .Rule("Y = −A ⇒ dA −= dY", D(0, -dy)),
        Op("MatrixAdd", M, "{ws}.Add({0}, {1})", "Matrix.op_Addition(Matrix,Matrix)", "Matrix.Add(Matrix,Matrix)")
            .Rule("Y = A + B ⇒ dA += dY; dB += dY", D(0, dy), D(1, dy)),
        Op("MatrixSubtract", M, "{ws}.Subtract({0}, {1})", "Matrix.op_Subtraction(Matrix,Matrix)", "Matrix.Subtract(Matrix,Matrix)")
            .Rule("Y = A − B ⇒ dA += dY; dB −= dY", D(0, dy), D(1, -dy)),
        Op("ScalarTimesMatrix", M, "{ws}.Scale({0}, {1})", "Matrix.op_Multiply(Scalar,Matrix)")
            .Rule("Y = s·A ⇒ ds += ⟨dY, A⟩; dA += s·dY", D(0, Call(Dot, dy, b)), D(1, Call(Scale, a, dy)))
            .Is(Product),
        Op("MatrixTimesScalar", M, "{ws}.Scale({1}, {0})", "Matrix.op_Multiply(Matrix,Scalar)", "Matrix.Multiply(Matrix,Scalar)")
            .Rule("Y = A·s ⇒ dA += s·dY; ds += ⟨dY, A⟩", D(0, Call(Scale, b, dy)), D(1, Call(Dot, dy, a)))
            .Is(Product),
        Op("MatrixTimesMatrix", M, "{ws}.Multiply({0}, {1})", "Matrix.op_Multiply(Matrix,Matrix)", "Matrix.Multiply(Matrix,Matrix)")
            .Rule("Y = A B ⇒ dA += dY Bᵀ; dB += Aᵀ dY", D(0, Call(TransposeAndMultiply, dy, b)), D(1, Call(TransposeThisAndMultiply, a, dy)))
            .Is(Product),
        Op("Transpose", M, "{ws}.Transpose({0})", "Matrix.Transpose(Matrix)")
            .Rule("Y = Aᵀ ⇒ dA += dYᵀ", D(0, Call(Transpose, dy))),
        Op("MatrixPointwiseMultiply", M, "{ws}.PointwiseMultiply({0}, {1})", "Matrix.PointwiseMultiply(Matrix,Matrix)")
            .Rule("Y = A∘B ⇒ dA += dY∘B; dB += dY∘A", D(0, Call(PointwiseMultiply, dy, b)), D(1, Call(PointwiseMultiply, dy, a))),
        Op("OuterProduct", M, "{ws}.Outer({0}, {1})", "Vector.OuterProduct(Vector,Vector)")
            .Rule("Y = a bᵀ ⇒ da += dY b; db += dYᵀ a", D(0, Call(Multiply, dy, b)), D(1, Call(TransposeThisAndMultiply, dy, a)))
            .Is(Product),
    };
}
