using MathNet.Numerics.LinearAlgebra;
using static NlpSymbolic.Tests.Models.Quantizer;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// Methods calling <see cref="Quantizer.Round(double)"/>, whose declared derivative (the straight-through
/// estimator, dx += dy) differs from its true one (0 almost everywhere): their gradients show which rule the
/// generated code used. Not finite-difference checked, on purpose.
/// </summary>
public static partial class StraightThroughModels
{
    [Differentiable]
    public static double QuantizedProduct(double a, double b) => Round(3 * a) * b;

    [Differentiable]
    public static double QuantizedScore(Vector<double> w, Vector<double> x) => Round(w) * x;
}

/// <summary>A model class whose method calls a function with a custom derivative: the same gradient as the static form.</summary>
public sealed partial class SoftPlusScorer
{
    public Matrix<double> W;
    public Vector<double> b;
    public Vector<double> u;

    public SoftPlusScorer(Matrix<double> w, Vector<double> b, Vector<double> u)
    {
        W = w;
        this.b = b;
        this.u = u;
    }

    [Differentiable]
    public double Score(Vector<double> x) => CustomDerivativeModels.SoftPlusLayer(W, x, b, u) + u * OpaqueFunctions.SoftPlus(b);
}
