using System;
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

    // Same operations in the SIMD body and the scalar tail, so results do not depend on alignment (see Sgd).
    internal static void Apply(Span<double> w, ReadOnlySpan<double> g, Span<double> s, double lr, double eps, double wd)
    {
        int i = 0;
        if (SimdMath.IsHardwareAccelerated)
        {
            Simd vlr = new(lr), veps = new(eps), vwd = new(wd);
            for (; i <= w.Length - Simd.Count; i += Simd.Count)
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
