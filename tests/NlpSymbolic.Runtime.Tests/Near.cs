using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Sdk;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Tolerance assertions: |expected − actual| ≤ tol · max(1, |expected|) per element.</summary>
internal static class Near
{
    public const double Tight = 1e-12;

    public static void Equal(double expected, double actual, double tolerance = Tight, string? what = null)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            Assert.True(double.IsNaN(expected) && double.IsNaN(actual), $"{what}: expected {expected}, got {actual}");
            return;
        }

        double error = Math.Abs(expected - actual);
        double bound = tolerance * Math.Max(1.0, Math.Abs(expected));
        if (!(error <= bound))
        {
            throw new XunitException($"{what ?? "value"}: expected {expected:R}, got {actual:R} (error {error:E3} > {bound:E3}).");
        }
    }

    public static void Equal(Vector<double> expected, Vector<double> actual, double tolerance = Tight)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Equal(expected[i], actual[i], tolerance, $"element {i}");
        }
    }

    public static void Equal(Matrix<double> expected, Matrix<double> actual, double tolerance = Tight)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        for (int i = 0; i < expected.RowCount; i++)
        {
            for (int j = 0; j < expected.ColumnCount; j++)
            {
                Equal(expected[i, j], actual[i, j], tolerance, $"element ({i}, {j})");
            }
        }
    }

    /// <summary>Bitwise equality: used to prove inputs were left untouched.</summary>
    public static void Same(Vector<double> expected, Vector<double> actual) =>
        Assert.Equal(expected.ToArray(), actual.ToArray());

    public static void Same(Matrix<double> expected, Matrix<double> actual) =>
        Assert.Equal(expected.ToColumnMajorArray(), actual.ToColumnMajorArray());
}
