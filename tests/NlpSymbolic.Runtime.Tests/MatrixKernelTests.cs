using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Forward matrix kernels of <see cref="Workspace"/> against MathNet.</summary>
public sealed class MatrixKernelTests
{
    [Theory]
    [InlineData(3, 5)]
    [InlineData(1, 9)]
    [InlineData(40, 3)]
    public void ElementwiseMatrixKernelsMatchMathNet(int rows, int columns)
    {
        var data = new TestData(rows * 100 + columns);
        Matrix<double> a = data.Matrix(rows, columns), b = data.Matrix(rows, columns);
        Matrix<double> a0 = a.Clone(), b0 = b.Clone();
        double s = data.Scalar(-2, 2);
        Workspace ws = Workspace.Enter();
        try
        {
            Near.Equal(a + b, ws.Add(a, b));
            Near.Equal(a - b, ws.Subtract(a, b));
            Near.Equal(-a, ws.Negate(a));
            Near.Equal(s * a, ws.Scale(s, a));
            Near.Equal(a.Transpose(), ws.Transpose(a));
        }
        finally
        {
            ws.Exit();
        }

        Near.Same(a0, a);
        Near.Same(b0, b);
    }

    [Theory]
    [InlineData(3, 5, 4)]
    [InlineData(1, 1, 1)]
    [InlineData(17, 33, 9)]
    public void MatrixProductMatchesMathNet(int rows, int inner, int columns)
    {
        var data = new TestData(rows + inner + columns);
        Matrix<double> a = data.Matrix(rows, inner), b = data.Matrix(inner, columns);
        Matrix<double> a0 = a.Clone(), b0 = b.Clone();
        Workspace ws = Workspace.Enter();
        try
        {
            Near.Equal(a * b, ws.Multiply(a, b));
            Near.Equal(Naive.Product(a, b), ws.Multiply(a, b));
        }
        finally
        {
            ws.Exit();
        }

        Near.Same(a0, a);
        Near.Same(b0, b);
    }

    [Fact]
    public void OuterProductMatchesMathNet()
    {
        var data = new TestData(3);
        Vector<double> u = data.Vector(3), v = data.Vector(5);
        Workspace ws = Workspace.Enter();
        try
        {
            Matrix<double> outer = ws.Outer(u, v);
            Assert.Equal(3, outer.RowCount);
            Assert.Equal(5, outer.ColumnCount);
            Near.Equal(u.OuterProduct(v), outer);
        }
        finally
        {
            ws.Exit();
        }
    }
}
