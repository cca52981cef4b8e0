using NlpSymbolic.Generator.Differentiation;
using static NlpSymbolic.Generator.Differentiation.Expressions;
using static NlpSymbolic.Generator.Differentiation.Kernel;
using static NlpSymbolic.Generator.Differentiation.ScalarFunction;
using static NlpSymbolic.Generator.Model.OperationFlags;
using F = NlpSymbolic.Generator.Differentiation.ForwardKernel;

namespace NlpSymbolic.Generator.Model;

internal static partial class Operations
{
    /// <summary>Minibatches as matrices (one example per column): element-wise functions, a bias added to every column, column-wise softmax and cross-entropy, row and column sums.</summary>
    private static OperationDefinition[] Minibatches() => new[]
    {
        Op(OperationId.MatrixTanh, M, W(F.Tanh, a), "Functions.Tanh(Matrix)", "Matrix.PointwiseTanh(Matrix)")
            .Rule("Y = tanh A ⇒ dA += dY∘(1 − Y∘Y)", D(0, Call(TanhGradient, dy, y)))
            .Is(Activation),
        Op(OperationId.MatrixSigmoid, M, W(F.Sigmoid, a), "Functions.Sigmoid(Matrix)")
            .Rule("Y = σ(A) ⇒ dA += dY∘Y∘(1 − Y)", D(0, Call(SigmoidGradient, dy, y)))
            .Is(Activation),
        Op(OperationId.MatrixRelu, M, W(F.Relu, a), "Functions.Relu(Matrix)")
            .Rule("Y = max(0, A) ⇒ dA += dY∘[A > 0]", D(0, Call(ReluGradient, dy, a)))
            .Is(Activation),
        Op(OperationId.MatrixLeakyRelu, M, W(F.LeakyRelu, a, b), "Functions.LeakyRelu(Matrix,Scalar)")
            .Rule("Y = A > 0 ? A : s·A ⇒ dA += dY∘(A > 0 ? 1 : s); ds += ⟨dY, min(A, 0)⟩", D(0, Call(LeakyReluGradient, dy, a, b)), D(1, Call(LeakyReluSlopeGradient, dy, a)))
            .Is(Activation),
        Op(OperationId.MatrixHardTanh, M, W(F.HardTanh, a), "Functions.HardTanh(Matrix)")
            .Rule("Y = clamp(A, −1, 1) ⇒ dA += dY∘[−1 < A < 1]", D(0, Call(HardTanhGradient, dy, a)))
            .Is(Activation),
        Op(OperationId.MatrixPointwiseExp, M, W(F.PointwiseExp, a), "Matrix.PointwiseExp(Matrix)")
            .Rule("Y = exp A ⇒ dA += dY∘Y", D(0, Call(PointwiseMultiply, dy, y))),
        Op(OperationId.MatrixPointwiseLog, M, W(F.PointwiseLog, a), "Matrix.PointwiseLog(Matrix)")
            .Rule("Y = log A ⇒ dA += dY/A", D(0, Call(PointwiseDivide, dy, a))),
        Op(OperationId.MatrixPointwiseDivide, M, W(F.PointwiseDivide, a, b), "Matrix.PointwiseDivide(Matrix,Matrix)")
            .Rule("Y = A/B ⇒ dA += dY/B; dB −= dY∘Y/B", D(0, Call(PointwiseDivide, dy, b)), D(1, Call(DivisorGradient, dy, y, b))),
        Op(OperationId.MatrixPlusScalar, M, W(F.AddScalar, a, b), "Matrix.op_Addition(Matrix,Scalar)", "Matrix.Add(Matrix,Scalar)")
            .Rule("Y = A + s·11ᵀ ⇒ dA += dY; ds += 1ᵀdY1", D(0, dy), D(1, Call(Sum, dy))),
        Op(OperationId.ScalarPlusMatrix, M, W(F.AddScalar, b, a), "Matrix.op_Addition(Scalar,Matrix)")
            .Rule("Y = s·11ᵀ + A ⇒ ds += 1ᵀdY1; dA += dY", D(0, Call(Sum, dy)), D(1, dy)),
        Op(OperationId.MatrixMinusScalar, M, W(F.AddScalar, a, -b), "Matrix.op_Subtraction(Matrix,Scalar)", "Matrix.Subtract(Matrix,Scalar)")
            .Rule("Y = A − s·11ᵀ ⇒ dA += dY; ds −= 1ᵀdY1", D(0, dy), D(1, -Call(Sum, dy))),
        Op(OperationId.ScalarMinusMatrix, M, W(F.ScalarMinus, a, b), "Matrix.op_Subtraction(Scalar,Matrix)")
            .Rule("Y = s·11ᵀ − A ⇒ ds += 1ᵀdY1; dA −= dY", D(0, Call(Sum, dy)), D(1, -dy)),
        Op(OperationId.MatrixDivideScalar, M, W(F.Divide, a, b), "Matrix.op_Division(Matrix,Scalar)", "Matrix.Divide(Matrix,Scalar)")
            .Rule("Y = A/s ⇒ dA += dY/s; ds −= ⟨dY, Y⟩/s", D(0, Call(Scale, 1 / b, dy)), D(1, -Call(Dot, dy, y) / b)),
        Op(OperationId.ScalarDivideMatrix, M, W(F.ScalarDivide, a, b), "Matrix.op_Division(Scalar,Matrix)")
            .Rule("Y = s/A ⇒ ds += Σ dY/A; dA −= dY∘Y/A", D(0, Call(SumQuotient, dy, b)), D(1, Call(DivisorGradient, dy, y, b))),
        Op(OperationId.AddColumnwise, M, W(F.AddColumnwise, a, b), "Functions.AddColumnwise(Matrix,Vector)")
            .Rule("Y = A + b1ᵀ ⇒ dA += dY; db += dY 1 (the row sums of dY)", D(0, dy), D(1, Call(RowSums, dy))),
        Op(OperationId.MatrixSoftmax, M, W(F.Softmax, a), "Functions.Softmax(Matrix)")
            .Rule("Y[:, j] = softmax A[:, j] ⇒ dA[:, j] += Y[:, j]∘(dY[:, j] − ⟨dY[:, j], Y[:, j]⟩)", D(0, Call(SoftmaxGradient, dy, y)))
            .Is(Activation),
        Op(OperationId.MatrixLogSoftmax, M, W(F.LogSoftmax, a), "Functions.LogSoftmax(Matrix)")
            .Rule("Y[:, j] = A[:, j] − logΣexp A[:, j] ⇒ dA[:, j] += dY[:, j] − exp(Y[:, j])·(1ᵀdY[:, j])", D(0, Call(LogSoftmaxGradient, dy, y)))
            .Is(Activation),
        Op(OperationId.RowSums, V, W(F.RowSums, a), "Matrix.RowSums(Matrix)")
            .Rule("y = A 1 ⇒ dA += dy 1ᵀ", D(0, Call(RowSumsGradient, dy, a))),
        Op(OperationId.ColumnSums, V, W(F.ColumnSums, a), "Matrix.ColumnSums(Matrix)")
            .Rule("y = Aᵀ1 ⇒ dA += 1 dyᵀ", D(0, Call(ColumnSumsGradient, dy, a))),
        Op(OperationId.MatrixCrossEntropy, S, W(F.CrossEntropy, a, b), "Functions.CrossEntropy(Matrix,IntArray)")
            .Rule("y = Σⱼ −log softmax(A[:, j])_kⱼ ⇒ dA += dy·(softmax(A) − Y), Y the one-hot labels by column", D(0, Call(CrossEntropyGradient, dy, a, b))),
        Op(OperationId.MeanCrossEntropy, S, W(F.MeanCrossEntropy, a, b), "Functions.MeanCrossEntropy(Matrix,IntArray)")
            .Rule("y = (1/B) Σⱼ −log softmax(A[:, j])_kⱼ ⇒ dA += (dy/B)·(softmax(A) − Y), B = labels.Length", D(0, Call(CrossEntropyGradient, dy / Length(b), a, b))),
    };
}
