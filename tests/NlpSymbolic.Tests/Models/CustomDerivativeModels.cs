using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static MathNet.Numerics.SpecialFunctions;
using static NlpSymbolic.Functions;
using static NlpSymbolic.Tests.Models.OpaqueFunctions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// [Differentiable] methods calling functions with hand-written derivatives (<see cref="OpaqueFunctions"/>,
/// MathNet's Erf) in straight code, loops, branches and through another [Differentiable] method; every declared
/// derivative is the true one, so central differences check the generated code and the pullbacks together.
/// </summary>
public static partial class CustomDerivativeModels
{
    [Differentiable]
    public static double ErfOfAffine(double w, double b, [Range(-1.5, 1.5)] double x) => Erf(w * x + b) * w;

    [Differentiable]
    public static double LogCoshDistance(Vector<double> u, Vector<double> v)
    {
        var sum = 0.0;
        for (var i = 0; i < u.Count; i++)
        {
            var d = u[i] - v[i];
            if (d > 0.2)
            {
                sum += LogCosh(2 * d);
            }
            else
            {
                sum += LogCosh(d) * u[i];
            }
        }

        return sum;
    }

    [Differentiable]
    public static double SoftPlusLayer(
        [Shape(3, 4)] Matrix<double> W, [Shape(4)] Vector<double> x, [Shape(3)] Vector<double> b, [Shape(3)] Vector<double> u)
    {
        var h = SoftPlus(W * x + b);
        return u * Tanh(h);
    }

    [Differentiable]
    public static double Quadratic([Shape(3, 3)] Matrix<double> A, [Shape(3)] Vector<double> x, [Value(3)] int times) =>
        ScaledQuadratic(A, x, times) + ScaledQuadratic(A.Transpose(), SoftPlus(x), 1);

    /// <summary>Calls a [Differentiable] method that calls custom derivatives, inside a loop.</summary>
    [Differentiable]
    public static double StackedLayers(
        [Shape(3, 4)] Matrix<double> W, [Shape(4)] Vector<double> x, [Shape(3)] Vector<double> b, [Shape(3)] Vector<double> u, [Value(2)] int layers)
    {
        var total = 0.0;
        for (var k = 0; k < layers; k++)
        {
            total += SoftPlusLayer(W, x, b, u) * Erf(total);
        }

        return total;
    }

    /// <summary>The function's value is a differentiable input's only use besides conditions: it still gets the custom gradient.</summary>
    [Differentiable]
    public static double LogCoshOrSquare(double a) => a > 0 ? LogCosh(a) : a * a;
}
