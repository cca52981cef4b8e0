using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Seeded random vectors and matrices, so every failure is reproducible.</summary>
internal sealed class TestData
{
    private readonly Random _random;

    public TestData(int seed = 12345)
    {
        _random = new Random(seed);
    }

    public double Scalar(double low = -1.0, double high = 1.0) => low + (high - low) * _random.NextDouble();

    public Vector<double> Vector(int length, double low = -1.0, double high = 1.0)
    {
        Vector<double> v = Vector<double>.Build.Dense(length);
        for (int i = 0; i < length; i++)
        {
            v[i] = Scalar(low, high);
        }

        return v;
    }

    /// <summary>Entries bounded away from zero (|x| ∈ [0.5, 2]), for divisors and kinks at 0.</summary>
    public Vector<double> AwayFromZero(int length)
    {
        Vector<double> v = Vector(length, 0.5, 2.0);
        for (int i = 0; i < length; i += 2)
        {
            v[i] = -v[i];
        }

        return v;
    }

    public Matrix<double> Matrix(int rows, int columns, double low = -1.0, double high = 1.0)
    {
        Matrix<double> m = Matrix<double>.Build.Dense(rows, columns);
        for (int j = 0; j < columns; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                m[i, j] = Scalar(low, high);
            }
        }

        return m;
    }
}
