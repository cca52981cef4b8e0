using NlpSymbolic.Generator.Differentiation;
using static NlpSymbolic.Generator.Differentiation.Expressions;
using static NlpSymbolic.Generator.Differentiation.Kernel;
using static NlpSymbolic.Generator.Differentiation.ScalarFunction;
using static NlpSymbolic.Generator.Model.OperationFlags;

namespace NlpSymbolic.Generator.Model;

internal static partial class Operations
{
    /// <summary>Vectors.</summary>
    private static OperationDefinition[] Vectors() => new[]
    {
        Op("VectorIdentity", V, "{0}", "Vector.op_UnaryPlus(Vector)")
            .Rule("y = a ⇒ da += dy", D(0, dy)),
        Op("VectorNegate", V, "{ws}.Negate({0})", "Vector.op_UnaryNegation(Vector)")
            .Rule("y = −a ⇒ da −= dy", D(0, -dy)),
        Op("VectorAdd", V, "{ws}.Add({0}, {1})", "Vector.op_Addition(Vector,Vector)", "Vector.Add(Vector,Vector)")
            .Rule("y = a + b ⇒ da += dy; db += dy", D(0, dy), D(1, dy)),
        Op("VectorSubtract", V, "{ws}.Subtract({0}, {1})", "Vector.op_Subtraction(Vector,Vector)", "Vector.Subtract(Vector,Vector)")
            .Rule("y = a − b ⇒ da += dy; db −= dy", D(0, dy), D(1, -dy)),
        Op("ScalarTimesVector", V, "{ws}.Scale({0}, {1})", "Vector.op_Multiply(Scalar,Vector)")
            .Rule("y = s·a ⇒ ds += dyᵀa; da += s·dy", D(0, Call(Dot, dy, b)), D(1, Call(Scale, a, dy)))
            .Is(Product),
        Op("VectorTimesScalar", V, "{ws}.Scale({1}, {0})", "Vector.op_Multiply(Vector,Scalar)", "Vector.Multiply(Vector,Scalar)")
            .Rule("y = a·s ⇒ da += s·dy; ds += dyᵀa", D(0, Call(Scale, b, dy)), D(1, Call(Dot, dy, a)))
            .Is(Product),
        Op("VectorDivideScalar", V, "{ws}.Divide({0}, {1})", "Vector.op_Division(Vector,Scalar)", "Vector.Divide(Vector,Scalar)")
            .Rule("y = a/s ⇒ da += dy/s; ds −= dyᵀy/s", D(0, Call(Scale, 1 / b, dy)), D(1, -Call(Dot, dy, y) / b)),
        Op("ScalarDivideVector", V, "{ws}.ScalarDivide({0}, {1})", "Vector.op_Division(Scalar,Vector)")
            .Rule("y = s/a ⇒ ds += Σ dy/a; da −= dy∘y/a", D(0, Call(SumQuotient, dy, b)), D(1, Call(DivisorGradient, dy, y, b))),
        Op("VectorPlusScalar", V, "{ws}.AddScalar({0}, {1})", "Vector.op_Addition(Vector,Scalar)", "Vector.Add(Vector,Scalar)")
            .Rule("y = a + s·1 ⇒ da += dy; ds += 1ᵀdy", D(0, dy), D(1, Call(Sum, dy))),
        Op("ScalarPlusVector", V, "{ws}.AddScalar({1}, {0})", "Vector.op_Addition(Scalar,Vector)")
            .Rule("y = s·1 + a ⇒ ds += 1ᵀdy; da += dy", D(0, Call(Sum, dy)), D(1, dy)),
        Op("VectorMinusScalar", V, "{ws}.AddScalar({0}, -{1})", "Vector.op_Subtraction(Vector,Scalar)", "Vector.Subtract(Vector,Scalar)")
            .Rule("y = a − s·1 ⇒ da += dy; ds −= 1ᵀdy", D(0, dy), D(1, -Call(Sum, dy))),
        Op("ScalarMinusVector", V, "{ws}.ScalarMinus({0}, {1})", "Vector.op_Subtraction(Scalar,Vector)")
            .Rule("y = s·1 − a ⇒ ds += 1ᵀdy; da −= dy", D(0, Call(Sum, dy)), D(1, -dy)),
        Op("PointwiseMultiply", V, "{ws}.PointwiseMultiply({0}, {1})", "Vector.PointwiseMultiply(Vector,Vector)")
            .Rule("y = a∘b ⇒ da += dy∘b; db += dy∘a", D(0, Call(PointwiseMultiply, dy, b)), D(1, Call(PointwiseMultiply, dy, a)))
            .Is(Product),
        Op("PointwiseDivide", V, "{ws}.PointwiseDivide({0}, {1})", "Vector.PointwiseDivide(Vector,Vector)")
            .Rule("y = a/b ⇒ da += dy/b; db −= dy∘y/b", D(0, Call(PointwiseDivide, dy, b)), D(1, Call(DivisorGradient, dy, y, b))),
        Op("PointwiseExp", V, "{ws}.PointwiseExp({0})", "Vector.PointwiseExp(Vector)")
            .Rule("y = exp a ⇒ da += dy∘y", D(0, Call(PointwiseMultiply, dy, y))),
        Op("PointwiseLog", V, "{ws}.PointwiseLog({0})", "Vector.PointwiseLog(Vector)")
            .Rule("y = log a ⇒ da += dy/a", D(0, Call(PointwiseDivide, dy, a))),
        Op("VectorTanh", V, "{ws}.Tanh({0})", "Vector.PointwiseTanh(Vector)", "Functions.Tanh(Vector)")
            .Rule("y = tanh a ⇒ da += dy∘(1 − y∘y)", D(0, Call(TanhGradient, dy, y)))
            .Is(Activation),
        Op("VectorSigmoid", V, "{ws}.Sigmoid({0})", "Functions.Sigmoid(Vector)")
            .Rule("y = σ(a) ⇒ da += dy∘y∘(1 − y)", D(0, Call(SigmoidGradient, dy, y)))
            .Is(Activation),
        Op("VectorRelu", V, "{ws}.Relu({0})", "Functions.Relu(Vector)")
            .Rule("y = max(0, a) ⇒ da += dy∘[a > 0]", D(0, Call(ReluGradient, dy, a)))
            .Is(Activation),
        Op("VectorLeakyRelu", V, "{ws}.LeakyRelu({0}, {1})", "Functions.LeakyRelu(Vector,Scalar)")
            .Rule("y = a > 0 ? a : s·a ⇒ da += dy∘(a > 0 ? 1 : s); ds += dyᵀmin(a, 0)", D(0, Call(LeakyReluGradient, dy, a, b)), D(1, Call(LeakyReluSlopeGradient, dy, a)))
            .Is(Activation),
        Op("VectorHardTanh", V, "{ws}.HardTanh({0})", "Functions.HardTanh(Vector)")
            .Rule("y = clamp(a, −1, 1) ⇒ da += dy∘[−1 < a < 1]", D(0, Call(HardTanhGradient, dy, a)))
            .Is(Activation),
        Op("VectorSoftplus", V, "{ws}.Softplus({0})", "Functions.Softplus(Vector)")
            .Rule("y = log(1 + exp a) ⇒ da += dy∘σ(a)", D(0, Call(SoftplusGradient, dy, a)))
            .Is(Activation),
        Op("Softmax", V, "{ws}.Softmax({0})", "Functions.Softmax(Vector)")
            .Rule("y = softmax a ⇒ da += y∘(dy − (dyᵀy)·1)", D(0, Call(SoftmaxGradient, dy, y)))
            .Is(Activation),
        Op("LogSoftmax", V, "{ws}.LogSoftmax({0})", "Functions.LogSoftmax(Vector)")
            .Rule("y = a − logΣexp a ⇒ da += dy − exp(y)·(1ᵀdy)", D(0, Call(LogSoftmaxGradient, dy, y)))
            .Is(Activation),
        Op("Concat", V, "{ws}.Concat({args})", "Functions.Concat(Vector...)")
            .Rule("y = [a; b; …] ⇒ each part gets its slice of dy", D(-1, Call(Slice, dy, new Offset()))),
        Op("MatrixTimesVector", V, "{ws}.Multiply({0}, {1})", "Matrix.op_Multiply(Matrix,Vector)", "Matrix.Multiply(Matrix,Vector)")
            .Rule("y = W x ⇒ dW += dy xᵀ; dx += Wᵀ dy", D(0, Call(Outer, dy, b)), D(1, Call(TransposeThisAndMultiply, a, dy)))
            .Is(Product),
        Op("Row", V, "{ws}.Row({0}, {1})", "Matrix.Row(Matrix,Int)")
            .Rule("y = A[i, :]ᵀ ⇒ dA[i, :] += dyᵀ", D(0, Call(IntoRow, b, dy))),
        Op("Column", V, "{ws}.Column({0}, {1})", "Matrix.Column(Matrix,Int)")
            .Rule("y = A[:, j] ⇒ dA[:, j] += dy", D(0, Call(IntoColumn, b, dy))),
        Op("VectorElement", V, "{0}[{1}]", "builtin.element(VectorArray,Int)")
            .Rule("y = a[i] ⇒ da[i] += dy", D(0, Call(Element, b, dy)))
            .Is(ElementRead),
    };
}
