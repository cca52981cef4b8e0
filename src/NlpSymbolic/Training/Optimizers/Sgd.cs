using System;

namespace NlpSymbolic.Training;

/// <summary>
/// Stochastic gradient descent, optionally with (heavy-ball) momentum.
/// </summary>
/// <remarks>
/// Without momentum: w ← w − η·g. With momentum μ: v ← μ·v + g, then w ← w − η·v (the form in which a
/// change of learning rate takes effect at once, as in PyTorch). g includes the coupled weight decay λ·w.
/// State: "velocity" per parameter when μ &gt; 0, none otherwise.
/// </remarks>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">η ≥ 0.</param>
    /// <param name="momentum">μ in [0, 1); 0 is plain SGD and keeps no state.</param>
    /// <param name="weightDecay">Coupled L2 decay λ ≥ 0 (see <see cref="Optimizer"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range or NaN.</exception>
    public Sgd(double learningRate, double momentum = 0.0, double weightDecay = 0.0)
        : base(learningRate, weightDecay, SlotsFor(momentum))
    {
        Momentum = momentum;
    }

    /// <summary>The momentum μ (0 for plain SGD).</summary>
    public double Momentum { get; }

    private protected override void Update(int parameter, Span<double> values, ReadOnlySpan<double> gradients, int offset)
    {
        if (Momentum == 0)
        {
            Plain(values, gradients, LearningRate, WeightDecay);
        }
        else
        {
            WithMomentum(values, gradients, State(0, parameter, offset, values.Length), LearningRate, Momentum, WeightDecay);
        }
    }

    // The SIMD body and the scalar tail perform the same correctly rounded operations in the same order
    // (no fused multiply-add), so a value does not depend on which of them handled it: a sparse column
    // update equals the dense update bit for bit.
    internal static void Plain<T>(Span<T> w, ReadOnlySpan<T> g, T lr, T wd)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int i = 0;
        // Stryker disable once Block : without the SIMD body the scalar loop below computes the same values
        if (/* Stryker disable once all : the scalar loop computes the same values */ System.Numerics.Vector.IsHardwareAccelerated)
        {
            System.Numerics.Vector<T> vlr = new(lr), vwd = new(wd);
            for (; /* Stryker disable once Equality,Arithmetic : fewer SIMD steps leave more to the scalar loop, same values */ i <= w.Length - System.Numerics.Vector<T>.Count; i += System.Numerics.Vector<T>.Count)
            {
                System.Numerics.Vector<T> wi = new(w.Slice(i));
                System.Numerics.Vector<T> gi = new System.Numerics.Vector<T>(g.Slice(i)) + vwd * wi;
                (wi - vlr * gi).CopyTo(w.Slice(i));
            }
        }

        for (; i < w.Length; i++)
        {
            T gi = g[i] + wd * w[i];
            w[i] = w[i] - lr * gi;
        }
    }

    internal static void WithMomentum<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> v, T lr, T mu, T wd)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int i = 0;
        // Stryker disable once Block : without the SIMD body the scalar loop below computes the same values
        if (/* Stryker disable once all : the scalar loop computes the same values */ System.Numerics.Vector.IsHardwareAccelerated)
        {
            System.Numerics.Vector<T> vlr = new(lr), vmu = new(mu), vwd = new(wd);
            for (; /* Stryker disable once Equality,Arithmetic : fewer SIMD steps leave more to the scalar loop, same values */ i <= w.Length - System.Numerics.Vector<T>.Count; i += System.Numerics.Vector<T>.Count)
            {
                System.Numerics.Vector<T> wi = new(w.Slice(i));
                System.Numerics.Vector<T> gi = new System.Numerics.Vector<T>(g.Slice(i)) + vwd * wi;
                System.Numerics.Vector<T> vi = vmu * new System.Numerics.Vector<T>(v.Slice(i)) + gi;
                vi.CopyTo(v.Slice(i));
                (wi - vlr * vi).CopyTo(w.Slice(i));
            }
        }

        for (; i < w.Length; i++)
        {
            T gi = g[i] + wd * w[i];
            T vi = mu * v[i] + gi;
            v[i] = vi;
            w[i] = w[i] - lr * vi;
        }
    }

    private static string[] SlotsFor(double momentum) =>
        HyperparameterGuard.UnitInterval(momentum, "The momentum", nameof(momentum)) == 0 ? [] : ["velocity"];
}
