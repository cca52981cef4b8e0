using Xunit;
using static NlpSymbolic.Generator.Tests.Snapshots.SnapshotRuns;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// Minibatches as matrices: the window classifier over a d × B batch (one window per column), which should
/// read as the lecture's minibatch backprop (δ = Ŷ − Y, dU = δ Hᵀ, db = δ 1, dW = δ₁ Xᵀ), and one method using
/// every element-wise and column-wise matrix form.
/// </summary>
public sealed class MinibatchSnapshots
{
    /// <summary>J = Σⱼ CrossEntropy(U tanh(W X + b1ᵀ) + c1ᵀ, labels)ⱼ.</summary>
    public const string WindowBatchSource = $$"""
        {{Usings}}

        namespace Lecture;

        public static partial class Minibatch
        {
            [Differentiable]
            public static double WindowLoss(Matrix<double> W, Vector<double> b, Matrix<double> U, Vector<double> c, Matrix<double> X, int[] labels)
            {
                var H = Tanh(AddColumnwise(W * X, b));
                return MeanCrossEntropy(AddColumnwise(U * H, c), labels);
            }
        }
        """;

    public const string FormsSource = $$"""
        {{Usings}}

        namespace Vocabulary;

        public static partial class Batches
        {
            [Differentiable]
            public static double Forms(Matrix<double> A, Matrix<double> B, Vector<double> b, double s, int[] labels)
            {
                var S = Sigmoid(A) + Relu(B) - LeakyRelu(A, 0.1) + HardTanh(B) + A.PointwiseTanh();
                var E = (S + s).PointwiseExp().PointwiseDivide(2 - B) / s + s / A.PointwiseLog();
                var P = Softmax(AddColumnwise(E, b)) - LogSoftmax(1 + S);
                return P.RowSums() * b + P.ColumnSums().Sum() + CrossEntropy(A - s, labels);
            }
        }
        """;

    [Fact]
    public void WindowBatch() => Snapshot.VerifyGenerated(Clean(WindowBatchSource));

    [Fact]
    public void Forms() => Snapshot.VerifyGenerated(Clean(FormsSource));
}
