using System;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Precision;

/// <summary>
/// The optimiser updates are one generic source: five steps of SGD, SGD with momentum, AdaGrad and Adam (each with
/// weight decay) on float32 weights agree with the same steps on float64 weights from the same (float32) start.
/// Tolerance 1e-5 · max(1, |w|): float32 rounds each of the ~10 operations per step to 6e-8 relative.
/// </summary>
public sealed class FloatOptimizerStepTests
{
    private const int Length = 37; // SIMD bodies and a scalar tail in both precisions
    private const int Steps = 5;
    private const double Tolerance = 1e-5;

    [Fact]
    public void Sgd_steps_agree()
    {
        Compare((w, g, _, _) => Sgd.Plain(w, g, 0.1, 0.01), (w, g, _, _) => Sgd.Plain(w, g, 0.1f, 0.01f));
    }

    [Fact]
    public void Sgd_with_momentum_steps_agree()
    {
        Compare(
            (w, g, v, _) => Sgd.WithMomentum(w, g, v, 0.1, 0.9, 0.01),
            (w, g, v, _) => Sgd.WithMomentum(w, g, v, 0.1f, 0.9f, 0.01f));
    }

    [Fact]
    public void AdaGrad_steps_agree()
    {
        Compare(
            (w, g, s, _) => AdaGrad.Apply(w, g, s, 0.1, 1e-6, 0.01),
            (w, g, s, _) => AdaGrad.Apply(w, g, s, 0.1f, 1e-6f, 0.01f));
    }

    [Fact]
    public void Adam_steps_agree()
    {
        // The bias corrections of step 3 (η / (1 − β₁³) and √(1 − β₂³)), computed once in double as the optimiser does.
        double stepSize = 0.01 / (1 - Math.Pow(0.9, 3)), correction = Math.Sqrt(1 - Math.Pow(0.999, 3));
        Compare(
            (w, g, m, v) => Adam.Apply(w, g, m, v, 0.9, 0.999, 1e-8, 0.01, stepSize, correction),
            (w, g, m, v) => Adam.Apply(w, g, m, v, 0.9f, 0.999f, 1e-8f, 0.01f, (float)stepSize, (float)correction));
    }

    [Fact]
    public void A_wrong_float_step_would_be_caught()
    {
        // The comparison can fail: a float step with another learning rate is far outside the tolerance.
        Assert.ThrowsAny<Exception>(() =>
            Compare((w, g, _, _) => Sgd.Plain(w, g, 0.1, 0.0), (w, g, _, _) => Sgd.Plain(w, g, 0.11f, 0f)));
    }

    private delegate void Step<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> state1, Span<T> state2);

    private static void Compare(Step<double> doubleStep, Step<float> floatStep)
    {
        var data = new TestData(9);
        float[] wf = Array.ConvertAll(data.Vector(Length).ToArray(), v => (float)v);
        double[] wd = Array.ConvertAll(wf, v => (double)v);
        float[] s1f = new float[Length], s2f = new float[Length];
        double[] s1d = new double[Length], s2d = new double[Length];
        for (int step = 0; step < Steps; step++)
        {
            float[] gf = Array.ConvertAll(data.Vector(Length).ToArray(), v => (float)v);
            double[] gd = Array.ConvertAll(gf, v => (double)v);
            doubleStep(wd, gd, s1d, s2d);
            floatStep(wf, gf, s1f, s2f);
        }

        for (int i = 0; i < Length; i++)
        {
            Near.Equal(wd[i], wf[i], Tolerance, $"w[{i}]");
            Near.Equal(s1d[i], s1f[i], Tolerance, $"state[{i}]");
            Near.Equal(s2d[i], s2f[i], Tolerance, $"second state[{i}]");
        }
    }
}
