using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit.Sdk;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Central finite differences, (f(x + h) − f(x − h)) / 2h with h = 1e-5.</summary>
internal static class FiniteDifference
{
    public const double Step = 1e-5;
    public const double Tolerance = 1e-6;

    public static double Derivative(Func<double, double> f, double x) => (f(x + Step) - f(x - Step)) / (2 * Step);

    public static Vector<double> Gradient(Func<Vector<double>, double> f, Vector<double> x)
    {
        Vector<double> g = Vector<double>.Build.Dense(x.Count);
        for (int i = 0; i < x.Count; i++)
        {
            double saved = x[i];
            x[i] = saved + Step;
            double plus = f(x);
            x[i] = saved - Step;
            double minus = f(x);
            x[i] = saved;
            g[i] = (plus - minus) / (2 * Step);
        }

        return g;
    }

    public static Matrix<double> Gradient(Func<Matrix<double>, double> f, Matrix<double> x)
    {
        Matrix<double> g = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount);
        for (int i = 0; i < x.RowCount; i++)
        {
            for (int j = 0; j < x.ColumnCount; j++)
            {
                double saved = x[i, j];
                x[i, j] = saved + Step;
                double plus = f(x);
                x[i, j] = saved - Step;
                double minus = f(x);
                x[i, j] = saved;
                g[i, j] = (plus - minus) / (2 * Step);
            }
        }

        return g;
    }

    /// <summary>Relative agreement, with a floor of 1e-3 on the scale so near-zero entries are not judged on noise.</summary>
    public static void AssertClose(double numeric, double analytic, string what)
    {
        double bound = Tolerance * Math.Max(Math.Abs(analytic), 1e-3);
        if (!(Math.Abs(numeric - analytic) <= bound))
        {
            throw new XunitException($"{what}: finite difference {numeric:R} vs analytic {analytic:R} (bound {bound:E2}).");
        }
    }

    public static void AssertClose(Vector<double> numeric, Vector<double> analytic)
    {
        for (int i = 0; i < numeric.Count; i++)
        {
            AssertClose(numeric[i], analytic[i], $"element {i}");
        }
    }

    public static void AssertClose(Matrix<double> numeric, Matrix<double> analytic)
    {
        for (int i = 0; i < numeric.RowCount; i++)
        {
            for (int j = 0; j < numeric.ColumnCount; j++)
            {
                AssertClose(numeric[i, j], analytic[i, j], $"element ({i}, {j})");
            }
        }
    }
}
