using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>
/// The minibatch kernels: the register-blocked products on shapes that hit every edge of their 8 × 4 and 4 × 2
/// blocks, and the column-wise kernels against the vector form applied to each column.
/// </summary>
public class MinibatchKernelTests
{
    [Theory]
    [InlineData(8, 1, 4)]
    [InlineData(13, 7, 6)]
    [InlineData(12, 5, 9)]
    [InlineData(5, 100, 3)]
    [InlineData(3, 2, 1)]
    [InlineData(100, 250, 32)]
    [InlineData(0, 3, 5)]
    [InlineData(4, 0, 4)]
    public void BlockedProductsMatchNaive(int rows, int inner, int columns)
    {
        var data = new TestData(rows * 7 + inner * 3 + columns);
        Matrix<double> a = data.Matrix(rows, inner), b = data.Matrix(inner, columns), c = data.Matrix(rows, columns);
        Workspace ws = Workspace.Enter();
        try
        {
            Near.Equal(Naive.Product(a, b), ws.Multiply(a, b));
        }
        finally
        {
            ws.Exit();
        }

        Matrix<double> da = data.Matrix(rows, inner);
        Matrix<double> expectedA = da.Clone() + Naive.Product(c, Naive.Transpose(b));
        AdjointScope.Check(da, expectedA, w => w.AccumulateTransposeAndMultiply(da, c, b), c, b);

        Matrix<double> db = data.Matrix(inner, columns);
        Matrix<double> expectedB = db.Clone() + Naive.Product(Naive.Transpose(a), c);
        AdjointScope.Check(db, expectedB, w => w.AccumulateTransposeThisAndMultiply(db, a, c), a, c);
    }

    /// <summary>The portable column loops (used where 256-bit FMA is missing, so not by the tests above here).</summary>
    [Theory]
    [InlineData(13, 7, 6)]
    [InlineData(5, 100, 3)]
    [InlineData(0, 3, 2)]
    public void PortableProductsMatchNaive(int rows, int inner, int columns)
    {
        var data = new TestData(rows + inner + columns);
        Matrix<double> a = data.Matrix(rows, inner), b = data.Matrix(inner, columns), c = data.Matrix(rows, columns);
        var product = c.Clone();
        MatrixMath.AccumulateProductByColumns(product.AsColumnMajorArray(), a.AsColumnMajorArray(), rows, inner, b.AsColumnMajorArray(), columns);
        Near.Equal(c + Naive.Product(a, b), product);

        Matrix<double> bt = data.Matrix(columns, inner);
        var timesTranspose = c.Clone();
        MatrixMath.AccumulateTransposeAndMultiplyByColumns(timesTranspose.AsColumnMajorArray(), a.AsColumnMajorArray(), rows, inner, bt.AsColumnMajorArray(), columns);
        Near.Equal(c + Naive.Product(a, Naive.Transpose(bt)), timesTranspose);

        Matrix<double> at = data.Matrix(inner, rows);
        var transposeTimes = c.Clone();
        MatrixMath.AccumulateTransposeThisAndMultiplyByColumns(transposeTimes.AsColumnMajorArray(), at.AsColumnMajorArray(), inner, rows, b.AsColumnMajorArray(), columns);
        Near.Equal(c + Naive.Product(Naive.Transpose(at), b), transposeTimes);
    }

    [Fact]
    public void ColumnwiseFunctionsAreTheVectorFormOnEachColumn()
    {
        var data = new TestData(3);
        var m = data.Matrix(4, 5) * 3;
        var labels = new[] { 0, 3, 3, 1, 2 };
        var softmax = Functions.Softmax(m);
        var logSoftmax = Functions.LogSoftmax(m);
        for (var j = 0; j < m.ColumnCount; j++)
        {
            Near.Same(Functions.Softmax(m.Column(j)), softmax.Column(j));
            Near.Same(Functions.LogSoftmax(m.Column(j)), logSoftmax.Column(j));
        }

        Assert.Equal(Enumerable.Range(0, 5).Sum(j => Functions.CrossEntropy(m.Column(j), labels[j])), Functions.CrossEntropy(m, labels), 12);
        Assert.Equal(Functions.CrossEntropy(m, labels) / 5, Functions.MeanCrossEntropy(m, labels), 12);
        var b = data.Vector(4);
        Near.Equal(m + b.ToColumnMatrix() * Matrix<double>.Build.Dense(1, 5, 1.0), Functions.AddColumnwise(m, b));
    }

    [Fact]
    public void WorkspaceAndFunctionsAgreeBitForBit()
    {
        var data = new TestData(4);
        var m = data.Matrix(3, 6) * 2;
        var b = data.Vector(3);
        var labels = new[] { 2, 0, 1, 1, 0, 2 };
        Workspace ws = Workspace.Enter();
        try
        {
            Near.Same(Functions.Tanh(m), ws.Tanh(m));
            Near.Same(Functions.Sigmoid(m), ws.Sigmoid(m));
            Near.Same(Functions.Relu(m), ws.Relu(m));
            Near.Same(Functions.LeakyRelu(m, 0.3), ws.LeakyRelu(m, 0.3));
            Near.Same(Functions.HardTanh(m), ws.HardTanh(m));
            Near.Same(Functions.Softmax(m), ws.Softmax(m));
            Near.Same(Functions.LogSoftmax(m), ws.LogSoftmax(m));
            Near.Same(Functions.AddColumnwise(m, b), ws.AddColumnwise(m, b));
            Assert.Equal(Functions.CrossEntropy(m, labels), ws.CrossEntropy(m, labels));
            Assert.Equal(Functions.MeanCrossEntropy(m, labels), ws.MeanCrossEntropy(m, labels));
            Near.Equal(m.RowSums(), ws.RowSums(m));
            Near.Equal(m.ColumnSums(), ws.ColumnSums(m));
            Near.Equal(m.PointwiseExp(), ws.PointwiseExp(m));
            Near.Equal(m.PointwiseAbs().PointwiseLog(), ws.PointwiseLog(m.PointwiseAbs()));
            Near.Equal(1.5 - m, ws.ScalarMinus(1.5, m));
            Near.Equal(1.5 / m, ws.ScalarDivide(1.5, m));
            Near.Equal(m / 1.5, ws.Divide(m, 1.5));
            Near.Equal(m + 1.5, ws.AddScalar(m, 1.5));
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void ColumnwiseAdjointsAreTheVectorAdjointsOnEachColumn()
    {
        var data = new TestData(5);
        var (x, dy) = (data.Matrix(4, 3) * 2, data.Matrix(4, 3));
        var labels = new[] { 1, 0, 3 };
        var y = Functions.Softmax(x);
        var ly = Functions.LogSoftmax(x);
        Matrix<double> dSoftmax = data.Matrix(4, 3), dLogSoftmax = data.Matrix(4, 3), dCross = data.Matrix(4, 3);
        var (eSoftmax, eLogSoftmax, eCross) = (dSoftmax.Clone(), dLogSoftmax.Clone(), dCross.Clone());
        Workspace ws = Workspace.Enter();
        try
        {
            for (var j = 0; j < 3; j++)
            {
                var (s, l, c) = (eSoftmax.Column(j), eLogSoftmax.Column(j), eCross.Column(j));
                ws.AccumulateSoftmaxGradient(s, dy.Column(j), y.Column(j));
                ws.AccumulateLogSoftmaxGradient(l, dy.Column(j), ly.Column(j));
                ws.AccumulateCrossEntropyGradient(c, 0.7, x.Column(j), labels[j]);
                (eSoftmax, eLogSoftmax, eCross) = (With(eSoftmax, j, s), With(eLogSoftmax, j, l), With(eCross, j, c));
            }

            ws.AccumulateSoftmaxGradient(dSoftmax, dy, y);
            ws.AccumulateLogSoftmaxGradient(dLogSoftmax, dy, ly);
            ws.AccumulateCrossEntropyGradient(dCross, 0.7, x, labels);
        }
        finally
        {
            ws.Exit();
        }

        Near.Same(eSoftmax, dSoftmax);
        Near.Same(eLogSoftmax, dLogSoftmax);
        Near.Same(eCross, dCross);
    }

    [Fact]
    public void SumAdjointsSpreadTheGradient()
    {
        var data = new TestData(6);
        var a = data.Matrix(3, 4);
        var (dRow, dColumn) = (data.Vector(3), data.Vector(4));
        Matrix<double> da = data.Matrix(3, 4);
        var expected = da + Matrix<double>.Build.Dense(3, 4, (i, j) => dRow[i] + dColumn[j]);
        AdjointScope.Check(da, expected, ws =>
        {
            ws.AccumulateRowSumsGradient(da, dRow, a);
            ws.AccumulateColumnSumsGradient(da, dColumn, a);
        }, a, dRow, dColumn);

        var db = data.Vector(3);
        var expectedB = db + a.RowSums();
        AdjointScope.Check(db, expectedB, ws => ws.AccumulateRowSums(db, a), a);
    }

    [Fact]
    public void BadShapesAndLabelsAreNamed()
    {
        var m = Matrix<double>.Build.Dense(3, 4);
        var bias = Assert.Throws<ArgumentException>(() => Functions.AddColumnwise(m, Vector<double>.Build.Dense(4)));
        Assert.Equal("b", bias.ParamName);
        Assert.Contains("the matrix is 3×4 but the vector added to every column has length 4; it must have length 3", bias.Message);

        var count = Assert.Throws<ArgumentException>(() => Functions.CrossEntropy(m, new[] { 0, 1 }));
        Assert.Equal("labels", count.ParamName);
        Assert.Contains("the logits are 3×4 (one example per column) but there are 2 labels", count.Message);

        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Functions.MeanCrossEntropy(m, new[] { 0, 1, 3, 2 }));
        Assert.Contains("label 3 of column 2 is out of range for logits with 3 rows", range.Message);

        Assert.Throws<ArgumentNullException>(() => Functions.CrossEntropy(m, null!));
        var empty = Assert.Throws<ArgumentException>(() => Functions.MeanCrossEntropy(Matrix<double>.Build.Dense(3, 0), Array.Empty<int>()));
        Assert.Contains("no columns", empty.Message);

        Workspace ws = Workspace.Enter();
        try
        {
            var sums = Assert.Throws<ArgumentException>(() => ws.AccumulateRowSums(Vector<double>.Build.Dense(4), m));
            Assert.Contains("it must have one entry per row (3)", sums.Message);
            Assert.Throws<ArgumentException>(() => ws.AccumulateSoftmaxGradient(m, Matrix<double>.Build.Dense(4, 3), m));
        }
        finally
        {
            ws.Exit();
        }
    }

    private static Matrix<double> With(Matrix<double> m, int j, Vector<double> column)
    {
        var copy = m.Clone();
        copy.SetColumn(j, column);
        return copy;
    }
}
