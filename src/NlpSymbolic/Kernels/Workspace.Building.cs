using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Values a [Differentiable] method builds itself: zeros and constants of a given size, one-hot vectors and
// arrays written element by element. Each is rented from this frame like any other intermediate, so a
// warmed-up call allocates nothing.
public sealed partial class Workspace
{
    /// <summary>A zero vector of length <paramref name="length"/> (<c>Vector&lt;double&gt;.Build.Dense(n)</c>).</summary>
    public Vector<double> Zeros(int length)
    {
        CheckSize("Vector<double>.Build.Dense", length, nameof(length));
        Vector<double> result = RentResult(length, out double[] r);
        Array.Clear(r);
        return result;
    }

    /// <summary>A zero rows×columns matrix (<c>Matrix&lt;double&gt;.Build.Dense(r, c)</c>).</summary>
    public Matrix<double> Zeros(int rows, int columns)
    {
        CheckSize("Matrix<double>.Build.Dense", rows, nameof(rows));
        CheckSize("Matrix<double>.Build.Dense", columns, nameof(columns));
        Matrix<double> result = RentResult(rows, columns, out double[] r);
        Array.Clear(r);
        return result;
    }

    /// <summary>A vector of length <paramref name="length"/> holding <paramref name="value"/> everywhere (<c>Vector&lt;double&gt;.Build.Dense(n, value)</c>).</summary>
    public Vector<double> Fill(int length, double value)
    {
        CheckSize("Vector<double>.Build.Dense", length, nameof(length));
        Vector<double> result = RentResult(length, out double[] r);
        r.AsSpan().Fill(value);
        return result;
    }

    /// <summary>A rows×columns matrix holding <paramref name="value"/> everywhere (<c>Matrix&lt;double&gt;.Build.Dense(r, c, value)</c>).</summary>
    public Matrix<double> Fill(int rows, int columns, double value)
    {
        CheckSize("Matrix<double>.Build.Dense", rows, nameof(rows));
        CheckSize("Matrix<double>.Build.Dense", columns, nameof(columns));
        Matrix<double> result = RentResult(rows, columns, out double[] r);
        r.AsSpan().Fill(value);
        return result;
    }

    /// <summary>The one-hot vector e_index of length <paramref name="length"/> (<see cref="Functions.OneHot"/>).</summary>
    public Vector<double> OneHot(int length, int index)
    {
        CheckSize("OneHot", length, nameof(length));
        ShapeGuard.Index("OneHot", index, length, nameof(index));
        Vector<double> result = RentResult(length, out double[] r);
        Array.Clear(r);
        r[index] = 1;
        return result;
    }

    /// <summary>
    /// <c>new Vector&lt;double&gt;[length]</c>: an array of nulls owned by this frame, written element by element
    /// by the generated code.
    /// </summary>
    public Vector<double>[] NewVectorArray(int length)
    {
        CheckSize("new Vector<double>[]", length, nameof(length));
        Vector<double>[] result = RentVectorArray(length);
        Array.Clear(result);
        return result;
    }

    /// <summary><c>new double[length]</c>: a zeroed array owned by this frame.</summary>
    public double[] NewScalarArray(int length)
    {
        CheckSize("new double[]", length, nameof(length));
        double[] result = RentVector(length).AsArray();
        Array.Clear(result);
        return result;
    }

    /// <summary>
    /// The exception generated code throws when an element of an array built in the method (<c>new
    /// Vector&lt;double&gt;[n]</c>, whose elements start as null) is read before anything was written to it.
    /// </summary>
    public static InvalidOperationException ReadBeforeWrite(string array, int index) =>
        new($"'{array}[{index}]' was read before it was written: the elements of an array built with new Vector<double>[n] are null until assigned. Write every element you read (for example in a loop before the one that reads).");

    private Vector<double>[] RentVectorArray(int length)
    {
        long shape = ShapeKey(VectorArrayKind, length, 0);
        return TakeBuffer(shape) as Vector<double>[] ?? Own(new Vector<double>[length], shape);
    }

    private static void CheckSize(string operation, int size, string paramName)
    {
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, size, $"{operation}: a size cannot be negative ({paramName} = {size}).");
        }
    }
}
