using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.Models;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// <c>NameValue</c>, the value without a gradient on the generated allocation-free kernels (what evaluation and
/// inference call): the same value as the user's method, for scalar, vector and tuple results and for a model
/// class, and nothing allocated per call beyond the copy a vector result returns.
/// </summary>
public class ValueMethodTests
{
    private readonly Random _random = new(5);

    private Matrix<double> M(int rows, int columns) => Matrix<double>.Build.Dense(rows, columns, (_, _) => _random.NextDouble() - 0.5);

    private Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => _random.NextDouble() - 0.5);

    [Fact]
    public void AScalarValueEqualsTheMethodAndAllocatesNothing()
    {
        var (W, b, u, x, xc) = (M(20, 50), V(20), V(20), V(50), V(50));
        var expected = SteadyStateModels.WindowHinge(W, b, u, x, xc);
        Assert.Equal(expected, SteadyStateModels.WindowHingeValue(W, b, u, x, xc), 12);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
        {
            SteadyStateModels.WindowHingeValue(W, b, u, x, xc);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void AVectorValueIsACopyTheCallerOwns()
    {
        var (W, b, W2, b2, x) = (M(5, 9), V(5), M(4, 5), V(4), V(9));
        var expected = LectureModels.WindowSoftmax(W, b, W2, b2, x);
        var first = LectureModels.WindowSoftmaxValue(W, b, W2, b2, x);
        var second = LectureModels.WindowSoftmaxValue(W, b, W2, b2, x);
        Assert.Equal(expected.ToArray(), first.ToArray(), (p, q) => Math.Abs(p - q) < 1e-12);
        Assert.NotSame(first, second);
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void ATupleValueAndAModelClassValueEqualTheirMethods()
    {
        var model = new LstmLanguageModel(vocabulary: 7, dimension: 4, hidden: 6, seed: 3);
        var (x, h, c) = (V(4), V(6), V(6));
        var expected = model.Cell(x, h, c);
        var value = model.CellValue(x, h, c);
        Assert.Equal(expected.h.ToArray(), value.h.ToArray(), (p, q) => Math.Abs(p - q) < 1e-12);
        Assert.Equal(expected.c.ToArray(), value.c.ToArray(), (p, q) => Math.Abs(p - q) < 1e-12);
        Assert.NotSame(model.CellValue(x, h, c).h, value.h);
    }
}
