using System;
using System.Linq;
using System.Reflection;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Tests.GradientChecking;

/// <summary>Random inputs, copies and element access for every value type the contract allows.</summary>
public static class Inputs
{
    public static object Random(ParameterInfo parameter, Random random)
    {
        var shape = parameter.GetCustomAttribute<ShapeAttribute>();
        var range = parameter.GetCustomAttribute<RangeAttribute>();
        var fixedValue = parameter.GetCustomAttribute<ValueAttribute>();
        double Next() => range is null ? 2 * random.NextDouble() - 1 : range.Low + (range.High - range.Low) * random.NextDouble();
        var type = parameter.ParameterType;

        if (type == typeof(double))
        {
            return Next();
        }

        if (type == typeof(int))
        {
            return fixedValue?.Values[0] ?? 1;
        }

        if (type == typeof(bool))
        {
            return (fixedValue?.Values[0] ?? 1) != 0;
        }

        if (type == typeof(int[]))
        {
            return fixedValue?.Values.ToArray() ?? new[] { 0, 1, 2 };
        }

        if (type == typeof(Vector<double>))
        {
            return Vector<double>.Build.Dense(shape?.First ?? 4, _ => Next());
        }

        if (type == typeof(Matrix<double>))
        {
            return Matrix<double>.Build.Dense(shape?.First ?? 3, shape?.Second ?? 4, (_, _) => Next());
        }

        if (type == typeof(double[]))
        {
            return Enumerable.Range(0, shape?.First ?? 4).Select(_ => Next()).ToArray();
        }

        if (type == typeof(Vector<double>[]))
        {
            return Enumerable.Range(0, shape?.First ?? 3)
                .Select(_ => Vector<double>.Build.Dense(shape?.Second ?? 4, _ => Next())).ToArray();
        }

        throw new NotSupportedException($"No random input for {type}.");
    }

    /// <summary>A gradient buffer of the same shape filled with zeros (or with <paramref name="fill"/>).</summary>
    public static object ZerosLike(object value, double fill = 0) => value switch
    {
        double => fill,
        Vector<double> v => Vector<double>.Build.Dense(v.Count, fill),
        Matrix<double> m => Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, fill),
        double[] a => Enumerable.Repeat(fill, a.Length).ToArray(),
        Vector<double>[] vs => vs.Select(v => (Vector<double>)ZerosLike(v, fill)).ToArray(),
        _ => throw new NotSupportedException(value.GetType().ToString()),
    };

    public static object DeepCopy(object value) => value switch
    {
        Vector<double> v => v.Clone(),
        Matrix<double> m => m.Clone(),
        double[] a => a.ToArray(),
        int[] a => a.ToArray(),
        Vector<double>[] vs => vs.Select(v => v.Clone()).ToArray(),
        _ => value,
    };

    /// <summary>The number of scalar entries a gradient check perturbs.</summary>
    public static int Count(object value) => value switch
    {
        double => 1,
        Vector<double> v => v.Count,
        Matrix<double> m => m.RowCount * m.ColumnCount,
        double[] a => a.Length,
        Vector<double>[] vs => vs.Sum(v => v.Count),
        _ => 0,
    };

    public static double Get(object value, int index) => value switch
    {
        double d => d,
        Vector<double> v => v[index],
        Matrix<double> m => m[index % m.RowCount, index / m.RowCount],
        double[] a => a[index],
        Vector<double>[] vs => Locate(vs, index, out var k, out var i) ? vs[k][i] : 0,
        _ => throw new NotSupportedException(),
    };

    /// <summary>Sets one entry; returns the (possibly new, for double) value.</summary>
    public static object Set(object value, int index, double x)
    {
        switch (value)
        {
            case double:
                return x;
            case Vector<double> v:
                v[index] = x;
                return v;
            case Matrix<double> m:
                m[index % m.RowCount, index / m.RowCount] = x;
                return m;
            case double[] a:
                a[index] = x;
                return a;
            case Vector<double>[] vs:
                Locate(vs, index, out var k, out var i);
                vs[k][i] = x;
                return vs;
            default:
                throw new NotSupportedException();
        }
    }

    /// <summary>⟨a, b⟩ over all entries: how a non-scalar result is weighted by dResult.</summary>
    public static double Inner(object a, object b)
    {
        var sum = 0.0;
        for (var i = 0; i < Count(a); i++)
        {
            sum += Get(a, i) * Get(b, i);
        }

        return sum;
    }

    public static bool SameValues(object a, object b)
    {
        if (a is int[] ia && b is int[] ib)
        {
            return ia.SequenceEqual(ib);
        }

        if (a is int or bool)
        {
            return a.Equals(b);
        }

        if (Count(a) != Count(b))
        {
            return false;
        }

        for (var i = 0; i < Count(a); i++)
        {
            if (BitConverter.DoubleToInt64Bits(Get(a, i)) != BitConverter.DoubleToInt64Bits(Get(b, i)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Locate(Vector<double>[] vs, int index, out int k, out int i)
    {
        for (k = 0; k < vs.Length; k++)
        {
            if (index < vs[k].Count)
            {
                i = index;
                return true;
            }

            index -= vs[k].Count;
        }

        i = -1;
        return false;
    }
}
