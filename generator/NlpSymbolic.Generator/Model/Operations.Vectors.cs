using NlpSymbolic.Generator.Differentiation;
using static NlpSymbolic.Generator.Differentiation.Expressions;
using static NlpSymbolic.Generator.Differentiation.Kernel;
using static NlpSymbolic.Generator.Differentiation.ScalarFunction;
using static NlpSymbolic.Generator.Model.OperationFlags;
using F = NlpSymbolic.Generator.Differentiation.ForwardKernel;

namespace NlpSymbolic.Generator.Model;

internal static partial class Operations
{
    /// <summary>Vectors.</summary>
    private static OperationDefinition[] Vectors() => new[]
    {
        Op(OperationId.VectorIdentity, V, a, "Vector.op_UnaryPlus(Vector)")
            .Rule("y = a ⇒ da += dy", D(0, dy)),
        Op(OperationId.VectorNegate, V, W(F.Negate, a), "Vector.op_UnaryNegation(Vector)")
            .Rule("y = −a ⇒ da −= dy", D(0, -dy)),
        Op(OperationId.VectorAdd, V, W(F.Add, a, b), "Vector.op_Addition(Vector,Vector)", "Vector.Add(Vector,Vector)")
            .Rule("y = a + b ⇒ da += dy; db += dy", D(0, dy), D(1, dy)),
        Op(OperationId.VectorSubtract, V, W(F.Subtract, a, b), "Vector.op_Subtraction(Vector,Vector)", "Vector.Subtract(Vector,Vector)")
            .Rule("y = a − b ⇒ da += dy; db −= dy", D(0, dy), D(1, -dy)),
        Op(OperationId.ScalarTimesVector, V, W(F.Scale, a, b), "Vector.op_Multiply(Scalar,Vector)")
            .Rule("y = s·a ⇒ ds += dyᵀa; da += s·dy", D(0, Call(Dot, dy, b)), D(1, Call(Scale, a, dy)))
            .Is(Product),
        Op(OperationId.VectorTimesScalar, V, W(F.Scale, b, a), "Vector.op_Multiply(Vector,Scalar)", "Vector.Multiply(Vector,Scalar)")
            .Rule("y = a·s ⇒ da += s·dy; ds += dyᵀa", D(0, Call(Scale, b, dy)), D(1, Call(Dot, dy, a)))
            .Is(Product),
        Op(OperationId.VectorDivideScalar, V, W(F.Divide, a, b), "Vector.op_Division(Vector,Scalar)", "Vector.Divide(Vector,Scalar)")
            .Rule("y = a/s ⇒ da += dy/s; ds −= dyᵀy/s", D(0, Call(Scale, 1 / b, dy)), D(1, -Call(Dot, dy, y) / b)),
        Op(OperationId.ScalarDivideVector, V, W(F.ScalarDivide, a, b), "Vector.op_Division(Scalar,Vector)")
            .Rule("y = s/a ⇒ ds += Σ dy/a; da −= dy∘y/a", D(0, Call(SumQuotient, dy, b)), D(1, Call(DivisorGradient, dy, y, b))),
        Op(OperationId.VectorPlusScalar, V, W(F.AddScalar, a, b), "Vector.op_Addition(Vector,Scalar)", "Vector.Add(Vector,Scalar)")
            .Rule("y = a + s·1 ⇒ da += dy; ds += 1ᵀdy", D(0, dy), D(1, Call(Sum, dy))),
        Op(OperationId.ScalarPlusVector, V, W(F.AddScalar, b, a), "Vector.op_Addition(Scalar,Vector)")
            .Rule("y = s·1 + a ⇒ ds += 1ᵀdy; da += dy", D(0, Call(Sum, dy)), D(1, dy)),
        Op(OperationId.VectorMinusScalar, V, W(F.AddScalar, a, -b), "Vector.op_Subtraction(Vector,Scalar)", "Vector.Subtract(Vector,Scalar)")
            .Rule("y = a − s·1 ⇒ da += dy; ds −= 1ᵀdy", D(0, dy), D(1, -Call(Sum, dy))),
        Op(OperationId.ScalarMinusVector, V, W(F.ScalarMinus, a, b), "Vector.op_Subtraction(Scalar,Vector)")
            .Rule("y = s·1 − a ⇒ ds += 1ᵀdy; da −= dy", D(0, Call(Sum, dy)), D(1, -dy)),
        Op(OperationId.PointwiseMultiply, V, W(F.PointwiseMultiply, a, b), "Vector.PointwiseMultiply(Vector,Vector)")
            .Rule("y = a∘b ⇒ da += dy∘b; db += dy∘a", D(0, Call(PointwiseMultiply, dy, b)), D(1, Call(PointwiseMultiply, dy, a)))
            .Is(Product),
        Op(OperationId.PointwiseDivide, V, W(F.PointwiseDivide, a, b), "Vector.PointwiseDivide(Vector,Vector)")
            .Rule("y = a/b ⇒ da += dy/b; db −= dy∘y/b", D(0, Call(PointwiseDivide, dy, b)), D(1, Call(DivisorGradient, dy, y, b))),
        Op(OperationId.PointwiseExp, V, W(F.PointwiseExp, a), "Vector.PointwiseExp(Vector)")
            .Rule("y = exp a ⇒ da += dy∘y", D(0, Call(PointwiseMultiply, dy, y))),
        Op(OperationId.PointwiseLog, V, W(F.PointwiseLog, a), "Vector.PointwiseLog(Vector)")
            .Rule("y = log a ⇒ da += dy/a", D(0, Call(PointwiseDivide, dy, a))),
        Op(OperationId.VectorTanh, V, W(F.Tanh, a), "Vector.PointwiseTanh(Vector)", "Functions.Tanh(Vector)")
            .Rule("y = tanh a ⇒ da += dy∘(1 − y∘y)", D(0, Call(TanhGradient, dy, y)))
            .Is(Activation),
        Op(OperationId.VectorSigmoid, V, W(F.Sigmoid, a), "Functions.Sigmoid(Vector)")
            .Rule("y = σ(a) ⇒ da += dy∘y∘(1 − y)", D(0, Call(SigmoidGradient, dy, y)))
            .Is(Activation),
        Op(OperationId.VectorRelu, V, W(F.Relu, a), "Functions.Relu(Vector)")
            .Rule("y = max(0, a) ⇒ da += dy∘[a > 0]", D(0, Call(ReluGradient, dy, a)))
            .Is(Activation),
        Op(OperationId.VectorLeakyRelu, V, W(F.LeakyRelu, a, b), "Functions.LeakyRelu(Vector,Scalar)")
            .Rule("y = a > 0 ? a : s·a ⇒ da += dy∘(a > 0 ? 1 : s); ds += dyᵀmin(a, 0)", D(0, Call(LeakyReluGradient, dy, a, b)), D(1, Call(LeakyReluSlopeGradient, dy, a)))
            .Is(Activation),
        Op(OperationId.VectorHardTanh, V, W(F.HardTanh, a), "Functions.HardTanh(Vector)")
            .Rule("y = clamp(a, −1, 1) ⇒ da += dy∘[−1 < a < 1]", D(0, Call(HardTanhGradient, dy, a)))
            .Is(Activation),
        Op(OperationId.VectorSoftplus, V, W(F.Softplus, a), "Functions.Softplus(Vector)")
            .Rule("y = log(1 + exp a) ⇒ da += dy∘σ(a)", D(0, Call(SoftplusGradient, dy, a)))
            .Is(Activation),
        Op(OperationId.Softmax, V, W(F.Softmax, a), "Functions.Softmax(Vector)")
            .Rule("y = softmax a ⇒ da += y∘(dy − (dyᵀy)·1)", D(0, Call(SoftmaxGradient, dy, y)))
            .Is(Activation),
        Op(OperationId.LogSoftmax, V, W(F.LogSoftmax, a), "Functions.LogSoftmax(Vector)")
            .Rule("y = a − logΣexp a ⇒ da += dy − exp(y)·(1ᵀdy)", D(0, Call(LogSoftmaxGradient, dy, y)))
            .Is(Activation),
        Op(OperationId.Concat, V, W(F.Concat, args), "Functions.Concat(Vector...)")
            .Rule("y = [a; b; …] ⇒ each part gets its slice of dy", D(-1, Call(Slice, dy, new Offset()))),
        Op(OperationId.MatrixTimesVector, V, W(F.Multiply, a, b), "Matrix.op_Multiply(Matrix,Vector)", "Matrix.Multiply(Matrix,Vector)")
            .Rule("y = W x ⇒ dW += dy xᵀ; dx += Wᵀ dy", D(0, Call(Outer, dy, b)), D(1, Call(TransposeThisAndMultiply, a, dy)))
            .Is(Product),
        Op(OperationId.Row, V, W(F.Row, a, b), "Matrix.Row(Matrix,Int)")
            .Rule("y = A[i, :]ᵀ ⇒ dA[i, :] += dyᵀ", D(0, Call(IntoRow, b, dy))),
        Op(OperationId.Column, V, W(F.Column, a, b), "Matrix.Column(Matrix,Int)")
            .Rule("y = A[:, j] ⇒ dA[:, j] += dy", D(0, Call(IntoColumn, b, dy))),
        Op(OperationId.VectorElement, V, new ElementOf(a, b), "builtin.element(VectorArray,Int)")
            .Rule("y = a[i] ⇒ da[i] += dy", D(0, Call(Element, b, dy)))
            .Is(ElementRead),
    };
}
