using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>
/// The blocked matrix–vector kernels (W x, Wᵀ dy, dy xᵀ and the fused adjoints of W x) against index loops, on shapes
/// that hit every path: empty, below one vector register, one register, the 32-row block and its remainders.
/// </summary>
public sealed class MatrixVectorKernelTests
{
    private readonly TestData _data = new(21);

    public static IEnumerable<object[]> Shapes()
    {
        int[] sizes = [0, 1, 3, 7, 8, 9, 15, 16, 31, 32, 33, 40, 47, 65];
        var random = new Random(4);
        foreach (int rows in sizes)
        {
            yield return [rows, sizes[random.Next(sizes.Length)]];
        }

        yield return [100, 150];
        yield return [13, 101];
        yield return [203, 3];
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyMatchesTheIndexLoop(int rows, int cols)
    {
        var (w, x, y) = (_data.Matrix(rows, cols), _data.Vector(cols), _data.Vector(rows));
        Vector<double> expected = y + NaiveMultiply(w, x);

        Frame.Run(ws =>
        {
            Near.Equal(NaiveMultiply(w, x), ws.Multiply(w, x), 1e-13);
            ws.AccumulateMultiply(y, w, x);
        });

        Near.Equal(expected, y, 1e-13);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TransposeThisAndMultiplyMatchesTheIndexLoop(int rows, int cols)
    {
        var (w, dy, dx) = (_data.Matrix(rows, cols), _data.Vector(rows), _data.Vector(cols));
        Vector<double> expected = dx + NaiveMultiply(w.Transpose(), dy);

        Frame.Run(ws =>
        {
            Near.Equal(NaiveMultiply(w.Transpose(), dy), ws.TransposeThisAndMultiply(w, dy), 1e-13);
            ws.AccumulateTransposeThisAndMultiply(dx, w, dy);
        });

        Near.Equal(expected, dx, 1e-13);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OuterMatchesTheIndexLoop(int rows, int cols)
    {
        var (dW, dy, x) = (_data.Matrix(rows, cols), _data.Vector(rows), _data.Vector(cols));
        Matrix<double> expected = dW + NaiveOuter(dy, x);

        Frame.Run(ws =>
        {
            Near.Equal(NaiveOuter(dy, x), ws.Outer(dy, x), 1e-13);
            ws.AccumulateOuter(dW, dy, x);
        });

        Near.Equal(expected, dW, 1e-13);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyAdjointsEqualTheTwoSeparateAdjoints(int rows, int cols)
    {
        var (w, x, dy) = (_data.Matrix(rows, cols), _data.Vector(cols), _data.Vector(rows));
        var (dW, dx) = (_data.Matrix(rows, cols), _data.Vector(cols));
        Matrix<double> expectedDW = dW + NaiveOuter(dy, x);
        Vector<double> expectedDx = dx + NaiveMultiply(w.Transpose(), dy);
        var (onlyDW, onlyDx) = (dW.Clone(), dx.Clone());

        Frame.Run(ws =>
        {
            ws.AccumulateMultiplyAdjoints(dW, dx, w, x, dy);
            ws.AccumulateMultiplyAdjoints(onlyDW, null, w, x, dy);
            ws.AccumulateMultiplyAdjoints(null, onlyDx, w, x, dy);
            ws.AccumulateMultiplyAdjoints(null, null, w, x, dy);
        });

        Near.Equal(expectedDW, dW, 1e-13);
        Near.Equal(expectedDx, dx, 1e-13);
        Near.Equal(expectedDW, onlyDW, 1e-13);
        Near.Equal(expectedDx, onlyDx, 1e-13);
    }

    [Fact]
    public void MultiplyAdjointsReadTheirInputsBeforeWritingADestinationTheyShare()
    {
        // A square W with dx the very vector dy: dx += Wᵀ dy must use dy as it was.
        var (w, x) = (_data.Matrix(9, 9), _data.Vector(9));
        Vector<double> dy = _data.Vector(9);
        Matrix<double> dW = _data.Matrix(9, 9);
        Vector<double> expectedDx = dy + NaiveMultiply(w.Transpose(), dy);
        Matrix<double> expectedDW = dW + NaiveOuter(dy, x);

        Frame.Run(ws => ws.AccumulateMultiplyAdjoints(dW, dy, w, x, dy));

        Near.Equal(expectedDx, dy, 1e-13);
        Near.Equal(expectedDW, dW, 1e-13);
    }

    [Fact]
    public void TheKernelsMatchTheirPortableFormsOnGruShapes()
    {
        foreach (var (rows, cols) in new[] { (100, 150), (200, 300), (512, 812) })
        {
            double[] w = _data.Matrix(rows, cols).AsColumnMajorArray();
            double[] x = _data.Vector(cols).AsArray(), dy = _data.Vector(rows).AsArray();
            var (y, yPortable) = (new double[rows], new double[rows]);
            BlockedMatrixVector.AccumulateMultiply(y, w, rows, cols, x);
            MatrixMath.AccumulateMultiplyByColumns(yPortable, w, rows, cols, x);
            var (dW, dx, dWPortable, dxPortable) = (new double[rows * cols], new double[cols], new double[rows * cols], new double[cols]);
            BlockedMatrixVector.AccumulateMultiplyAdjoints(dW, dx, w, rows, cols, x, dy);
            MatrixMath.AccumulateTransposeThisAndMultiplyByColumns(dxPortable, w, rows, cols, dy);
            MatrixMath.AccumulateOuterByColumns(dWPortable, dy, x);

            Near.Equal(Vector<double>.Build.Dense(yPortable), Vector<double>.Build.Dense(y), 1e-12);
            Near.Equal(Vector<double>.Build.Dense(dxPortable), Vector<double>.Build.Dense(dx), 1e-12);
            Near.Equal(Matrix<double>.Build.Dense(rows, cols, dWPortable), Matrix<double>.Build.Dense(rows, cols, dW), 1e-14);
        }
    }

    [Fact]
    public void MultiplyAdjointsNameTheMismatchedShapes()
    {
        var (w, x, dy) = (_data.Matrix(3, 4), _data.Vector(4), _data.Vector(3));
        ArgumentException wrongX = Fails(ws => ws.AccumulateMultiplyAdjoints(null, null, w, _data.Vector(5), dy));
        ArgumentException wrongDy = Fails(ws => ws.AccumulateMultiplyAdjoints(null, null, w, x, _data.Vector(4)));
        ArgumentException wrongDW = Fails(ws => ws.AccumulateMultiplyAdjoints(_data.Matrix(4, 3), null, w, x, dy));
        ArgumentException wrongDx = Fails(ws => ws.AccumulateMultiplyAdjoints(null, _data.Vector(3), w, x, dy));

        Assert.StartsWith("AccumulateMultiplyAdjoints (adjoints of y = W x): W is 3×4 but x has length 5 and dy has length 3.", wrongX.Message);
        Assert.Equal("x", wrongX.ParamName);
        Assert.Equal("dy", wrongDy.ParamName);
        Assert.StartsWith("AccumulateMultiplyAdjoints (adjoints of y = W x): dW is 4×3 but W is 3×4", wrongDW.Message);
        Assert.StartsWith("AccumulateMultiplyAdjoints (adjoints of y = W x): dx has length 3 but x has length 4", wrongDx.Message);
    }

    [Fact]
    public void TheSpanKernelsRefuseLengthsThatDoNotMatchTheShape()
    {
        Assert.Throws<ArgumentException>(() => BlockedMatrixVector.AccumulateMultiply(new double[3], new double[11], 3, 4, new double[4]));
        Assert.Throws<ArgumentException>(() => BlockedMatrixVector.AccumulateTransposeThisAndMultiply(new double[4], new double[12], 3, 4, new double[2]));
        Assert.Throws<ArgumentException>(() => BlockedMatrixVector.AccumulateOuter(new double[11], new double[3], new double[4]));
        Assert.Throws<ArgumentException>(() => BlockedMatrixVector.AccumulateMultiplyAdjoints(new double[12], new double[3], new double[12], 3, 4, new double[4], new double[3]));
    }

    private static Vector<double> NaiveMultiply(Matrix<double> w, Vector<double> x)
    {
        var y = Vector<double>.Build.Dense(w.RowCount);
        for (int i = 0; i < w.RowCount; i++)
        {
            for (int j = 0; j < w.ColumnCount; j++)
            {
                y[i] += w[i, j] * x[j];
            }
        }

        return y;
    }

    private static Matrix<double> NaiveOuter(Vector<double> u, Vector<double> v) =>
        Matrix<double>.Build.Dense(u.Count, v.Count, (i, j) => u[i] * v[j]);

    private static ArgumentException Fails(Action<Workspace> call)
    {
        Workspace ws = Workspace.Enter();
        try
        {
            return Assert.ThrowsAny<ArgumentException>(() => call(ws));
        }
        finally
        {
            ws.Exit();
        }
    }
}
