using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Shape mismatches are reported with the operation and every shape involved.</summary>
public sealed class ShapeMessageTests
{
    private readonly TestData _data = new(3);

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

    private static void AssertMentions(ArgumentException ex, params string[] fragments)
    {
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, ex.Message);
        }
    }

    [Fact]
    public void MatrixVectorProductNamesBothShapes()
    {
        Matrix<double> m = _data.Matrix(3, 4);
        Vector<double> v = _data.Vector(5);
        ArgumentException ex = Fails(ws => ws.Multiply(m, v));
        Assert.StartsWith("Matrix-vector product: the matrix is 3×4 but the vector has length 5.", ex.Message);
    }

    [Fact]
    public void VectorKernelsNameOperationAndLengths()
    {
        Vector<double> a = _data.Vector(3), b = _data.Vector(4);
        AssertMentions(Fails(ws => ws.Add(a, b)), "Vector addition", "length 3", "length 4");
        AssertMentions(Fails(ws => ws.PointwiseMultiply(a, b)), "Pointwise multiplication", "3", "4");
        AssertMentions(Fails(ws => ws.Dot(a, b)), "Dot product", "3", "4");
        AssertMentions(Fails(ws => ws.Accumulate(a, b)), "Accumulate", "destination has length 3", "source has length 4");
        AssertMentions(Fails(ws => ws.AccumulateSigmoidGradient(a, b, a)), "AccumulateSigmoidGradient", "3", "dy has length 4");
    }

    [Fact]
    public void MatrixKernelsNameOperationAndShapes()
    {
        Matrix<double> a = _data.Matrix(3, 4), b = _data.Matrix(5, 2);
        AssertMentions(Fails(ws => ws.Multiply(a, b)), "Matrix product", "3×4", "5×2");
        AssertMentions(Fails(ws => ws.Add(a, b)), "Matrix addition", "3×4", "5×2");
        AssertMentions(Fails(ws => ws.Dot(a, b)), "Frobenius", "3×4", "5×2");
        AssertMentions(Fails(ws => ws.AccumulateTranspose(a, a)), "AccumulateTranspose", "3×4", "4×3");
        AssertMentions(
            Fails(ws => ws.AccumulateOuter(a, _data.Vector(3), _data.Vector(5))),
            "AccumulateOuter", "3×4", "length 3", "length 5");
        AssertMentions(
            Fails(ws => ws.AccumulateTransposeThisAndMultiply(_data.Vector(4), a, _data.Vector(2))),
            "AccumulateTransposeThisAndMultiply", "3×4", "length 2");
        AssertMentions(Fails(ws => ws.AccumulateTransposeAndMultiply(a, a, b)), "AccumulateTransposeAndMultiply", "3×4", "5×2");
        AssertMentions(Fails(ws => ws.AccumulateIntoRow(a, 0, _data.Vector(3))), "AccumulateIntoRow", "3×4", "length 3");
        AssertMentions(Fails(ws => ws.Row(a, 3)), "Row", "row 3", "3×4");
        AssertMentions(Fails(ws => ws.Column(a, 4)), "Column", "column 4", "3×4");
    }
}
