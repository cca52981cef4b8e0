using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Fixed-arity overloads exist so generated code never builds a params array; the collection
// expressions below become stack-allocated inline arrays, not heap arrays.
public sealed partial class Workspace
{
    /// <summary>a and b laid end to end.</summary>
    public Vector<double> Concat(Vector<double> a, Vector<double> b) => ConcatCore([a, b]);

    /// <summary>The three vectors laid end to end.</summary>
    public Vector<double> Concat(Vector<double> a, Vector<double> b, Vector<double> c) => ConcatCore([a, b, c]);

    /// <summary>The four vectors laid end to end.</summary>
    public Vector<double> Concat(Vector<double> a, Vector<double> b, Vector<double> c, Vector<double> d) =>
        ConcatCore([a, b, c, d]);

    /// <summary>The five vectors laid end to end.</summary>
    public Vector<double> Concat(
        Vector<double> a, Vector<double> b, Vector<double> c, Vector<double> d, Vector<double> e) =>
        ConcatCore([a, b, c, d, e]);

    /// <summary>The six vectors laid end to end.</summary>
    public Vector<double> Concat(
        Vector<double> a, Vector<double> b, Vector<double> c, Vector<double> d, Vector<double> e,
        Vector<double> f) =>
        ConcatCore([a, b, c, d, e, f]);

    /// <summary>The seven vectors laid end to end.</summary>
    public Vector<double> Concat(
        Vector<double> a, Vector<double> b, Vector<double> c, Vector<double> d, Vector<double> e,
        Vector<double> f, Vector<double> g) =>
        ConcatCore([a, b, c, d, e, f, g]);

    /// <summary>The eight vectors laid end to end.</summary>
    public Vector<double> Concat(
        Vector<double> a, Vector<double> b, Vector<double> c, Vector<double> d, Vector<double> e,
        Vector<double> f, Vector<double> g, Vector<double> h) =>
        ConcatCore([a, b, c, d, e, f, g, h]);

    /// <summary>Any number of parts laid end to end (generated code for more than eight; no heap array).</summary>
    public Vector<double> Concat(params ReadOnlySpan<Vector<double>> parts) => ConcatCore(parts);

    /// <summary>The parts laid end to end.</summary>
    public Vector<double> Concat(Vector<double>[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return ConcatCore(parts);
    }

    private Vector<double> ConcatCore(ReadOnlySpan<Vector<double>> parts)
    {
        int total = 0;
        for (int p = 0; p < parts.Length; p++)
        {
            if (parts[p] is null)
            {
                throw new ArgumentNullException(nameof(parts), $"Concat: part {p} is null.");
            }

            total += parts[p].Count;
        }

        Vector<double> result = RentResult(total, out double[] r);
        int offset = 0;
        for (int p = 0; p < parts.Length; p++)
        {
            double[] part = Data(parts[p]);
            part.AsSpan().CopyTo(r.AsSpan(offset));
            offset += part.Length;
        }

        return result;
    }
}
