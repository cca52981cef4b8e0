using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Parts of a vector: SubVector (an LSTM's stacked gates), and the maximum and minimum element (max-over-time
// pooling), whose adjoints send the gradient to one position.
public sealed partial class Workspace
{
    /// <summary>v[index .. index + count) as a new vector (<c>v.SubVector(index, count)</c>).</summary>
    public Vector<double> SubVector(Vector<double> v, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(v);
        CheckRange("SubVector", v.Count, index, count);
        Vector<double> result = RentResult(count, out double[] r);
        Data(v).AsSpan(index, count).CopyTo(r);
        return result;
    }

    /// <summary>dst[index .. index + src.Count) += src: the adjoint of SubVector.</summary>
    public void AccumulateSubVector(Vector<double> dst, int index, Vector<double> src)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(src);
        CheckRange("AccumulateSubVector", dst.Count, index, src.Count);
        double[] d = Target(dst);
        Span<double> part = d.AsSpan(index, src.Count);
        TensorPrimitives.Add(part, DataApartFrom(src, d), part);
        WriteBack(dst, d);
    }

    /// <summary>The largest element (<c>v.Maximum()</c>); the first one on ties.</summary>
    public double Maximum(Vector<double> v) => Data(v)[ArgMax(v, "Maximum")];

    /// <summary>The smallest element (<c>v.Minimum()</c>); the first one on ties.</summary>
    public double Minimum(Vector<double> v) => Data(v)[ArgMin(v, "Minimum")];

    /// <summary>dst[k] += s at the first position k of the maximum of <paramref name="v"/>: the subgradient of Maximum.</summary>
    public void AccumulateArgMax(Vector<double> dst, Vector<double> v, double s)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ShapeGuard.SameLength("AccumulateArgMax", dst, v, nameof(v), "the destination", "the vector");
        dst[ArgMax(v, "AccumulateArgMax")] += s;
    }

    /// <summary>dst[k] += s at the first position k of the minimum of <paramref name="v"/>: the subgradient of Minimum.</summary>
    public void AccumulateArgMin(Vector<double> dst, Vector<double> v, double s)
    {
        ArgumentNullException.ThrowIfNull(dst);
        ShapeGuard.SameLength("AccumulateArgMin", dst, v, nameof(v), "the destination", "the vector");
        dst[ArgMin(v, "AccumulateArgMin")] += s;
    }

    private int ArgMax(Vector<double> v, string operation)
    {
        ArgumentNullException.ThrowIfNull(v);
        ShapeGuard.NotEmpty(operation, v, nameof(v));
        double[] data = Data(v);
        int best = 0;
        for (int k = 1; k < data.Length; k++)
        {
            if (data[k] > data[best])
            {
                best = k;
            }
        }

        return best;
    }

    private int ArgMin(Vector<double> v, string operation)
    {
        ArgumentNullException.ThrowIfNull(v);
        ShapeGuard.NotEmpty(operation, v, nameof(v));
        double[] data = Data(v);
        int best = 0;
        for (int k = 1; k < data.Length; k++)
        {
            if (data[k] < data[best])
            {
                best = k;
            }
        }

        return best;
    }

    private static void CheckRange(string operation, int length, int index, int count)
    {
        if (index < 0 || count < 0 || index > length - count)
        {
            ShapeGuard.Throw($"{operation}: {count} elements from index {index} do not fit in a vector of length {length}.", nameof(index));
        }
    }
}
