using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Simd = System.Numerics.Vector<double>;
using SimdMath = System.Numerics.Vector;

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
    internal static void Apply(Span<double> w, ReadOnlySpan<double> g, Span<double> s, double lr, double eps, double wd)
    {
        int i = 0;
        // Stryker disable once all : runs only on processors with 512-bit vectors (AVX-512), which this project's machines lack
        if (Vector512.IsHardwareAccelerated && g.Length >= w.Length && s.Length >= w.Length)
        {
            ref double w0 = ref MemoryMarshal.GetReference(w);
            ref double g0 = ref MemoryMarshal.GetReference(g);
            ref double s0 = ref MemoryMarshal.GetReference(s);
            var (vlr, veps, vwd) = (Vector512.Create(lr), Vector512.Create(eps), Vector512.Create(wd));
            for (; i <= w.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var wi = Vector512.LoadUnsafe(ref w0, (nuint)i);
                var gi = Vector512.LoadUnsafe(ref g0, (nuint)i) + vwd * wi;
                var si = Vector512.LoadUnsafe(ref s0, (nuint)i) + gi * gi;
                si.StoreUnsafe(ref s0, (nuint)i);
                (wi - vlr * gi / Vector512.Sqrt(si + veps)).StoreUnsafe(ref w0, (nuint)i);
            }
        }

        // Stryker disable once Block : without the SIMD body the scalar loop below computes the same values
        if (/* Stryker disable once all : the scalar loop computes the same values */ SimdMath.IsHardwareAccelerated)
        {
            Simd vlr = new(lr), veps = new(eps), vwd = new(wd);
            for (; /* Stryker disable once Equality,Arithmetic : fewer SIMD steps leave more to the scalar loop, same values */ i <= w.Length - Simd.Count; i += Simd.Count)
            {
                Simd wi = new(w.Slice(i));
                Simd gi = new Simd(g.Slice(i)) + vwd * wi;
                Simd si = new Simd(s.Slice(i)) + gi * gi;
                si.CopyTo(s.Slice(i));
                (wi - vlr * gi / SimdMath.SquareRoot(si + veps)).CopyTo(w.Slice(i));
            }
        }

        for (; i < w.Length; i++)
        {
            double gi = g[i] + wd * w[i];
            double si = s[i] + gi * gi;
            s[i] = si;
            w[i] = w[i] - lr * gi / Math.Sqrt(si + eps);
        }
    }
}
