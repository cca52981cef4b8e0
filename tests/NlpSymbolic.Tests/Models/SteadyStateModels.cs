using MathNet.Numerics.LinearAlgebra;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>Models used to show that a warmed-up backward call allocates nothing.</summary>
public static partial class SteadyStateModels
{
    [Differentiable]
    public static double WindowHinge(Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, Vector<double> xc)
    {
        var s = u * Tanh(W * x + b);
        var sc = u * Tanh(W * xc + b);
        return System.Math.Max(0, 1 - s + sc);
    }

    [Differentiable]
    public static double SoftmaxLayer(Matrix<double> W, Vector<double> b, Matrix<double> U, Vector<double> x, int label)
    {
        var h = Sigmoid(W * x + b);
        return CrossEntropy(U * h, label) + 0.5 * (h * h);
    }
}
