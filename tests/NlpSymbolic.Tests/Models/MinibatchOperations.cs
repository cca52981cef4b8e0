using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;

namespace NlpSymbolic.Tests.Models;

/// <summary>One [Differentiable] method per minibatch (matrix) operation of the vocabulary: one example per column.</summary>
public static partial class MinibatchOperations
{
    // Element-wise functions.
    [Differentiable] public static Matrix<double> Tanh(Matrix<double> A) => Functions.Tanh(A);
    [Differentiable] public static Matrix<double> PointwiseTanh(Matrix<double> A) => A.PointwiseTanh();
    [Differentiable] public static Matrix<double> Sigmoid([Range(-4, 4)] Matrix<double> A) => Functions.Sigmoid(A);
    [Differentiable] public static Matrix<double> Relu(Matrix<double> A) => Functions.Relu(A);
    [Differentiable] public static Matrix<double> LeakyRelu(Matrix<double> A) => Functions.LeakyRelu(A);
    [Differentiable] public static Matrix<double> LeakyReluSlope(Matrix<double> A, [Range(0.01, 0.5)] double slope) => Functions.LeakyRelu(A, slope);
    [Differentiable] public static Matrix<double> HardTanh([Range(-2, 2)] Matrix<double> A) => Functions.HardTanh(A);
    [Differentiable] public static Matrix<double> PointwiseExp(Matrix<double> A) => A.PointwiseExp();
    [Differentiable] public static Matrix<double> PointwiseLog([Range(0.5, 2)] Matrix<double> A) => A.PointwiseLog();
    [Differentiable] public static Matrix<double> PointwiseDivide(Matrix<double> A, [Range(0.5, 2)] Matrix<double> B) => A.PointwiseDivide(B);
    [Differentiable] public static Matrix<double> PointwiseDivideItself([Range(0.5, 2)] Matrix<double> A) => A.PointwiseDivide(A.PointwiseExp());

    // A scalar and a matrix.
    [Differentiable] public static Matrix<double> MatrixPlusScalar(Matrix<double> A, double a) => A + a;
    [Differentiable] public static Matrix<double> ScalarPlusMatrix(double a, Matrix<double> A) => a + A;
    [Differentiable] public static Matrix<double> MatrixMinusScalar(Matrix<double> A, double a) => A - a;
    [Differentiable] public static Matrix<double> ScalarMinusMatrix(double a, Matrix<double> A) => a - A;
    [Differentiable] public static Matrix<double> OneMinusMatrix(Matrix<double> A) => 1 - A;
    [Differentiable] public static Matrix<double> MatrixDivideScalar(Matrix<double> A, [Range(0.5, 2)] double a) => A / a;
    [Differentiable] public static Matrix<double> ScalarDivideMatrix(double a, [Range(0.5, 2)] Matrix<double> A) => a / A;
    [Differentiable] public static Matrix<double> MethodForms(Matrix<double> A, [Range(0.5, 2)] double a) => A.Add(a).Subtract(a * a).Divide(a);

    // Columns as examples.
    [Differentiable] public static Matrix<double> AddColumnwise([Shape(3, 4)] Matrix<double> A, [Shape(3)] Vector<double> b) => Functions.AddColumnwise(A, b);
    [Differentiable] public static Matrix<double> Softmax([Shape(4, 3)] Matrix<double> A) => Functions.Softmax(A);
    [Differentiable] public static Matrix<double> LogSoftmax([Shape(4, 3)] Matrix<double> A) => Functions.LogSoftmax(A);
    [Differentiable] public static Vector<double> RowSums([Shape(3, 4)] Matrix<double> A) => A.RowSums();
    [Differentiable] public static Vector<double> ColumnSums([Shape(3, 4)] Matrix<double> A) => A.ColumnSums();
    [Differentiable] public static double Total([Shape(3, 4)] Matrix<double> A) => A.ColumnSums().Sum() + A.RowSums() * A.RowSums();
    [Differentiable] public static double CrossEntropy([Shape(5, 4)] Matrix<double> Z, [Value(3, 0, 4, 3)] int[] labels) => Functions.CrossEntropy(Z, labels);
    [Differentiable] public static double MeanCrossEntropy([Shape(5, 4)] Matrix<double> Z, [Value(3, 0, 4, 1)] int[] labels) => Functions.MeanCrossEntropy(Z, labels);

    /// <summary>Large logits: the column-wise max shift keeps the loss and its gradient finite.</summary>
    [Differentiable] public static double CrossEntropyLargeLogits([Shape(3, 2)] Matrix<double> Z, [Value(2, 0)] int[] labels) => Functions.CrossEntropy(Z * 1000 + 500, labels) * 1e-3;

    /// <summary>A bias used twice and every operation chained: adjoints of AddColumnwise add into one db.</summary>
    [Differentiable]
    public static double Chained([Shape(4, 3)] Matrix<double> W, [Shape(3, 5)] Matrix<double> X, [Shape(4)] Vector<double> b, double a)
    {
        var Z = Functions.AddColumnwise(W * X, b);
        var H = Functions.Sigmoid(Z) + Functions.Relu(Z).PointwiseMultiply(Functions.LeakyRelu(Z, 0.2));
        var P = Functions.Softmax(Functions.AddColumnwise(H, b) / (2 + a * a));
        return (P.PointwiseLog() - Functions.LogSoftmax(H)).RowSums() * b + (1 - Functions.Tanh(H)).ColumnSums().Sum();
    }
}
