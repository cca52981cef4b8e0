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
        return double.IsInfinity(max) ? max : max + LogSumShiftedExp(x, max);
    }

    /// <summary>logsumexp(logits) − logits[label].</summary>
    internal static double CrossEntropy(ReadOnlySpan<double> logits, int label)
    {
        double max = TensorPrimitives.Max(logits);
        if (double.IsInfinity(max))
        {
            return max - logits[label];
        }

        // (max − x_label) + log Σ exp(x − max) rather than logsumexp − x_label: for large logits the
        // latter subtracts two nearly equal large numbers and loses digits.
        return (max - logits[label]) + LogSumShiftedExp(logits, max);
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

    /// <summary>logsoftmax(x) = (x − max) − log Σ exp(x − max). The destination must not alias x.</summary>
    internal static void LogSoftmax(ReadOnlySpan<double> x, Span<double> destination)
    {
        double max = TensorPrimitives.Max(x);
        if (double.IsInfinity(max))
        {
            TensorPrimitives.Subtract(x, max, destination);
            return;
        }

        // Subtracting max first and log-sum second keeps logsoftmax([1000, 1000]) = −log 2 to full
        // precision; x − (max + log-sum) would cancel away ~13 digits' worth of 1000.
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Exp(destination, destination);
        double logSum = Math.Log(TensorPrimitives.Sum<double>(destination));
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Subtract(destination, logSum, destination);
    }

    /// <summary>log Σ exp(xᵢ − shift), for a finite shift ≥ every xᵢ.</summary>
    internal static double LogSumShiftedExp(ReadOnlySpan<double> x, double shift)
    {
        Span<double> scratch = stackalloc double[ChunkLength];
        double sum = 0.0;
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, x.Length - start);
            Span<double> t = scratch.Slice(0, length);
            TensorPrimitives.Subtract(x.Slice(start, length), shift, t);
            TensorPrimitives.Exp(t, t);
            sum += TensorPrimitives.Sum<double>(t);
        }

        return Math.Log(sum);
    }
}
