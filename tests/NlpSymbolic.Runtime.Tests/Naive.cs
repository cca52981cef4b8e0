using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>
/// Straightforward index-loop reference implementations written independently of the library,
/// against which the vectorised kernels are compared.
/// </summary>
internal static class Naive
{
    public static Vector<double> Map(Vector<double> x, Func<double, double> f)
    {
        Vector<double> y = Vector<double>.Build.Dense(x.Count);
        for (int i = 0; i < x.Count; i++)
        {
            y[i] = f(x[i]);
        }

        return y;
    }

    public static double Sigmoid(double x) => x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));

    public static double LogSumExp(Vector<double> x)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < x.Count; i++)
        {
            max = Math.Max(max, x[i]);
        }

        double sum = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sum += Math.Exp(x[i] - max);
        }

        return max + Math.Log(sum);
    }

    public static Vector<double> Softmax(Vector<double> x)
    {
        double lse = LogSumExp(x);
        return Map(x, v => Math.Exp(v - lse));
    }

    public static Vector<double> LogSoftmax(Vector<double> x)
    {
        double lse = LogSumExp(x);
        return Map(x, v => v - lse);
    }

    public static Vector<double> Concat(params Vector<double>[] parts)
    {
        int total = 0;
        foreach (Vector<double> p in parts)
        {
            total += p.Count;
        }

        Vector<double> r = Vector<double>.Build.Dense(total);
        int k = 0;
        foreach (Vector<double> p in parts)
        {
            for (int i = 0; i < p.Count; i++)
            {
                r[k++] = p[i];
            }
        }

        return r;
    }

    public static double Dot(Vector<double> a, Vector<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Count; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    public static Matrix<double> Product(Matrix<double> a, Matrix<double> b)
    {
        Matrix<double> c = Matrix<double>.Build.Dense(a.RowCount, b.ColumnCount);
        for (int i = 0; i < a.RowCount; i++)
        {
            for (int j = 0; j < b.ColumnCount; j++)
            {
                double s = 0;
                for (int p = 0; p < a.ColumnCount; p++)
                {
                    s += a[i, p] * b[p, j];
                }

                c[i, j] = s;
            }
        }

        return c;
    }

    public static Matrix<double> Transpose(Matrix<double> m)
    {
        Matrix<double> t = Matrix<double>.Build.Dense(m.ColumnCount, m.RowCount);
        for (int i = 0; i < m.RowCount; i++)
        {
            for (int j = 0; j < m.ColumnCount; j++)
            {
                t[j, i] = m[i, j];
            }
        }

        return t;
    }

    public static Vector<double> Times(Matrix<double> m, Vector<double> v)
    {
        Vector<double> r = Vector<double>.Build.Dense(m.RowCount);
        for (int i = 0; i < m.RowCount; i++)
        {
            double s = 0;
            for (int j = 0; j < m.ColumnCount; j++)
            {
                s += m[i, j] * v[j];
            }

            r[i] = s;
        }

        return r;
    }
}
