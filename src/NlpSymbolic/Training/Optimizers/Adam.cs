using System;

namespace NlpSymbolic.Training;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) with bias correction.
/// </summary>
/// <remarks>
/// At step t (1-based): m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², then
/// w ← w − η·m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ), evaluated as
/// w − (η / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε). g includes the coupled weight decay λ·w (Adam with L2,
/// not AdamW). State: "m" and "v" per parameter, plus the step counter used for bias correction.
/// </remarks>
public sealed class Adam : Optimizer
{
    private double _stepSize;
    private double _sqrtCorrection2;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">η ≥ 0.</param>
    /// <param name="beta1">β₁ in [0, 1), decay of the first moment.</param>
    /// <param name="beta2">β₂ in [0, 1), decay of the second moment.</param>
    /// <param name="epsilon">ε &gt; 0, added to √v̂.</param>
    /// <param name="weightDecay">Coupled L2 decay λ ≥ 0 (see <see cref="Optimizer"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range or NaN.</exception>
    public Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.0)
        : base(learningRate, weightDecay, "m", "v")
    {
        Beta1 = HyperparameterGuard.UnitInterval(beta1, "Beta1", nameof(beta1));
        Beta2 = HyperparameterGuard.UnitInterval(beta2, "Beta2", nameof(beta2));
        Epsilon = HyperparameterGuard.Positive(epsilon, "Epsilon", nameof(epsilon));
    }

    /// <summary>β₁, decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂.</summary>
    public double Epsilon { get; }

    private protected override void BeginStep(int step)
    {
        _stepSize = LearningRate / (1 - Math.Pow(Beta1, step));
        _sqrtCorrection2 = Math.Sqrt(1 - Math.Pow(Beta2, step));
    }

    private protected override void Update(int parameter, Span<double> values, ReadOnlySpan<double> gradients, int offset) =>
        Apply(
            values, gradients,
            State(0, parameter, offset, values.Length), State(1, parameter, offset, values.Length),
            Beta1, Beta2, Epsilon, WeightDecay, _stepSize, _sqrtCorrection2);

    // Same operations in the SIMD body and the scalar tail, so results do not depend on alignment (see Sgd).
    internal static void Apply<T>(
        Span<T> w, ReadOnlySpan<T> g, Span<T> m, Span<T> v,
        T beta1, T beta2, T eps, T wd, T stepSize, T sqrtCorrection2)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T c1 = T.One - beta1, c2 = T.One - beta2;
        int i = 0;
        // Stryker disable once Block : without the SIMD body the scalar loop below computes the same values
        if (/* Stryker disable once all : the scalar loop computes the same values */ System.Numerics.Vector.IsHardwareAccelerated)
        {
            System.Numerics.Vector<T> vb1 = new(beta1), vb2 = new(beta2), vc1 = new(c1), vc2 = new(c2);
            System.Numerics.Vector<T> veps = new(eps), vwd = new(wd), vstep = new(stepSize), vcorr = new(sqrtCorrection2);
            for (; /* Stryker disable once Equality,Arithmetic : fewer SIMD steps leave more to the scalar loop, same values */ i <= w.Length - System.Numerics.Vector<T>.Count; i += System.Numerics.Vector<T>.Count)
            {
                System.Numerics.Vector<T> wi = new(w.Slice(i));
                System.Numerics.Vector<T> gi = new System.Numerics.Vector<T>(g.Slice(i)) + vwd * wi;
                System.Numerics.Vector<T> mi = vb1 * new System.Numerics.Vector<T>(m.Slice(i)) + vc1 * gi;
                System.Numerics.Vector<T> vi = vb2 * new System.Numerics.Vector<T>(v.Slice(i)) + vc2 * (gi * gi);
                mi.CopyTo(m.Slice(i));
                vi.CopyTo(v.Slice(i));
                (wi - vstep * (mi / (System.Numerics.Vector.SquareRoot(vi) / vcorr + veps))).CopyTo(w.Slice(i));
            }
        }

        for (; i < w.Length; i++)
        {
            T gi = g[i] + wd * w[i];
            T mi = beta1 * m[i] + c1 * gi;
            T vi = beta2 * v[i] + c2 * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            w[i] = w[i] - stepSize * (mi / (T.Sqrt(vi) / sqrtCorrection2 + eps));
        }
    }
}
