using System;

namespace NlpSymbolic.Tests.GradientChecking;

/// <summary>
/// Test-only: the shape of a random input. Vector: (length); Matrix: (rows, columns); double[]: (length);
/// Vector[]: (count, length). The generator ignores attributes it does not know, which this also tests.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ShapeAttribute(int first, int second = 0) : Attribute
{
    public int First { get; } = first;

    public int Second { get; } = second;
}

/// <summary>Test-only: random values are drawn uniformly from [Low, High] (default [−1, 1]).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RangeAttribute(double low, double high) : Attribute
{
    public double Low { get; } = low;

    public double High { get; } = high;
}

/// <summary>Test-only: the value of an int or bool input (ints may also be given as an int[] via Values).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ValueAttribute(params int[] values) : Attribute
{
    public int[] Values { get; } = values;
}
