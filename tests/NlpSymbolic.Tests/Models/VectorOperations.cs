using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>One [Differentiable] method per vector operation of the vocabulary.</summary>
public static partial class VectorOperations
{
    [Differentiable] public static Vector<double> Add(Vector<double> v, Vector<double> w) => v + w;
    [Differentiable] public static Vector<double> Subtract(Vector<double> v, Vector<double> w) => v - w;
    [Differentiable] public static Vector<double> Negate(Vector<double> v) => -v;
    [Differentiable] public static Vector<double> ScalarTimesVector(double a, Vector<double> v) => a * v;
    [Differentiable] public static Vector<double> VectorTimesScalar(Vector<double> v, double a) => v * a;
    [Differentiable] public static Vector<double> VectorDivideScalar(Vector<double> v, [Range(0.5, 2)] double a) => v / a;
    [Differentiable] public static Vector<double> ScalarDivideVector(double a, [Range(0.5, 2)] Vector<double> v) => a / v;
    [Differentiable] public static Vector<double> ScalarDivideVectorAtZero([Range(0, 0)] double a, [Range(0.5, 2)] Vector<double> v) => a / v;
    [Differentiable] public static Vector<double> VectorPlusScalar(Vector<double> v, double a) => v + a;
    [Differentiable] public static Vector<double> ScalarPlusVector(double a, Vector<double> v) => a + v;
    [Differentiable] public static Vector<double> VectorMinusScalar(Vector<double> v, double a) => v - a;
    [Differentiable] public static Vector<double> ScalarMinusVector(double a, Vector<double> v) => a - v;
    [Differentiable] public static Vector<double> OneMinusVector(Vector<double> v) => 1 - v;
    [Differentiable] public static double Dot(Vector<double> v, Vector<double> w) => v * w;
    [Differentiable] public static double DotProduct(Vector<double> v, Vector<double> w) => v.DotProduct(w);
    [Differentiable] public static double DotWithItself(Vector<double> v) => v * v;
    [Differentiable] public static Vector<double> PointwiseMultiply(Vector<double> v, Vector<double> w) => v.PointwiseMultiply(w);
    [Differentiable] public static Vector<double> PointwiseDivide(Vector<double> v, [Range(0.5, 2)] Vector<double> w) => v.PointwiseDivide(w);
    [Differentiable] public static Vector<double> PointwiseExp(Vector<double> v) => v.PointwiseExp();
    [Differentiable] public static Vector<double> PointwiseLog([Range(0.5, 2)] Vector<double> v) => v.PointwiseLog();
    [Differentiable] public static Vector<double> PointwiseTanh(Vector<double> v) => v.PointwiseTanh();
    [Differentiable] public static double Sum(Vector<double> v) => v.Sum();
    [Differentiable] public static double Index(Vector<double> v, [Value(2)] int i) => v[i] * v[0];
    [Differentiable] public static Vector<double> Sigmoid(Vector<double> v) => Functions.Sigmoid(v);
    [Differentiable] public static Vector<double> Tanh(Vector<double> v) => Functions.Tanh(v);
    [Differentiable] public static Vector<double> Relu(Vector<double> v) => Functions.Relu(v);
    [Differentiable] public static Vector<double> LeakyRelu(Vector<double> v) => Functions.LeakyRelu(v);
    [Differentiable] public static Vector<double> LeakyReluSlope(Vector<double> v, [Range(0.01, 0.5)] double slope) => Functions.LeakyRelu(v, slope);
    [Differentiable] public static Vector<double> HardTanh([Range(-2, 2)] Vector<double> v) => Functions.HardTanh(v);
    [Differentiable] public static Vector<double> Softplus([Range(-4, 4)] Vector<double> v) => Functions.Softplus(v * 2);
    [Differentiable] public static Vector<double> Softmax(Vector<double> v) => Functions.Softmax(v);
    [Differentiable] public static Vector<double> LogSoftmax(Vector<double> v) => Functions.LogSoftmax(v);
    [Differentiable] public static double LogSumExp(Vector<double> v) => Functions.LogSumExp(v);
    [Differentiable] public static double SquaredNorm(Vector<double> v) => Functions.SquaredNorm(v) * 0.5;
    [Differentiable] public static double L2Norm(Vector<double> v) => v.L2Norm();
    [Differentiable] public static double L2NormAtZero([Range(0, 0)] Vector<double> v, double a) => (a * v).L2Norm() + a;
    [Differentiable] public static double CrossEntropy([Shape(5)] Vector<double> logits, [Value(3)] int label) => Functions.CrossEntropy(logits, label);
    [Differentiable] public static Vector<double> Concat2([Shape(2)] Vector<double> a, [Shape(3)] Vector<double> b) => Functions.Concat(a, b);
    // More parts than the runtime's fixed-arity overloads (eight): once generated code that did not compile (CS1501).
    [Differentiable] public static Vector<double> ConcatTenParts([Shape(2)] Vector<double> a, [Shape(3)] Vector<double> b, [Shape(1)] Vector<double> c) => Concat(a, b, c, a, b, c, a, b, c, a);

    [Differentiable] public static Vector<double> Concat3([Shape(2)] Vector<double> a, [Shape(3)] Vector<double> b, [Shape(1)] Vector<double> c) => Concat(a, b, c, a);
    [Differentiable] public static Vector<double> ConditionalVector(Vector<double> v, Vector<double> w, double a) => a > 0 ? v : w * 2;
    [Differentiable] public static Vector<double> ElementOfArray([Shape(3, 4)] Vector<double>[] xs, [Value(1)] int i) => xs[i] + xs[0];
    [Differentiable] public static double ElementOfScalarArray([Shape(5)] double[] xs, [Value(4)] int i) => xs[i] * xs[1];
    [Differentiable] public static double Count(Vector<double> v) => v[v.Count - 1] * v.Count;

    [Differentiable]
    public static Vector<double> CompoundVector(Vector<double> h, [Shape(4, 4)] Matrix<double> W, Vector<double> x)
    {
        h += W * x;
        h -= x;
        h *= 0.5;
        return h;
    }

    [Differentiable]
    public static double TokenIndexed([Shape(3, 6)] Matrix<double> L, [Value(5, 0, 2)] int[] tokens, [Value(1)] int t) =>
        L.Column(tokens[t]) * L.Column(tokens[0]) + L[1, tokens[2]];

    /// <summary>Backprop slides: L = 1ᵀσ(W x).</summary>
    [Differentiable]
    public static double SlideSumOfSigmoid([Shape(3, 4)] Matrix<double> W, Vector<double> x) => Functions.Sigmoid(W * x).Sum();
}
