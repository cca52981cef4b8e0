using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Workspace kernels with scalar results, and their agreement with <see cref="Functions"/>.</summary>
public sealed class ScalarKernelTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(300)]
    public void ReductionsMatchReferences(int n)
    {
        var data = new TestData(n);
        Vector<double> a = data.Vector(n, -5, 5), b = data.Vector(n);
        Matrix<double> m = data.Matrix(3, 5), k = data.Matrix(3, 5);
        Workspace ws = Workspace.Enter();
        try
        {
            Near.Equal(a.DotProduct(b), ws.Dot(a, b));
            Near.Equal(m.PointwiseMultiply(k).ColumnSums().Sum(), ws.Dot(m, k));
            Near.Equal(a.Sum(), ws.Sum(a));
            Near.Equal(Naive.LogSumExp(a), ws.LogSumExp(a));
            for (int label = 0; label < n; label += 37)
            {
                Near.Equal(Naive.LogSumExp(a) - a[label], ws.CrossEntropy(a, label));
            }
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void ScalarFunctionsAreIdenticalToFunctions()
    {
        var data = new TestData(1);
        Workspace ws = Workspace.Enter();
        try
        {
            foreach (double x in new[] { -800, -30, -1.5, -1, -1e-8, 0, 1e-8, 0.3, 1, 2.5, 40, 800, data.Scalar() })
            {
                Assert.Equal(Functions.Sigmoid(x), ws.Sigmoid(x));
                Assert.Equal(Functions.Tanh(x), ws.Tanh(x));
                Assert.Equal(Functions.Relu(x), ws.Relu(x));
                Assert.Equal(Functions.LeakyRelu(x, 0.1), ws.LeakyRelu(x, 0.1));
                Assert.Equal(Functions.HardTanh(x), ws.HardTanh(x));
                Near.Equal(Naive.Sigmoid(x), ws.Sigmoid(x), 1e-15);
            }

            Vector<double> v = data.Vector(9, -3, 3);
            Assert.Equal(Functions.LogSumExp(v), ws.LogSumExp(v));
            Assert.Equal(Functions.CrossEntropy(v, 4), ws.CrossEntropy(v, 4));
            Near.Same(Functions.Sigmoid(v), ws.Sigmoid(v));
            Near.Same(Functions.Softmax(v), ws.Softmax(v));
            Near.Same(Functions.LogSoftmax(v), ws.LogSoftmax(v));
            Near.Same(Functions.LeakyRelu(v, 0.3), ws.LeakyRelu(v, 0.3));
            Near.Same(Functions.HardTanh(v), ws.HardTanh(v));
            Near.Same(Functions.Relu(v), ws.Relu(v));
            Near.Same(Functions.Tanh(v), ws.Tanh(v));
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void AtReadsElementsAndChecksBounds()
    {
        var data = new TestData(2);
        Vector<double> v = data.Vector(4);
        Matrix<double> m = data.Matrix(3, 5);
        Workspace ws = Workspace.Enter();
        try
        {
            Assert.Equal(v[2], ws.At(v, 2));
            Assert.Equal(m[2, 4], ws.At(m, 2, 4));
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ws.At(v, 4));
            Assert.Contains("index 4", ex.Message);
            Assert.Contains("length 4", ex.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => ws.At(v, -1));
            var ex2 = Assert.Throws<ArgumentOutOfRangeException>(() => ws.At(m, 1, 5));
            Assert.Contains("(1, 5)", ex2.Message);
            Assert.Contains("3×5", ex2.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => ws.At(m, 3, 0));
        }
        finally
        {
            ws.Exit();
        }
    }
}
