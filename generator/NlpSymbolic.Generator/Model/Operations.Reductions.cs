using NlpSymbolic.Generator.Differentiation;
using static NlpSymbolic.Generator.Differentiation.Expressions;
using static NlpSymbolic.Generator.Differentiation.Kernel;
using static NlpSymbolic.Generator.Differentiation.ScalarFunction;
using static NlpSymbolic.Generator.Model.OperationFlags;
using F = NlpSymbolic.Generator.Differentiation.ForwardKernel;

namespace NlpSymbolic.Generator.Model;

internal static partial class Operations
{
    /// <summary>Scalars computed from vectors, matrices and arrays.</summary>
    private static OperationDefinition[] Reductions() => new[]
    {
        Op(OperationId.Dot, S, W(F.Dot, a, b), "Vector.op_Multiply(Vector,Vector)", "Vector.DotProduct(Vector,Vector)").SquaredIs(OperationId.SquaredNorm)
            .Rule("y = aᵀb ⇒ da += dy·b; db += dy·a", D(0, Call(Scale, dy, b)), D(1, Call(Scale, dy, a)))
            .Is(Product),
        Op(OperationId.Sum, S, W(F.Sum, a), "Vector.Sum(Vector)")
            .Rule("y = 1ᵀa ⇒ da += dy·1", D(0, Call(Scalar, dy))),
        Op(OperationId.LogSumExp, S, W(F.LogSumExp, a), "Functions.LogSumExp(Vector)")
            .Rule("y = log Σ exp a ⇒ da += dy·exp(a − y)", D(0, Call(LogSumExpGradient, dy, a, y))),
        Op(OperationId.SquaredNorm, S, W(F.Dot, a, a), "Functions.SquaredNorm(Vector)")
            .Rule("y = aᵀa ⇒ da += 2dy·a", D(0, Call(Scale, 2 * dy, a))),
        Op(OperationId.MatrixSquaredNorm, S, W(F.Dot, a, a), "Functions.SquaredNorm(Matrix)")
            .Rule("y = ‖A‖²_F ⇒ dA += 2dy·A", D(0, Call(Scale, 2 * dy, a))),
        Op(OperationId.Norm, S, Call(Sqrt, W(F.Dot, a, a)), "Vector.L2Norm(Vector)")
            .Rule("y = ‖a‖ ⇒ da += (dy/y)·a (0 at a = 0, a subgradient)", D(0, Call(Scale, Cond(Equal(y, 0), 0, dy / y), a))),
        Op(OperationId.FrobeniusNorm, S, Call(Sqrt, W(F.Dot, a, a)), "Matrix.FrobeniusNorm(Matrix)")
            .Rule("y = ‖A‖_F ⇒ dA += (dy/y)·A (0 at A = 0, a subgradient)", D(0, Call(Scale, Cond(Equal(y, 0), 0, dy / y), a))),
        Op(OperationId.CrossEntropy, S, W(F.CrossEntropy, a, b), "Functions.CrossEntropy(Vector,Int)")
            .Rule("y = −log softmax(a)ₖ ⇒ da += dy·(softmax(a) − eₖ)", D(0, Call(CrossEntropyGradient, dy, a, b))),
        Op(OperationId.VectorAt, S, new ElementOf(a, b), "Vector.get_Item(Vector,Int)")
            .Rule("y = aᵢ ⇒ daᵢ += dy", D(0, Call(At, b, dy)))
            .Is(ElementRead),
        Op(OperationId.MatrixAt, S, new MatrixElementOf(a, b, c), "Matrix.get_Item(Matrix,Int,Int)")
            .Rule("y = Aᵢⱼ ⇒ dAᵢⱼ += dy", D(0, Call(At, b, c, dy))),
        Op(OperationId.ScalarElement, S, new ElementOf(a, b), "builtin.element(ScalarArray,Int)")
            .Rule("y = a[i] ⇒ da[i] += dy", D(0, Call(Element, b, dy)))
            .Is(ElementRead),
    };
}
