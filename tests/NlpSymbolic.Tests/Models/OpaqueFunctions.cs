using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// Functions the generator cannot see into (a loop over a built vector, a library call), each with its true
/// derivative declared beside it with <c>[DerivativeOf]</c>: the finite-difference checks then apply.
/// Deliberately not partial and not [Differentiable].
/// </summary>
public static class OpaqueFunctions
{
    /// <summary>log cosh x, computed stably; its derivative is tanh x.</summary>
    public static double LogCosh(double x)
    {
        var a = Math.Abs(x);
        return a + Math.Log(1 + Math.Exp(-2 * a)) - Math.Log(2);
    }

    [DerivativeOf(nameof(LogCosh))]
    public static void LogCoshPullback(double x, double dy, ref double dx) => dx += dy * Math.Tanh(x);

    /// <summary>softplus(v) = log(1 + exp v), element by element, into a new vector.</summary>
    public static Vector<double> SoftPlus(Vector<double> v) =>
        Vector<double>.Build.Dense(v.Count, i => Math.Max(v[i], 0) + Math.Log(1 + Math.Exp(-Math.Abs(v[i]))));

    /// <summary>d softplus(v) = σ(v) ∘ dy, added into dv.</summary>
    [DerivativeOf(nameof(SoftPlus))]
    public static void SoftPlusPullback(Vector<double> v, Vector<double> dy, Vector<double> dv)
    {
        for (var i = 0; i < v.Count; i++)
        {
            dv[i] += dy[i] / (1 + Math.Exp(-v[i]));
        }
    }

    /// <summary><c>times · xᵀ A x</c>: a matrix, a vector and an int (which gets no gradient).</summary>
    public static double ScaledQuadratic(Matrix<double> A, Vector<double> x, int times)
    {
        var sum = 0.0;
        for (var i = 0; i < A.RowCount; i++)
        {
            for (var j = 0; j < A.ColumnCount; j++)
            {
                sum += x[i] * A[i, j] * x[j];
            }
        }

        return times * sum;
    }

    /// <summary>dA += dy·times·x xᵀ; dx += dy·times·(A + Aᵀ) x.</summary>
    [DerivativeOf(nameof(ScaledQuadratic))]
    public static void ScaledQuadraticPullback(Matrix<double> A, Vector<double> x, int times, double dy, Matrix<double> dA, Vector<double> dx)
    {
        var s = dy * times;
        for (var i = 0; i < A.RowCount; i++)
        {
            for (var j = 0; j < A.ColumnCount; j++)
            {
                dA[i, j] += s * x[i] * x[j];
                dx[i] += s * A[i, j] * x[j];
                dx[j] += s * A[i, j] * x[i];
            }
        }
    }
}

/// <summary>
/// The derivative of a library function (MathNet's <c>SpecialFunctions.Erf</c>, in another assembly), declared
/// in a type of this project: d erf(x) = 2/√π · exp(−x²).
/// </summary>
public static class LibraryDerivatives
{
    [DerivativeOf(typeof(MathNet.Numerics.SpecialFunctions), nameof(MathNet.Numerics.SpecialFunctions.Erf))]
    internal static void ErfPullback(double x, double dy, ref double dx) => dx += dy * 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x);
}

/// <summary>
/// A straight-through estimator: forward rounds, backward passes dy through as if the function were the identity.
/// Its declared derivative is deliberately not the true one (which is 0 almost everywhere).
/// </summary>
public static class Quantizer
{
    public static double Round(double x) => Math.Round(x);

    public static Vector<double> Round(Vector<double> v) => v.Map(Math.Round);

    [DerivativeOf(nameof(Round))]
    public static void RoundPullback(double x, double dy, ref double dx) => dx += dy;

    [DerivativeOf(nameof(Round))]
    public static void RoundPullback(Vector<double> v, Vector<double> dy, Vector<double> dv) => dv.Add(dy, dv);
}
