using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using NlpSymbolic.Tests.Lecture;
using NlpSymbolic.Tests.Models;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NlpSymbolic.Tests;

/// <summary>
/// The lecture models (shared/docs/models.md): generated gradients against finite differences, against the
/// hand-derived gradients of <see cref="HandWrittenGradients"/>, and the accumulation semantics of BPTT.
/// </summary>
public class LectureModelTests(ITestOutputHelper output)
{
    private static readonly int[] Seeds = { 1, 2, 3, 4, 5 };

    public static IEnumerable<object[]> Models => GradientChecker.MethodsOf(typeof(LectureModels));

    // ───────────── Every model, several seeds ─────────────

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedGradientPassesTheGradientCheck(string name)
    {
        foreach (var seed in Seeds)
        {
            GradientChecker.Check(typeof(LectureModels), name, seed);
        }
    }

    /// <summary>The hand derivations are checked independently by finite differences, too.</summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void HandWrittenGradientPassesTheGradientCheck(string name)
    {
        foreach (var seed in Seeds)
        {
            GradientChecker.Check(GradientComparison.Forward(name), GradientComparison.HandWrittenForChecker(name), seed);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedGradientEqualsTheHandWrittenOne(string name)
    {
        var max = Seeds.Max(seed => GradientComparison.Compare(name, seed));
        output.WriteLine($"{name}: max relative error generated vs hand-written = {max:E2}");
    }

    // ───────────── The comparisons can fail ─────────────

    [Theory]
    [MemberData(nameof(Models))]
    public void ComparisonRejectsAHandWrittenGradientOffBy1e6(string name)
    {
        // Perturb the last entry of the last gradient buffer by 1e-6 after the hand-written backward ran.
        var inputs = GradientComparison.RandomInputs(name, 7);
        var exception = Assert.Throws<XunitException>(() => GradientComparison.Compare(name, inputs, 7, gradients =>
            GradientComparison.Perturb(gradients, gradients.Length - 1, Inputs.Count(gradients[^1]) - 1, 1e-6)));
        Assert.Contains("relative error", exception.Message);
    }

    [Fact]
    public void ComparisonHelperRejectsA1e6PerturbationAndAccepts1e12()
    {
        var gradient = Matrix<double>.Build.Dense(3, 4, (i, j) => 0.1 * i - 0.3 * j);
        var perturbed = gradient.Clone();
        perturbed[2, 1] += 1e-6;
        Assert.Throws<XunitException>(() => GradientComparison.AssertMatches(gradient, perturbed, "dW"));
        Assert.Equal(1e-6, GradientComparison.MaxRelativeError(gradient, perturbed), 12);

        var large = gradient * 1e6;
        var roundOff = large.Clone();
        roundOff[2, 0] += 1e-6; // relative to |x| = 2e5: 5e-12
        GradientComparison.AssertMatches(large, roundOff, "dW");

        var nan = gradient.Clone();
        nan[0, 0] = double.NaN;
        Assert.Throws<XunitException>(() => GradientComparison.AssertMatches(gradient, nan, "dW"));
    }

    [Fact]
    public void GradientCheckRejectsAHandWrittenGradientWithARelativeError1e5()
    {
        // The finite-difference check has a looser tolerance (1e-6) but still sees a 1e-5 relative error.
        var backward = GradientComparison.HandWrittenForChecker(
            nameof(LectureModels.GruReadout),
            gradients => gradients[0] = Inputs.Set(gradients[0], 5, Inputs.Get(gradients[0], 5) * (1 + 1e-5)));
        Assert.Throws<XunitException>(() => GradientChecker.Check(GradientComparison.Forward(nameof(LectureModels.GruReadout)), backward, 1));
    }

    // ───────────── Max-margin: J > 0 and J = 0 ─────────────

    [Theory]
    [InlineData(nameof(LectureModels.WindowMaxMargin))]
    [InlineData(nameof(LectureModels.WindowMaxMarginConditional))]
    public void MaxMarginWhereTheLossIsPositive(string name)
    {
        var (W, b, u, x, xc) = MarginCase(seed: 11, scoreGap: -5); // s − s_c = −5 → J = 6
        var inputs = new object[] { W, b, u, x, xc };
        Assert.Equal(6.0, (double)GradientComparison.Forward(name).Invoke(null, inputs)!, 10);

        var error = GradientComparison.Compare(name, inputs, 11);
        output.WriteLine($"{name} (J = 6): max relative error {error:E2}");

        // With J > 0 the gradient is −∂s/∂θ + ∂s_c/∂θ: ∂J/∂u = −a + a_c ≠ 0.
        var du = Vector<double>.Build.Dense(5);
        LectureModels.WindowMaxMarginBackward(W, b, u, x, xc, 1.0, Matrix<double>.Build.Dense(5, 9), Vector<double>.Build.Dense(5), du,
            Vector<double>.Build.Dense(9), Vector<double>.Build.Dense(9));
        var expected = HandWrittenGradients.Tanh(W * xc + b) - HandWrittenGradients.Tanh(W * x + b);
        GradientComparison.AssertMatches(expected, du, "∂J/∂u = a_c − a");
    }

    [Theory]
    [InlineData(nameof(LectureModels.WindowMaxMargin))]
    [InlineData(nameof(LectureModels.WindowMaxMarginConditional))]
    public void MaxMarginWhereTheLossIsZeroHasAllGradientsZero(string name)
    {
        var (W, b, u, x, xc) = MarginCase(seed: 12, scoreGap: 5); // s − s_c = 5 → J = max(0, −4) = 0
        var inputs = new object[] { W, b, u, x, xc };
        Assert.Equal(0.0, (double)GradientComparison.Forward(name).Invoke(null, inputs)!);
        GradientComparison.Compare(name, inputs, 12);

        var gradients = new object[]
        {
            Matrix<double>.Build.Dense(5, 9), Vector<double>.Build.Dense(5), Vector<double>.Build.Dense(5),
            Vector<double>.Build.Dense(9), Vector<double>.Build.Dense(9),
        };
        var arguments = inputs.Concat(new object[] { 1.0 }).Concat(gradients).ToArray();
        var value = (double)typeof(LectureModels).GetMethod(name + "Backward")!.Invoke(null, arguments)!;
        Assert.Equal(0.0, value);
        foreach (var gradient in arguments.Skip(6))
        {
            Assert.All(Enumerable.Range(0, Inputs.Count(gradient)), i => Assert.Equal(0.0, Inputs.Get(gradient, i)));
        }
    }

    [Theory]
    [InlineData(2, 5, 0, 3)] // four different words
    [InlineData(1, 4, 1, 1)] // the corrupt center equals both neighbours: column 1 gets five slices
    [InlineData(6, 6, 6, 0)] // a window of one repeated word
    public void EmbeddingWindowGradientFlowsBackIntoTheColumnsOfL(int w0, int w1, int w2, int wc)
    {
        var random = new Random(21 + w0 + 7 * w1);
        var L = Matrix<double>.Build.Dense(3, 7, (_, _) => 2 * random.NextDouble() - 1);
        var W = Matrix<double>.Build.Dense(5, 9, (_, _) => 2 * random.NextDouble() - 1);
        var b = Vector<double>.Build.Dense(5, _ => 2 * random.NextDouble() - 1);
        var x = HandWrittenGradients.Lookup(L, new[] { w0, w1, w2 });
        var xc = HandWrittenGradients.Lookup(L, new[] { w0, wc, w2 });
        var gap = HandWrittenGradients.Tanh(W * x + b) - HandWrittenGradients.Tanh(W * xc + b);
        var u = gap * (-2 / Math.Max(gap * gap, 1e-3)); // J > 0 whenever the windows differ

        var inputs = new object[] { L, W, b, u, w0, w1, w2, wc };
        var J = LectureModels.WindowMaxMarginEmbeddings(L, W, b, u, w0, w1, w2, wc);
        Assert.True(J > 0, $"J = {J}");
        var error = GradientComparison.Compare(nameof(LectureModels.WindowMaxMarginEmbeddings), inputs, 21);
        output.WriteLine($"WindowMaxMarginEmbeddings ({w0},{w1},{w2}|{wc}): max relative error {error:E2}");

        // Columns of words outside both windows receive nothing.
        var dL = Matrix<double>.Build.Dense(3, 7);
        LectureModels.WindowMaxMarginEmbeddingsBackward(L, W, b, u, w0, w1, w2, wc, 1.0, dL, Matrix<double>.Build.Dense(5, 9),
            Vector<double>.Build.Dense(5), Vector<double>.Build.Dense(5));
        var used = new HashSet<int> { w0, w1, w2, wc };
        for (var column = 0; column < 7; column++)
        {
            if (!used.Contains(column))
            {
                Assert.Equal(0.0, dL.Column(column).L1Norm());
            }
        }
    }

    // ───────────── RNN: shared parameters get the SUM of per-step gradients ─────────────

    [Fact]
    public void UnrolledRnnOutputLayerGradientIsTheSumOfTwoStepCalls()
    {
        var (H, W, b1, U, b2, h0, x1, x2) = RnnInputs(31);
        const int y1 = 2, y2 = 0;
        var unrolled = RnnBuffers();
        var J = LectureModels.RnnTwoStepsBackward(H, W, b1, U, b2, h0, x1, x2, y1, y2, 1.0,
            unrolled.dH, unrolled.dW, unrolled.db1, unrolled.dU, unrolled.db2, unrolled.dh0, unrolled.dx1, unrolled.dx2);

        // Two single-step calls accumulating into the SAME parameter buffers.
        var h1 = HandWrittenGradients.Sigmoid(H * h0 + W * x1 + b1);
        var steps = RnnBuffers();
        var dh1 = Vector<double>.Build.Dense(4);
        var J1 = LectureModels.RnnStepBackward(H, W, b1, U, b2, h0, x1, y1, 1.0, steps.dH, steps.dW, steps.db1, steps.dU, steps.db2, steps.dh0, steps.dx1);
        var J2 = LectureModels.RnnStepBackward(H, W, b1, U, b2, h1, x2, y2, 1.0, steps.dH, steps.dW, steps.db1, steps.dU, steps.db2, dh1, steps.dx2);

        Assert.Equal(J, J1 + J2, 12);

        // U and b₂ only act at each step's output: ∇U = Σₜ δ₂⁽ᵗ⁾h⁽ᵗ⁾ᵀ, ∇b₂ = Σₜ δ₂⁽ᵗ⁾ — exactly the two calls' sum.
        GradientComparison.AssertMatches(unrolled.dU, steps.dU, "dU: unrolled vs sum of two RnnStepBackward calls");
        GradientComparison.AssertMatches(unrolled.db2, steps.db2, "db2: unrolled vs sum of two RnnStepBackward calls");
        GradientComparison.AssertMatches(unrolled.dx2, steps.dx2, "dx2");

        // H, W, b₁ (and h⁽⁰⁾, x⁽¹⁾) also receive J⁽²⁾'s gradient through h⁽¹⁾ (the Hᵀδ⁽²⁾ term of BPTT),
        // which a scalar-loss step cannot pass back to the step before: the plain sum misses it.
        Assert.True(GradientComparison.MaxRelativeError(unrolled.dH, steps.dH) > 1e-6);
        Assert.True(GradientComparison.MaxRelativeError(unrolled.dW, steps.dW) > 1e-6);
        Assert.True(GradientComparison.MaxRelativeError(unrolled.db1, steps.db1) > 1e-6);
    }

    [Fact]
    public void UnrolledRnnEqualsTwoStepCallsWhenTheFutureGradientIsCarriedBack()
    {
        var (H, W, b1, U, b2, h0, x1, x2) = RnnInputs(32);
        const int y1 = 2, y2 = 0;
        var unrolled = RnnBuffers();
        LectureModels.RnnTwoStepsBackward(H, W, b1, U, b2, h0, x1, x2, y1, y2, 1.0,
            unrolled.dH, unrolled.dW, unrolled.db1, unrolled.dU, unrolled.db2, unrolled.dh0, unrolled.dx1, unrolled.dx2);

        // BPTT by hand with generated steps: step 2 first, its ∂J⁽²⁾/∂h⁽¹⁾ lands in dh1; step 1 takes it as
        // the gradient arriving from the future. All parameter gradients accumulate in the same buffers.
        var h1 = HandWrittenGradients.Sigmoid(H * h0 + W * x1 + b1);
        var steps = RnnBuffers();
        var dh1 = Vector<double>.Build.Dense(4);
        LectureModels.RnnStepBackward(H, W, b1, U, b2, h1, x2, y2, 1.0, steps.dH, steps.dW, steps.db1, steps.dU, steps.db2, dh1, steps.dx2);
        LectureModels.RnnStepWithFutureGradientBackward(H, W, b1, U, b2, h0, x1, y1, dh1, 1.0,
            steps.dH, steps.dW, steps.db1, steps.dU, steps.db2, steps.dh0, steps.dx1);

        var max = new[]
        {
            GradientComparison.AssertMatches(unrolled.dH, steps.dH, "dH"),
            GradientComparison.AssertMatches(unrolled.dW, steps.dW, "dW"),
            GradientComparison.AssertMatches(unrolled.db1, steps.db1, "db1"),
            GradientComparison.AssertMatches(unrolled.dU, steps.dU, "dU"),
            GradientComparison.AssertMatches(unrolled.db2, steps.db2, "db2"),
            GradientComparison.AssertMatches(unrolled.dh0, steps.dh0, "dh0"),
            GradientComparison.AssertMatches(unrolled.dx1, steps.dx1, "dx1"),
            GradientComparison.AssertMatches(unrolled.dx2, steps.dx2, "dx2"),
        }.Max();
        output.WriteLine($"unrolled vs step-by-step BPTT: max relative error {max:E2}");
    }

    [Fact]
    public void GruCellVectorGradientWithDResultVEqualsTheReadoutGradient()
    {
        // GruCellBackward(…, dResult = v, …) must add exactly what GruReadoutBackward (J = vᵀh, dResult = 1) adds.
        var inputs = GradientComparison.RandomInputs(nameof(LectureModels.GruReadout), 41);
        var m = inputs.Take(6).Cast<Matrix<double>>().ToArray();
        var (x, hPrev, v) = ((Vector<double>)inputs[6], (Vector<double>)inputs[7], (Vector<double>)inputs[8]);
        var cell = GruBuffers();
        var readout = GruBuffers();
        var dv = Vector<double>.Build.Dense(4);

        var h = LectureModels.GruCellBackward(m[0], m[1], m[2], m[3], m[4], m[5], x, hPrev, v,
            cell.M[0], cell.M[1], cell.M[2], cell.M[3], cell.M[4], cell.M[5], cell.dx, cell.dhPrev);
        var J = LectureModels.GruReadoutBackward(m[0], m[1], m[2], m[3], m[4], m[5], x, hPrev, v, 1.0,
            readout.M[0], readout.M[1], readout.M[2], readout.M[3], readout.M[4], readout.M[5], readout.dx, readout.dhPrev, dv);

        Assert.Equal(v * h, J, 12);
        GradientComparison.AssertMatches(h, dv, "dv = h");
        for (var k = 0; k < 6; k++)
        {
            GradientComparison.AssertMatches(readout.M[k], cell.M[k], $"matrix gradient {k}");
        }

        GradientComparison.AssertMatches(readout.dx, cell.dx, "dx");
        GradientComparison.AssertMatches(readout.dhPrev, cell.dhPrev, "dhPrev");
    }

    // ───────────── Helpers ─────────────

    /// <summary>Random W, b, x, x_c and a u chosen so that s − s_c equals <paramref name="scoreGap"/>.</summary>
    private static (Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, Vector<double> xc) MarginCase(int seed, double scoreGap)
    {
        var random = new Random(seed);
        double Next() => 2 * random.NextDouble() - 1;
        var W = Matrix<double>.Build.Dense(5, 9, (_, _) => Next());
        var b = Vector<double>.Build.Dense(5, _ => Next());
        var x = Vector<double>.Build.Dense(9, _ => Next());
        var xc = Vector<double>.Build.Dense(9, _ => Next());

        // s − s_c = uᵀ(a − a_c); u = gap · (a − a_c)/‖a − a_c‖² makes it exactly `gap` (up to round-off).
        var difference = HandWrittenGradients.Tanh(W * x + b) - HandWrittenGradients.Tanh(W * xc + b);
        var u = difference * (scoreGap / (difference * difference));
        return (W, b, u, x, xc);
    }

    private static (Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2, Vector<double> h0, Vector<double> x1, Vector<double> x2) RnnInputs(int seed)
    {
        var inputs = GradientComparison.RandomInputs(nameof(LectureModels.RnnTwoSteps), seed);
        return ((Matrix<double>)inputs[0], (Matrix<double>)inputs[1], (Vector<double>)inputs[2], (Matrix<double>)inputs[3],
            (Vector<double>)inputs[4], (Vector<double>)inputs[5], (Vector<double>)inputs[6], (Vector<double>)inputs[7]);
    }

    private static (Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2, Vector<double> dh0, Vector<double> dx1, Vector<double> dx2) RnnBuffers() =>
        (Zeros(4, 4), Zeros(4, 3), Vector<double>.Build.Dense(4), Zeros(5, 4), Vector<double>.Build.Dense(5),
            Vector<double>.Build.Dense(4), Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(3));

    private static (Matrix<double>[] M, Vector<double> dx, Vector<double> dhPrev) GruBuffers() =>
        (new[] { Zeros(4, 3), Zeros(4, 4), Zeros(4, 3), Zeros(4, 4), Zeros(4, 3), Zeros(4, 4) }, Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(4));

    private static Matrix<double> Zeros(int rows, int columns) => Matrix<double>.Build.Dense(rows, columns);
}
