using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;

namespace NlpSymbolic.Tests.Models;

/// <summary>One [Differentiable] method per matrix operation of the vocabulary.</summary>
public static partial class MatrixOperations
{
    [Differentiable] public static Vector<double> MatrixTimesVector([Shape(3, 4)] Matrix<double> W, [Shape(4)] Vector<double> x) => W * x;
    [Differentiable] public static Matrix<double> MatrixTimesMatrix([Shape(3, 4)] Matrix<double> A, [Shape(4, 2)] Matrix<double> B) => A * B;
    [Differentiable] public static Matrix<double> Add([Shape(3, 4)] Matrix<double> A, [Shape(3, 4)] Matrix<double> B) => A + B;
    [Differentiable] public static Matrix<double> Subtract([Shape(3, 4)] Matrix<double> A, [Shape(3, 4)] Matrix<double> B) => A - B;
    [Differentiable] public static Matrix<double> Negate([Shape(3, 4)] Matrix<double> A) => -A;
    [Differentiable] public static Matrix<double> ScalarTimesMatrix(double a, [Shape(3, 4)] Matrix<double> A) => a * A;
    [Differentiable] public static Matrix<double> MatrixTimesScalar([Shape(3, 4)] Matrix<double> A, double a) => A * a;
    [Differentiable] public static Matrix<double> Transpose([Shape(3, 4)] Matrix<double> A) => A.Transpose();
    [Differentiable] public static Matrix<double> PointwiseMultiply([Shape(3, 4)] Matrix<double> A, [Shape(3, 4)] Matrix<double> B) => A.PointwiseMultiply(B);
    [Differentiable] public static double SquaredNorm([Shape(3, 4)] Matrix<double> A, double lambda) => lambda * Functions.SquaredNorm(A);
    [Differentiable] public static double FrobeniusNorm([Shape(3, 4)] Matrix<double> A) => A.FrobeniusNorm();
    [Differentiable] public static Vector<double> TransposeThisAndMultiplyVector([Shape(3, 4)] Matrix<double> W, [Shape(3)] Vector<double> d) => W.Transpose() * d;
    [Differentiable] public static Matrix<double> OuterProduct([Shape(3)] Vector<double> u, [Shape(4)] Vector<double> v) => u.OuterProduct(v);
    [Differentiable] public static double Index([Shape(3, 4)] Matrix<double> A, [Value(2)] int i) => A[i, 3] * A[0, 1];
    [Differentiable] public static Vector<double> Row([Shape(3, 4)] Matrix<double> A, [Value(2)] int i) => A.Row(i) * 2 + A.Row(0);
    [Differentiable] public static Vector<double> Column([Shape(3, 4)] Matrix<double> A, [Value(3)] int j) => A.Column(j) - A.Column(1);
    [Differentiable] public static double Sizes([Shape(3, 4)] Matrix<double> A) => A[A.RowCount - 1, A.ColumnCount - 1] * (A.RowCount + A.ColumnCount);
    [Differentiable] public static Matrix<double> ConditionalMatrix([Shape(3, 4)] Matrix<double> A, [Shape(3, 4)] Matrix<double> B, double a) => a < 0 ? A : B;

    /// <summary>∇W = δ xᵀ written out: the gradient of a rank-1 update path.</summary>
    [Differentiable]
    public static double Bilinear([Shape(3)] Vector<double> u, [Shape(3, 4)] Matrix<double> W, [Shape(4)] Vector<double> x) => u * (W * x);
}
