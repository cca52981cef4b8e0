using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>The gradient/value argument checks that generated code runs first.</summary>
public sealed class CheckTests
{
    private readonly TestData _data = new(11);

    [Fact]
    public void MatchingGradientsPass()
    {
        Frame.Run(ws =>
        {
            ws.CheckGradient(_data.Vector(3), _data.Vector(3), "dx", "x");
            ws.CheckGradient(_data.Matrix(3, 5), _data.Matrix(3, 5), "dw", "w");
            ws.CheckGradient(new double[2], new double[2], "dp", "p");
            ws.CheckGradient(new[] { _data.Vector(2), _data.Vector(4) }, new[] { _data.Vector(2), _data.Vector(4) }, "dh", "h");
        });
    }

    [Fact]
    public void NullGradientsAreNotWantedButNullValuesStillThrow()
    {
        Frame.Run(ws =>
        {
            // A null gradient argument means "not wanted": no exception.
            ws.CheckGradient((Vector<double>?)null, _data.Vector(3), "dx", "x");
            ws.CheckGradient((Matrix<double>?)null, _data.Matrix(2, 2), "dw", "w");
            ws.CheckGradient((double[]?)null, new double[1], "dp", "p");
            ws.CheckGradient((Vector<double>[]?)null, new[] { _data.Vector(1) }, "dh", "h");

            // The value it would be the gradient of is still required.
            Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => ws.CheckGradient((Vector<double>?)null, null!, "dx", "x")).ParamName);
            Assert.Equal("w", Assert.Throws<ArgumentNullException>(() => ws.CheckGradient((Matrix<double>?)null, null!, "dw", "w")).ParamName);
            Assert.Equal("p", Assert.Throws<ArgumentNullException>(() => ws.CheckGradient((double[]?)null, null!, "dp", "p")).ParamName);
            Assert.Equal("h", Assert.Throws<ArgumentNullException>(() => ws.CheckGradient((Vector<double>[]?)null, null!, "dh", "h")).ParamName);
        });
    }

    [Fact]
    public void MismatchesNameBothArgumentsAndShapes()
    {
        Frame.Run(ws =>
        {
            var v = Assert.Throws<ArgumentException>(() => ws.CheckGradient(_data.Vector(3), _data.Vector(4), "dx", "x"));
            Assert.Equal("dx", v.ParamName);
            Assert.Contains("'dx' has length 3", v.Message);
            Assert.Contains("'x' has length 4", v.Message);

            var m = Assert.Throws<ArgumentException>(() => ws.CheckGradient(_data.Matrix(3, 5), _data.Matrix(5, 3), "dw", "w"));
            Assert.Equal("dw", m.ParamName);
            Assert.Contains("'dw' is 3×5", m.Message);
            Assert.Contains("'w' is 5×3", m.Message);

            var a = Assert.Throws<ArgumentException>(() => ws.CheckGradient(new double[2], new double[3], "dp", "p"));
            Assert.Equal("dp", a.ParamName);
            Assert.Contains("2", a.Message);
            Assert.Contains("3", a.Message);

            var count = Assert.Throws<ArgumentException>(
                () => ws.CheckGradient(new[] { _data.Vector(2) }, new[] { _data.Vector(2), _data.Vector(2) }, "dh", "h"));
            Assert.Equal("dh", count.ParamName);
            Assert.Contains("1 elements", count.Message);

            var element = Assert.Throws<ArgumentException>(
                () => ws.CheckGradient(new[] { _data.Vector(2), _data.Vector(3) }, new[] { _data.Vector(2), _data.Vector(4) }, "dh", "h"));
            Assert.Equal("dh", element.ParamName);
            Assert.Contains("element 1", element.Message);
            Assert.Contains("length 3", element.Message);
            Assert.Contains("length 4", element.Message);

            var nullElement = Assert.Throws<ArgumentException>(
                () => ws.CheckGradient(new Vector<double>[] { null! }, new[] { _data.Vector(2) }, "dh", "h"));
            Assert.Equal("dh", nullElement.ParamName);
        });
    }

    [Fact]
    public void NullValuesNameTheValue()
    {
        Frame.Run(ws =>
        {
            ws.CheckValue(_data.Vector(1), "x");
            ws.CheckValue(_data.Matrix(1, 1), "w");
            ws.CheckValue(new double[1], "p");
            ws.CheckValue(new[] { _data.Vector(1) }, "h");
            Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => ws.CheckValue((Vector<double>)null!, "x")).ParamName);
            Assert.Equal("w", Assert.Throws<ArgumentNullException>(() => ws.CheckValue((Matrix<double>)null!, "w")).ParamName);
            Assert.Equal("p", Assert.Throws<ArgumentNullException>(() => ws.CheckValue((double[])null!, "p")).ParamName);
            Assert.Equal("h", Assert.Throws<ArgumentNullException>(() => ws.CheckValue((Vector<double>[])null!, "h")).ParamName);
            Assert.Equal("h", Assert.Throws<ArgumentNullException>(() => ws.CheckValue(new Vector<double>[] { null! }, "h")).ParamName);
            Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => ws.CheckGradient(_data.Vector(1), null!, "dx", "x")).ParamName);
        });
    }
}
