using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>
/// The kernels behind values built in a [Differentiable] method — zeros, fills, one-hot, arrays, stacking,
/// SubVector, Maximum — against MathNet, their adjoints against the definition, and their messages.
/// </summary>
public sealed class BuiltValueKernelTests
{
    private readonly TestData _data = new(11);

    private static T InFrame<T>(Func<Workspace, T> call)
    {
        Workspace ws = Workspace.Enter();
        try
        {
            return call(ws);
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void ZerosAndFillsEqualMathNetsBuilders()
    {
        InFrame(ws =>
        {
            ws.RentVector(4).SetValues(new double[] { 1, 2, 3, 4 });
            return 0;
        });
        InFrame(ws =>
        {
            // The reused buffer from the previous frame is cleared.
            Assert.Equal(Vector<double>.Build.Dense(4), ws.Zeros(4));
            Assert.Equal(Matrix<double>.Build.Dense(2, 3), ws.Zeros(2, 3));
            Assert.Equal(Vector<double>.Build.Dense(3, -1.5), ws.Fill(3, -1.5));
            Assert.Equal(Matrix<double>.Build.Dense(2, 2, 0.25), ws.Fill(2, 2, 0.25));
            Assert.Equal(Functions.OneHot(5, 2), ws.OneHot(5, 2));
            Assert.Equal(6.0, ws.Sum(Matrix<double>.Build.Dense(2, 3, 1.0)));
            return 0;
        });
    }

    [Fact]
    public void ArraysStartEmptyEvenWhenTheirBufferIsReused()
    {
        InFrame(ws =>
        {
            var hs = ws.NewVectorArray(3);
            hs[1] = ws.Zeros(2);
            var xs = ws.NewScalarArray(4);
            xs[2] = 5;
            return 0;
        });
        InFrame(ws =>
        {
            Assert.All(ws.NewVectorArray(3), Assert.Null);
            Assert.All(ws.NewScalarArray(4), x => Assert.Equal(0.0, x));
            return 0;
        });
    }

    [Fact]
    public void StackingEqualsMathNetAndItsAdjointsTakeTheColumnsAndRowsBack()
    {
        var parts = new[] { _data.Vector(3), _data.Vector(3), _data.Vector(3), _data.Vector(3) };
        InFrame(ws =>
        {
            Assert.Equal(Matrix<double>.Build.DenseOfColumnVectors(parts), ws.DenseOfColumnVectors(parts));
            Assert.Equal(Matrix<double>.Build.DenseOfRowVectors(parts), ws.DenseOfRowVectors(parts));
            Assert.Equal(Matrix<double>.Build.DenseOfColumnVectors(parts[0], parts[1]), ws.DenseOfColumnVectors(parts[0], parts[1]));

            var dY = _data.Matrix(3, 4);
            var columns = parts.Select(p => Vector<double>.Build.Dense(3, 1.0)).ToArray();
            ws.AccumulateColumns(columns, dY);
            for (var j = 0; j < 4; j++)
            {
                Near.Equal(dY.Column(j) + 1.0, columns[j], 1e-15);
            }

            var rows = parts.Select(p => Vector<double>.Build.Dense(3)).ToArray();
            var dR = _data.Matrix(4, 3);
            ws.AccumulateRows(rows, dR);
            for (var i = 0; i < 4; i++)
            {
                Near.Equal(dR.Row(i), rows[i], 1e-15);
            }

            var slices = new[] { Vector<double>.Build.Dense(2), Vector<double>.Build.Dense(3) };
            var dy = _data.Vector(5);
            ws.AccumulateSlices(slices, dy);
            Near.Equal(dy.SubVector(0, 2), slices[0], 1e-15);
            Near.Equal(dy.SubVector(2, 3), slices[1], 1e-15);
            return 0;
        });
    }

    [Fact]
    public void SubVectorAndItsAdjoint()
    {
        var v = _data.Vector(6);
        InFrame(ws =>
        {
            Assert.Equal(v.SubVector(2, 3), ws.SubVector(v, 2, 3));
            var dv = Vector<double>.Build.Dense(6, 1.0);
            ws.AccumulateSubVector(dv, 2, Vector<double>.Build.Dense(3, 0.5));
            Assert.Equal(new[] { 1.0, 1, 1.5, 1.5, 1.5, 1 }, dv.ToArray());
            return 0;
        });
    }

    [Fact]
    public void MaximumAndMinimumSendTheGradientToTheFirstArgMaxAndArgMin()
    {
        var v = Vector<double>.Build.DenseOfArray(new[] { 1.0, 3, -2, 3, -2 });
        InFrame(ws =>
        {
            Assert.Equal(v.Maximum(), ws.Maximum(v));
            Assert.Equal(v.Minimum(), ws.Minimum(v));
            var dv = Vector<double>.Build.Dense(5);
            ws.AccumulateArgMax(dv, v, 0.5);
            ws.AccumulateArgMin(dv, v, 2.0);
            Assert.Equal(new[] { 0.0, 0.5, 2.0, 0, 0 }, dv.ToArray());
            return 0;
        });
    }

    [Fact]
    public void ZerosLikeOfABuiltArrayKeepsUnwrittenElementsNull()
    {
        InFrame(ws =>
        {
            var hs = ws.NewVectorArray(3);
            hs[0] = _data.Vector(2);
            hs[2] = _data.Vector(4);
            var dhs = ws.ZerosLike(hs);
            Assert.Equal(2, dhs[0].Count);
            Assert.Null(dhs[1]);
            Assert.Equal(4, dhs[2].Count);
            return 0;
        });
    }

    [Fact]
    public void BadInputIsNamed()
    {
        Assert.Contains("a size cannot be negative", Assert.Throws<ArgumentOutOfRangeException>(() => InFrame(ws => ws.Zeros(-1))).Message);
        Assert.Contains("OneHot", Assert.ThrowsAny<ArgumentException>(() => InFrame(ws => ws.OneHot(3, 3))).Message);
        Assert.Contains("OneHot: index 4 is out of range for length 2", Assert.Throws<ArgumentOutOfRangeException>(() => Functions.OneHot(2, 4)).Message);
        Assert.StartsWith("SubVector: 3 elements from index 4 do not fit in a vector of length 6.",
            Assert.ThrowsAny<ArgumentException>(() => InFrame(ws => ws.SubVector(_data.Vector(6), 4, 3))).Message);
        Assert.StartsWith("DenseOfColumnVectors: vector 1 has length 2 but vector 0 has length 3.",
            Assert.ThrowsAny<ArgumentException>(() => InFrame(ws => ws.DenseOfColumnVectors(_data.Vector(3), _data.Vector(2)))).Message);
        Assert.StartsWith("AccumulateSlices: the parts have 4 elements in all but the source has 5.",
            Assert.ThrowsAny<ArgumentException>(() => InFrame(ws =>
            {
                ws.AccumulateSlices(new[] { Vector<double>.Build.Dense(2), Vector<double>.Build.Dense(2) }, _data.Vector(5));
                return 0;
            })).Message);
        Assert.Contains("Maximum", Assert.ThrowsAny<ArgumentException>(() => InFrame(ws => ws.Maximum(Vector<double>.Build.Dense(0)))).Message);
        Assert.Equal("'hs[3]' was read before it was written: the elements of an array built with new Vector<double>[n] are null until assigned. Write every element you read (for example in a loop before the one that reads).",
            Workspace.ReadBeforeWrite("hs", 3).Message);
    }
}
