using System;
using System.Numerics.Tensors;

namespace NlpSymbolic;

internal static partial class VectorMath
{
    /// <summary>log Σ exp(xᵢ), shifted by the maximum so no exponential overflows.</summary>
    internal static double LogSumExp(ReadOnlySpan<double> x)
    {
        double max = TensorPrimitives.Max(x);
        // Shifting by ±∞ would give ∞−∞ = NaN; the limit is the maximum itself.
        if (double.IsInfinity(max))
        {
            return max;
        }

        Span<double> scratch = stackalloc double[ChunkLength];
        double sum = 0.0;
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, x.Length - start);
            Span<double> t = scratch.Slice(0, length);
            TensorPrimitives.Subtract(x.Slice(start, length), max, t);
            TensorPrimitives.Exp(t, t);
            sum += TensorPrimitives.Sum<double>(t);
        }

        return max + Math.Log(sum);
    }

    /// <summary>softmax(x) = exp(x − max) / Σ exp(x − max). The destination must not alias x.</summary>
    internal static void Softmax(ReadOnlySpan<double> x, Span<double> destination)
    {
        double max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Exp(destination, destination);
        double sum = TensorPrimitives.Sum<double>(destination);
        TensorPrimitives.Divide(destination, sum, destination);
    }

    /// <summary>logsoftmax(x) = x − logsumexp(x). The destination must not alias x.</summary>
    internal static void LogSoftmax(ReadOnlySpan<double> x, Span<double> destination)
    {
        double max = TensorPrimitives.Max(x);
        if (double.IsInfinity(max))
        {
            TensorPrimitives.Subtract(x, max, destination);
            return;
        }

        // The destination doubles as the scratch for exp(x − max); x is re-read afterwards.
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Exp(destination, destination);
        double logSumExp = max + Math.Log(TensorPrimitives.Sum<double>(destination));
        TensorPrimitives.Subtract(x, logSumExp, destination);
    }
}
