using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Forward vector kernels of <see cref="Workspace"/> against MathNet or naive references.</summary>
public sealed class VectorKernelTests
{
    // 1 and 7 exercise the scalar tails of the vectorised primitives; 300 crosses the 256-element scratch chunk.
    public static TheoryData<int> Lengths => new() { 1, 7, 300 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void BinaryKernelsMatchMathNet(int n)
    {
        var data = new TestData(n);
        Vector<double> a = data.Vector(n);
        Vector<double> b = data.AwayFromZero(n);
        Vector<double> a0 = a.Clone(), b0 = b.Clone();
        Frame.Run(ws =>
        {
            Near.Equal(a + b, ws.Add(a, b));
            Near.Equal(a - b, ws.Subtract(a, b));
            Near.Equal(a.PointwiseMultiply(b), ws.PointwiseMultiply(a, b));
            Near.Equal(a.PointwiseDivide(b), ws.PointwiseDivide(a, b));
            Near.Equal(Naive.Concat(a, b), ws.Concat(a, b));
        });
        Near.Same(a0, a);
        Near.Same(b0, b);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ScalarVectorKernelsMatchMathNet(int n)
    {
        var data = new TestData(n + 1);
        Vector<double> v = data.AwayFromZero(n);
        Vector<double> v0 = v.Clone();
        double s = data.Scalar(-3, 3);
        Frame.Run(ws =>
        {
            Near.Equal(-v, ws.Negate(v));
            Near.Equal(s * v, ws.Scale(s, v));
            Near.Equal(v + s, ws.AddScalar(v, s));
            Near.Equal(s - v, ws.ScalarMinus(s, v));
            Near.Equal(v / s, ws.Divide(v, s));
            Near.Equal(s / v, ws.ScalarDivide(s, v));
        });
        Near.Same(v0, v);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ElementwiseFunctionsMatchReferences(int n)
    {
        var data = new TestData(n + 2);
        Vector<double> x = data.Vector(n, -4, 4);
        Vector<double> positive = data.Vector(n, 0.01, 50);
        Vector<double> x0 = x.Clone();
        Frame.Run(ws =>
        {
            Near.Equal(x.PointwiseExp(), ws.PointwiseExp(x));
            Near.Equal(positive.PointwiseLog(), ws.PointwiseLog(positive));
            Near.Equal(x.PointwiseTanh(), ws.PointwiseTanh(x));
            Near.Equal(x.PointwiseTanh(), ws.Tanh(x));
            Near.Equal(Naive.Map(x, Naive.Sigmoid), ws.Sigmoid(x));
            Near.Equal(Naive.Map(x, v => Math.Max(0, v)), ws.Relu(x));
            Near.Equal(Naive.Map(x, v => v > 0 ? v : 0.2 * v), ws.LeakyRelu(x, 0.2));
            Near.Equal(Naive.Map(x, v => v > 0 ? v : 1.5 * v), ws.LeakyRelu(x, 1.5));
            Near.Equal(Naive.Map(x, v => Math.Min(1, Math.Max(-1, v))), ws.HardTanh(x));
            Near.Equal(Naive.Softmax(x), ws.Softmax(x));
            Near.Equal(Naive.LogSoftmax(x), ws.LogSoftmax(x));
        });
        Near.Same(x0, x);
    }

    [Fact]
    public void TanhIsAccurateNearZero()
    {
        // tanh computed as (e^{2x}−1)/(e^{2x}+1) would lose all relative precision here.
        Vector<double> x = Vector<double>.Build.DenseOfArray(new[] { 1e-10, -3e-9, 1e-300, 2e-6, 0.0 });
        Frame.Run(ws => Near.Equal(x.PointwiseTanh(), ws.Tanh(x), 1e-14));
        for (int i = 0; i < x.Count; i++)
        {
            Frame.Run(ws => Assert.Equal(Math.Tanh(x[i]), ws.Tanh(x)[i], 1e-14 * Math.Abs(x[i])));
        }
    }

    [Fact]
    public void MatrixVectorProductRowAndColumnMatchMathNet()
    {
        var data = new TestData(7);
        Matrix<double> m = data.Matrix(3, 5);
        Vector<double> v = data.Vector(5);
        Matrix<double> m0 = m.Clone();
        Frame.Run(ws =>
        {
            Near.Equal(m * v, ws.Multiply(m, v));
            for (int i = 0; i < 3; i++)
            {
                Near.Same(m.Row(i), ws.Row(m, i));
            }

            for (int j = 0; j < 5; j++)
            {
                Near.Same(m.Column(j), ws.Column(m, j));
            }
        });
        Near.Same(m0, m);
    }

    [Fact]
    public void ConcatOverloadsMatchNaive()
    {
        var data = new TestData(8);
        var p = new Vector<double>[8];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = data.Vector(i + 1);
        }

        Frame.Run(ws =>
        {
            Near.Same(Naive.Concat(p[0], p[1], p[2]), ws.Concat(p[0], p[1], p[2]));
            Near.Same(Naive.Concat(p[0], p[1], p[2], p[3]), ws.Concat(p[0], p[1], p[2], p[3]));
            Near.Same(Naive.Concat(p[0], p[1], p[2], p[3], p[4]), ws.Concat(p[0], p[1], p[2], p[3], p[4]));
            Near.Same(Naive.Concat(p[..6]), ws.Concat(p[0], p[1], p[2], p[3], p[4], p[5]));
            Near.Same(Naive.Concat(p[..7]), ws.Concat(p[0], p[1], p[2], p[3], p[4], p[5], p[6]));
            Near.Same(Naive.Concat(p), ws.Concat(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]));
            Near.Same(Naive.Concat(p), ws.Concat(p));
            Assert.Empty(ws.Concat(Array.Empty<Vector<double>>()));
        });
    }

    [Fact]
    public void ResultsAreDistinctBuffersWithinAFrame()
    {
        var data = new TestData(9);
        Vector<double> a = data.Vector(4), b = data.Vector(4);
        Frame.Run(ws =>
        {
            Vector<double> sum = ws.Add(a, b);
            Vector<double> difference = ws.Subtract(a, b);
            Assert.NotSame(sum, difference);
            Near.Equal(a + b, sum);
        });
    }

    [Fact]
    public void EmptyVectorsMapToEmptyVectors()
    {
        Vector<double> empty = Vector<double>.Build.Dense(0);
        Frame.Run(ws =>
        {
            Assert.Empty(ws.Sigmoid(empty));
            Assert.Empty(ws.Tanh(empty));
            Assert.Empty(ws.Add(empty, empty));
            Assert.Throws<ArgumentException>(() => ws.Softmax(empty));
            Assert.Throws<ArgumentException>(() => ws.LogSoftmax(empty));
            Assert.Throws<ArgumentException>(() => ws.LogSumExp(empty));
        });
    }
}
