using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NlpSymbolic;

// Log-sum-exp and the normalisers. The one place a float kernel leaves float: the sum of exponentials in
// LogSumShiftedExp is added up chunk by chunk in double (each chunk's sum is a float TensorPrimitives.Sum of at
// most ChunkLength terms in (0, 1]); that keeps log-sum-exp, cross-entropy and the large-vector log-softmax as exact as
// the float result can be for any vocabulary size. For double the widening is the identity.
internal static partial class VectorMath
{
    /// <summary>log Σ exp(xᵢ), shifted by the maximum so no exponential overflows.</summary>
    internal static T LogSumExp<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        // Shifting by ±∞ would give ∞−∞ = NaN; the limit is the maximum itself.
        return T.IsInfinity(max) ? max : max + LogSumShiftedExp(x, max);
    }

    /// <summary>logsumexp(logits) − logits[label].</summary>
    internal static T CrossEntropy<T>(ReadOnlySpan<T> logits, int label)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(logits);
        if (T.IsInfinity(max))
        {
            return max - logits[label];
        }

        // (max − x_label) + log Σ exp(x − max) rather than logsumexp − x_label: for large logits the
        // latter subtracts two nearly equal large numbers and loses digits.
        return (max - logits[label]) + LogSumShiftedExp(logits, max);
    }

    /// <summary>softmax(x) = exp(x − max) / Σ exp(x − max). The destination must not alias x.</summary>
    internal static void Softmax<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Exp(destination, destination);
        T sum = TensorPrimitives.Sum<T>(destination);
        TensorPrimitives.Divide(destination, sum, destination);
    }

    /// <summary>logsoftmax(x) = (x − max) − log Σ exp(x − max). The destination must not alias x.</summary>
    internal static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        if (T.IsInfinity(max))
        {
            TensorPrimitives.Subtract(x, max, destination);
            return;
        }

        // Subtracting max first and log-sum second keeps logsoftmax([1000, 1000]) = −log 2 to full
        // precision; x − (max + log-sum) would cancel away ~13 digits' worth of 1000.
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Exp(destination, destination);
        T logSum = T.Log(TensorPrimitives.Sum<T>(destination));
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Subtract(destination, logSum, destination);
    }

    /// <summary>log Σ exp(xᵢ − shift), for a finite shift ≥ every xᵢ; the chunk sums are added in double.</summary>
    internal static T LogSumShiftedExp<T>(ReadOnlySpan<T> x, T shift)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> scratch = stackalloc T[ChunkLength];
        double sum = 0.0;
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, x.Length - start);
            Span<T> t = scratch.Slice(0, length);
            TensorPrimitives.Subtract(x.Slice(start, length), shift, t);
            TensorPrimitives.Exp(t, t);
            sum += double.CreateTruncating(TensorPrimitives.Sum<T>(t));
        }

        return T.CreateTruncating(Math.Log(sum));
    }
}
