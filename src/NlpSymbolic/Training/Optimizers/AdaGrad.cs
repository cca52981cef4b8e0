using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NlpSymbolic.Training;

/// <summary>
/// AdaGrad: per-entry step sizes shrinking with the accumulated squared gradient.
/// </summary>
/// <remarks>
/// s ← s + g², then w ← w − η·g / √(s + ε), with ε inside the square root as in Karpathy's min-char-rnn
/// (<c>mem += dparam * dparam; param += -learning_rate * dparam / np.sqrt(mem + 1e-8)</c>). g includes the
/// coupled weight decay λ·w. State: "sumOfSquares" per parameter, starting at zero.
/// </remarks>
public sealed class AdaGrad : Optimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">η ≥ 0 (min-char-rnn uses 0.1).</param>
    /// <param name="epsilon">ε &gt; 0 added under the square root, guarding the first steps of entries whose gradients were zero.</param>
    /// <param name="weightDecay">Coupled L2 decay λ ≥ 0 (see <see cref="Optimizer"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range or NaN.</exception>
    public AdaGrad(double learningRate, double epsilon = 1e-8, double weightDecay = 0.0)
        : base(learningRate, weightDecay, "sumOfSquares")
    {
        Epsilon = HyperparameterGuard.Positive(epsilon, "Epsilon", nameof(epsilon));
    }

    /// <summary>ε, added to the sum of squares under the square root.</summary>
    public double Epsilon { get; }

    private protected override void Update(int parameter, Span<double> values, ReadOnlySpan<double> gradients, int offset) =>
        Apply(values, gradients, State(0, parameter, offset, values.Length), LearningRate, Epsilon, WeightDecay);

    // Same operations in the SIMD bodies and the scalar tail, so results do not depend on alignment (see Sgd). The
    // square root and the division bound this loop, and 512-bit vectors do twice as many per instruction: about 2×
    // faster than the Vector<double> (256-bit) loop alone (AdaGradBenchmarks); that loop still serves other machines.
    internal static void Apply<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> s, T lr, T eps, T wd)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int i = 0;
        // Stryker disable once all : runs only on processors with 512-bit vectors (AVX-512), which this project's machines lack
        if (Vector512.IsHardwareAccelerated && g.Length >= w.Length && s.Length >= w.Length)
        {
            ref T w0 = ref MemoryMarshal.GetReference(w);
            ref T g0 = ref MemoryMarshal.GetReference(g);
            ref T s0 = ref MemoryMarshal.GetReference(s);
            var (vlr, veps, vwd) = (Vector512.Create(lr), Vector512.Create(eps), Vector512.Create(wd));
            for (; i <= w.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var wi = Vector512.LoadUnsafe(ref w0, (nuint)i);
                var gi = Vector512.LoadUnsafe(ref g0, (nuint)i) + vwd * wi;
                var si = Vector512.LoadUnsafe(ref s0, (nuint)i) + gi * gi;
                si.StoreUnsafe(ref s0, (nuint)i);
                (wi - vlr * gi / Vector512.Sqrt(si + veps)).StoreUnsafe(ref w0, (nuint)i);
            }
        }

        // Stryker disable once Block : without the SIMD body the scalar loop below computes the same values
        if (/* Stryker disable once all : the scalar loop computes the same values */ System.Numerics.Vector.IsHardwareAccelerated)
        {
            System.Numerics.Vector<T> vlr = new(lr), veps = new(eps), vwd = new(wd);
            for (; /* Stryker disable once Equality,Arithmetic : fewer SIMD steps leave more to the scalar loop, same values */ i <= w.Length - System.Numerics.Vector<T>.Count; i += System.Numerics.Vector<T>.Count)
            {
                System.Numerics.Vector<T> wi = new(w.Slice(i));
                System.Numerics.Vector<T> gi = new System.Numerics.Vector<T>(g.Slice(i)) + vwd * wi;
                System.Numerics.Vector<T> si = new System.Numerics.Vector<T>(s.Slice(i)) + gi * gi;
                si.CopyTo(s.Slice(i));
                (wi - vlr * gi / System.Numerics.Vector.SquareRoot(si + veps)).CopyTo(w.Slice(i));
            }
        }

        for (; i < w.Length; i++)
        {
            T gi = g[i] + wd * w[i];
            T si = s[i] + gi * gi;
            s[i] = si;
            w[i] = w[i] - lr * gi / T.Sqrt(si + eps);
        }
    }
}
