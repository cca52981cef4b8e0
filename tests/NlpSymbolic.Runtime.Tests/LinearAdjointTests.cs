using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Adjoints of products and quotients against naive loops, on non-square shapes.</summary>
public sealed class LinearAdjointTests
{
    private readonly TestData _data = new(7);

    [Theory]
    [InlineData(3, 5)]
    [InlineData(33, 2)]
    public void OuterAddsUVTransposed(int rows, int columns)
    {
        Vector<double> u = _data.Vector(rows), v = _data.Vector(columns);
        Matrix<double> dst = _data.Matrix(rows, columns);
        Matrix<double> expected = dst.Clone();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                expected[i, j] += u[i] * v[j];
            }
        }

        AdjointScope.Check(dst, expected, ws => ws.AccumulateOuter(dst, u, v), u, v);
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(33, 2)]
    public void MatrixVectorAdjointsMatchNaive(int rows, int columns)
    {
        Matrix<double> m = _data.Matrix(rows, columns);
        Vector<double> u = _data.Vector(rows), x = _data.Vector(columns);

        Vector<double> dx = _data.Vector(columns);
        Vector<double> expected = dx.Clone();
        for (int j = 0; j < columns; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                expected[j] += m[i, j] * u[i];
            }
        }

        AdjointScope.Check(dx, expected, ws => ws.AccumulateTransposeThisAndMultiply(dx, m, u), m, u);

        Vector<double> dy = _data.Vector(rows);
        Vector<double> expectedTimes = dy.Clone() + Naive.Times(m, x);
        AdjointScope.Check(dy, expectedTimes, ws => ws.AccumulateMultiply(dy, m, x), m, x);
    }

    [Theory]
    [InlineData(3, 4, 5)]
    [InlineData(2, 9, 1)]
    public void MatrixProductAdjointsMatchNaive(int rows, int inner, int columns)
    {
        // y = a b with a rows×inner, b inner×columns, c = ∂L/∂y rows×columns.
        Matrix<double> a = _data.Matrix(rows, inner), b = _data.Matrix(inner, columns), c = _data.Matrix(rows, columns);

        Matrix<double> da = _data.Matrix(rows, inner);
        Matrix<double> expectedA = da.Clone() + Naive.Product(c, Naive.Transpose(b));
        AdjointScope.Check(da, expectedA, ws => ws.AccumulateTransposeAndMultiply(da, c, b), c, b);

        Matrix<double> db = _data.Matrix(inner, columns);
        Matrix<double> expectedB = db.Clone() + Naive.Product(Naive.Transpose(a), c);
        AdjointScope.Check(db, expectedB, ws => ws.AccumulateTransposeThisAndMultiply(db, a, c), a, c);
    }

    [Fact]
    public void TransposedAddsTheTranspose()
    {
        Matrix<double> y = _data.Matrix(5, 3);
        Matrix<double> dst = _data.Matrix(3, 5);
        Matrix<double> expected = dst.Clone();
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                expected[i, j] += y[j, i];
            }
        }

        AdjointScope.Check(dst, expected, ws => ws.AccumulateTranspose(dst, y), y);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(300)]
    public void PointwiseAdjointsMatchNaive(int n)
    {
        Vector<double> a = _data.Vector(n), b = _data.AwayFromZero(n), dy = _data.Vector(n);
        Vector<double> y = a.PointwiseDivide(b);

        Vector<double> d1 = _data.Vector(n), d2 = _data.Vector(n), d3 = _data.Vector(n);
        Vector<double> e1 = d1.Clone(), e2 = d2.Clone(), e3 = d3.Clone();
        for (int i = 0; i < n; i++)
        {
            e1[i] += a[i] * b[i];
            e2[i] += a[i] / b[i];
            e3[i] -= dy[i] * y[i] / b[i];
        }

        AdjointScope.Check(d1, e1, ws => ws.AccumulatePointwiseMultiply(d1, a, b), a, b);
        AdjointScope.Check(d2, e2, ws => ws.AccumulatePointwiseDivide(d2, a, b), a, b);
        AdjointScope.Check(d3, e3, ws => ws.AccumulateDivisorGradient(d3, dy, y, b), dy, y, b);
    }

    [Fact]
    public void DestinationAliasingAnInputIsReadBeforeItIsWritten()
    {
        Matrix<double> m = _data.Matrix(4, 4);
        Vector<double> v = _data.Vector(4);
        Vector<double> expectedV = v.Clone() + Naive.Times(m, v);
        AdjointScope.Check(v, expectedV, ws => ws.AccumulateMultiply(v, m, v), m);

        Vector<double> w = _data.Vector(4);
        Vector<double> expectedW = w.Clone() + Naive.Times(Naive.Transpose(m), w);
        AdjointScope.Check(w, expectedW, ws => ws.AccumulateTransposeThisAndMultiply(w, m, w), m);

        Matrix<double> d = _data.Matrix(4, 4);
        Matrix<double> expectedD = d.Clone() + Naive.Transpose(d);
        AdjointScope.Check(d, expectedD, ws => ws.AccumulateTranspose(d, d));

        Matrix<double> e = _data.Matrix(4, 4);
        Matrix<double> expectedE = e.Clone() + Naive.Product(e, Naive.Transpose(m));
        AdjointScope.Check(e, expectedE, ws => ws.AccumulateTransposeAndMultiply(e, e, m), m);

        Matrix<double> f = _data.Matrix(4, 4);
        Matrix<double> expectedF = f.Clone() + Naive.Product(Naive.Transpose(m), f);
        AdjointScope.Check(f, expectedF, ws => ws.AccumulateTransposeThisAndMultiply(f, m, f), m);

        Vector<double> g = _data.Vector(5);
        Vector<double> expectedG = g.Clone() * 2;
        AdjointScope.Check(g, expectedG, ws => ws.Accumulate(g, g));
    }
}
