using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NlpSymbolic;

// Adjoint span kernels. Each one adds into dx and, chunk by chunk, reads every input element before
// writing the same dx element, so dx may be the very same span as one of its inputs.
internal static partial class VectorMath
{
    /// <summary>dx += dy ∘ y ∘ (1 − y), the adjoint of y = σ(x).</summary>
    internal static void AccumulateSigmoidGradient<T>(Span<T> dx, ReadOnlySpan<T> dy, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> scratch = stackalloc T[ChunkLength];
        for (int start = 0; start < dx.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, dx.Length - start);
            Span<T> t = scratch.Slice(0, length);
            Span<T> d = dx.Slice(start, length);
            ReadOnlySpan<T> yc = y.Slice(start, length);
            TensorPrimitives.Subtract(T.One, yc, t);
            TensorPrimitives.Multiply(yc, t, t);
            TensorPrimitives.MultiplyAdd(dy.Slice(start, length), t, d, d);
        }
    }

    /// <summary>dx += dy ∘ (1 − y²), the adjoint of y = tanh(x).</summary>
    internal static void AccumulateTanhGradient<T>(Span<T> dx, ReadOnlySpan<T> dy, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> scratch = stackalloc T[ChunkLength];
        for (int start = 0; start < dx.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, dx.Length - start);
            Span<T> t = scratch.Slice(0, length);
            Span<T> d = dx.Slice(start, length);
            ReadOnlySpan<T> yc = y.Slice(start, length);
            TensorPrimitives.Multiply(yc, yc, t);
            TensorPrimitives.Subtract(T.One, t, t);
            TensorPrimitives.MultiplyAdd(dy.Slice(start, length), t, d, d);
        }
    }

    /// <summary>dx += dy ∘ [x &gt; 0], the adjoint of y = max(0, x).</summary>
    internal static void AccumulateReluGradient<T>(Span<T> dx, ReadOnlySpan<T> dy, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < dx.Length; i++)
        {
            if (x[i] > T.Zero)
            {
                dx[i] += dy[i];
            }
        }
    }

    /// <summary>dx += dy ∘ (x &gt; 0 ? 1 : slope), the adjoint of y = leakyrelu(x, slope) w.r.t. x.</summary>
    internal static void AccumulateLeakyReluGradient<T>(
        Span<T> dx, ReadOnlySpan<T> dy, ReadOnlySpan<T> x, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] += x[i] > T.Zero ? dy[i] : slope * dy[i];
        }
    }

    /// <summary>Σ dyᵢ · min(xᵢ, 0), the adjoint of y = leakyrelu(x, slope) w.r.t. slope.</summary>
    internal static T LeakyReluSlopeGradient<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < dy.Length; i++)
        {
            // Written as !(x > 0) rather than x ≤ 0 so a NaN input propagates like Math.Min would.
            if (!(x[i] > T.Zero))
            {
                sum += dy[i] * x[i];
            }
        }

        return sum;
    }

    /// <summary>dx += dy ∘ [−1 &lt; x &lt; 1], the adjoint of y = clamp(x, −1, 1).</summary>
    internal static void AccumulateHardTanhGradient<T>(Span<T> dx, ReadOnlySpan<T> dy, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < dx.Length; i++)
        {
            T xi = x[i];
            if (xi > T.NegativeOne && xi < T.One)
            {
                dx[i] += dy[i];
            }
        }
    }

    /// <summary>dx += y ∘ (dy − ⟨dy, y⟩), the adjoint of y = softmax(x).</summary>
    internal static void AccumulateSoftmaxGradient<T>(Span<T> dx, ReadOnlySpan<T> dy, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T inner = TensorPrimitives.Dot(dy, y);
        Span<T> scratch = stackalloc T[ChunkLength];
        for (int start = 0; start < dx.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, dx.Length - start);
            Span<T> t = scratch.Slice(0, length);
            Span<T> d = dx.Slice(start, length);
            TensorPrimitives.Subtract(dy.Slice(start, length), inner, t);
            TensorPrimitives.MultiplyAdd(y.Slice(start, length), t, d, d);
        }
    }

    /// <summary>dx += dy − exp(y) · Σ dy, the adjoint of y = logsoftmax(x).</summary>
    internal static void AccumulateLogSoftmaxGradient<T>(Span<T> dx, ReadOnlySpan<T> dy, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T total = TensorPrimitives.Sum(dy);
        Span<T> scratch = stackalloc T[ChunkLength];
        for (int start = 0; start < dx.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, dx.Length - start);
            Span<T> t = scratch.Slice(0, length);
            Span<T> d = dx.Slice(start, length);
            TensorPrimitives.Exp(y.Slice(start, length), t);
            TensorPrimitives.Multiply(t, total, t);
            TensorPrimitives.Subtract(dy.Slice(start, length), t, t);
            TensorPrimitives.Add(d, t, d);
        }
    }

    /// <summary>dx += ds · exp(x − s), the adjoint of s = logsumexp(x).</summary>
    internal static void AccumulateLogSumExpGradient<T>(Span<T> dx, T ds, ReadOnlySpan<T> x, T s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> scratch = stackalloc T[ChunkLength];
        for (int start = 0; start < dx.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, dx.Length - start);
            Span<T> t = scratch.Slice(0, length);
            Span<T> d = dx.Slice(start, length);
            TensorPrimitives.Subtract(x.Slice(start, length), s, t);
            TensorPrimitives.Exp(t, t);
            TensorPrimitives.MultiplyAdd(t, ds, d, d);
        }
    }

    // Up to this many logits (16 KB of stack) the cross-entropy gradient keeps all the exps at once.
    private const int OneExpPassLimit = 2048;

    /// <summary>dx += ds · (softmax(logits) − e_label), the adjoint of logsumexp(logits) − logits[label].</summary>
    internal static void AccumulateCrossEntropyGradient<T>(Span<T> dx, T ds, ReadOnlySpan<T> logits, int label)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(logits);
        if (T.IsInfinity(max))
        {
            AccumulateLogSumExpGradient(dx, ds, logits, max);
        }
        else if (logits.Length <= OneExpPassLimit)
        {
            // One exp per entry, not two (the backward of an RNN LM over 500 words spends a third of a step here): softmax(x) = exp(x − max) / Σ exp(x − max). Neither step cancels
            // (every exp is in (0, 1], the sum in [1, n]), so large logits lose no digits either.
            Span<T> t = stackalloc T[logits.Length];
            TensorPrimitives.Subtract(logits, max, t);
            TensorPrimitives.Exp(t, t);
            TensorPrimitives.MultiplyAdd(t, ds / TensorPrimitives.Sum<T>(t), dx, dx);
        }
        else
        {
            // softmax(x) = exp((x − max) − log Σ exp(x − max)), grouped like LogSoftmax so large logits
            // do not lose digits in x − logsumexp(x).
            T logSum = LogSumShiftedExp(logits, max);
            Span<T> scratch = stackalloc T[ChunkLength];
            for (int start = 0; start < dx.Length; start += ChunkLength)
            {
                int length = Math.Min(ChunkLength, dx.Length - start);
                Span<T> t = scratch.Slice(0, length);
                Span<T> d = dx.Slice(start, length);
                TensorPrimitives.Subtract(logits.Slice(start, length), max, t);
                TensorPrimitives.Subtract(t, logSum, t);
                TensorPrimitives.Exp(t, t);
                TensorPrimitives.MultiplyAdd(t, ds, d, d);
            }
        }

        dx[label] -= ds;
    }

    /// <summary>dx += a / b (elementwise).</summary>
    internal static void AccumulatePointwiseDivide<T>(Span<T> dx, ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> scratch = stackalloc T[ChunkLength];
        for (int start = 0; start < dx.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, dx.Length - start);
            Span<T> t = scratch.Slice(0, length);
            Span<T> d = dx.Slice(start, length);
            TensorPrimitives.Divide(a.Slice(start, length), b.Slice(start, length), t);
            TensorPrimitives.Add(d, t, d);
        }
    }

    /// <summary>db −= dy ∘ y / b, the adjoint of y = a / b w.r.t. b (∂y/∂b = −a/b² = −y/b).</summary>
    internal static void AccumulateDivisorGradient<T>(
        Span<T> db, ReadOnlySpan<T> dy, ReadOnlySpan<T> y, ReadOnlySpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> scratch = stackalloc T[ChunkLength];
        for (int start = 0; start < db.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, db.Length - start);
            Span<T> t = scratch.Slice(0, length);
            Span<T> d = db.Slice(start, length);
            TensorPrimitives.Multiply(dy.Slice(start, length), y.Slice(start, length), t);
            TensorPrimitives.Divide(t, b.Slice(start, length), t);
            TensorPrimitives.Subtract(d, t, d);
        }
    }
}
