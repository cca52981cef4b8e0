using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>The additive adjoint kernels against naive loops.</summary>
public sealed class AccumulateTests
{
    private readonly TestData _data = new(42);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    public void VectorAccumulatesAddOntoTheDestination(int n)
    {
        Vector<double> src = _data.Vector(n);
        double s = _data.Scalar(-3, 3);

        Vector<double> dst = _data.Vector(n);
        Vector<double> expected = dst.Clone();
        for (int i = 0; i < n; i++)
        {
            expected[i] += src[i];
        }

        AdjointScope.Check(dst, expected, ws => ws.Accumulate(dst, src), src);

        dst = _data.Vector(n);
        expected = dst.Clone();
        for (int i = 0; i < n; i++)
        {
            expected[i] -= src[i];
        }

        AdjointScope.Check(dst, expected, ws => ws.AccumulateNegate(dst, src), src);

        dst = _data.Vector(n);
        expected = dst.Clone();
        for (int i = 0; i < n; i++)
        {
            expected[i] += s * src[i];
        }

        AdjointScope.Check(dst, expected, ws => ws.AccumulateScale(dst, s, src), src);

        dst = _data.Vector(n);
        expected = dst.Clone();
        for (int i = 0; i < n; i++)
        {
            expected[i] += s;
        }

        AdjointScope.Check(dst, expected, ws => ws.AccumulateScalar(dst, s));
    }

    [Fact]
    public void MatrixAccumulatesAddOntoTheDestination()
    {
        Matrix<double> src = _data.Matrix(3, 5);
        double s = _data.Scalar(-3, 3);

        Matrix<double> dst = _data.Matrix(3, 5);
        Matrix<double> plus = dst.Clone(), minus = dst.Clone(), scaled = dst.Clone();
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                plus[i, j] += src[i, j];
                minus[i, j] -= src[i, j];
                scaled[i, j] += s * src[i, j];
            }
        }

        Matrix<double> d1 = dst.Clone(), d2 = dst.Clone(), d3 = dst.Clone();
        AdjointScope.Check(d1, plus, ws => ws.Accumulate(d1, src), src);
        AdjointScope.Check(d2, minus, ws => ws.AccumulateNegate(d2, src), src);
        AdjointScope.Check(d3, scaled, ws => ws.AccumulateScale(d3, s, src), src);
    }

    [Fact]
    public void SliceAccumulatesOnePartOfAConcat()
    {
        Vector<double> src = _data.Vector(9);
        Vector<double> dst = _data.Vector(4);
        Vector<double> expected = dst.Clone();
        for (int i = 0; i < 4; i++)
        {
            expected[i] += src[3 + i];
        }

        AdjointScope.Check(dst, expected, ws => ws.AccumulateSlice(dst, src, 3), src);

        Workspace ws = Workspace.Enter();
        try
        {
            var ex = Assert.Throws<ArgumentException>(() => ws.AccumulateSlice(dst, src, 6));
            Assert.Contains("offset 6", ex.Message);
            Assert.Throws<ArgumentException>(() => ws.AccumulateSlice(dst, src, -1));
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void RowAndColumnAccumulateIntoOneLine()
    {
        Vector<double> row = _data.Vector(5), column = _data.Vector(3);
        Matrix<double> dst = _data.Matrix(3, 5);
        Matrix<double> expected = dst.Clone();
        for (int j = 0; j < 5; j++)
        {
            expected[1, j] += row[j];
        }

        AdjointScope.Check(dst, expected, ws => ws.AccumulateIntoRow(dst, 1, row), row);

        dst = _data.Matrix(3, 5);
        expected = dst.Clone();
        for (int i = 0; i < 3; i++)
        {
            expected[i, 4] += column[i];
        }

        AdjointScope.Check(dst, expected, ws => ws.AccumulateIntoColumn(dst, 4, column), column);
    }

    [Fact]
    public void ElementAccumulatesTouchOnlyTheirElement()
    {
        Vector<double> v = _data.Vector(4);
        Vector<double> vExpected = v.Clone();
        vExpected[2] += 0.75;
        AdjointScope.Check(v, vExpected, ws => ws.AccumulateAt(v, 2, 0.75));

        Matrix<double> m = _data.Matrix(3, 5);
        Matrix<double> mExpected = m.Clone();
        mExpected[2, 3] -= 1.25;
        AdjointScope.Check(m, mExpected, ws => ws.AccumulateAt(m, 2, 3, -1.25));

        double[] array = { 1, 2, 3 };
        Vector<double>[] vectors = { _data.Vector(2), _data.Vector(3) };
        Vector<double> src = _data.Vector(3);
        Vector<double> second = vectors[1].Clone() + src;
        Vector<double> first = vectors[0].Clone();
        Workspace ws = Workspace.Enter();
        try
        {
            ws.AccumulateElement(array, 1, 0.5);
            ws.AccumulateElement(vectors, 1, src);
            Assert.Throws<ArgumentOutOfRangeException>(() => ws.AccumulateElement(array, 3, 1.0));
            Assert.Throws<ArgumentOutOfRangeException>(() => ws.AccumulateElement(vectors, 2, src));
            Assert.Throws<ArgumentOutOfRangeException>(() => ws.AccumulateAt(v, 4, 1.0));
            Assert.Throws<ArgumentOutOfRangeException>(() => ws.AccumulateAt(m, 0, 5, 1.0));
        }
        finally
        {
            ws.Exit();
        }

        Assert.Equal(new[] { 1, 2.5, 3 }, array);
        Near.Equal(second, vectors[1]);
        Near.Same(first, vectors[0]);
    }
}
