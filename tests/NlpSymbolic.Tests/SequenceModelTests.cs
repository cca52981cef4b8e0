using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using NlpSymbolic.Tests.Lecture;
using NlpSymbolic.Tests.Models;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NlpSymbolic.Tests;

/// <summary>
/// Whole-sequence models with a loop over time (shared/docs/models.md §2, §3): the generated BPTT against
/// finite differences and against the hand-written BPTT of <see cref="HandWrittenBptt"/>; shared parameters
/// receiving the sum of per-step gradients; a 10,000-step sequence; sequences of length 0, 1 and 2.
/// </summary>
public class SequenceModelTests(ITestOutputHelper output)
{
    private static readonly int[] Seeds = { 1, 2, 3, 4, 5 };

    /// <summary>Generated vs hand-written: relative error with a max(1, |x|) floor.</summary>
    private const double Tolerance = 1e-10;

    public static IEnumerable<object[]> Models => GradientChecker.MethodsOf(typeof(SequenceModels));

    public static IEnumerable<object[]> SequenceLosses => new[]
    {
        new object[] { nameof(SequenceModels.RnnLanguageModelLoss) },
        new object[] { nameof(SequenceModels.RnnLanguageModelLossTanh) },
        new object[] { nameof(SequenceModels.RnnLanguageModelLossByCalls) },
        new object[] { nameof(SequenceModels.GruSequenceLoss) },
    };

    // ───────────── Every model, several seeds ─────────────

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedGradientPassesTheGradientCheck(string name)
    {
        foreach (var seed in Seeds)
        {
            GradientChecker.Check(typeof(SequenceModels), name, seed);
        }
    }

    /// <summary>The hand-written BPTT is checked independently by finite differences, too.</summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void HandWrittenGradientPassesTheGradientCheck(string name)
    {
        foreach (var seed in Seeds)
        {
            GradientChecker.Check(Forward(name), HandWrittenForChecker(name), seed);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedGradientEqualsTheHandWrittenOne(string name)
    {
        var max = Seeds.Max(seed => Compare(name, RandomInputs(name, seed), seed));
        output.WriteLine($"{name}: max relative error generated vs hand-written = {max:E2}");
    }

    /// <summary>Other token sequences than the [Value] default: random tokens (many repeats), several lengths.</summary>
    [Theory]
    [MemberData(nameof(SequenceLosses))]
    public void RandomTokenSequencesMatchHandWrittenAndFiniteDifferences(string name)
    {
        var maxHand = 0.0;
        var maxFd = 0.0;
        foreach (var (length, seed) in new[] { (3, 11), (6, 12), (9, 13), (13, 14) })
        {
            var inputs = RandomInputs(name, seed, RandomTokens(length, vocabulary: 5, seed));
            maxHand = Math.Max(maxHand, Compare(name, inputs, seed));
            maxFd = Math.Max(maxFd, FiniteDifferenceError(name, inputs, dResult: 0.7));
        }

        output.WriteLine($"{name}: generated vs hand-written {maxHand:E2}; generated vs central differences {maxFd:E2}");
    }

    // ───────────── The comparisons can fail ─────────────

    [Theory]
    [MemberData(nameof(Models))]
    public void ComparisonRejectsAHandWrittenGradientOffBy1e6(string name)
    {
        var inputs = RandomInputs(name, 7);
        for (var which = 0; which < DifferentiableCount(name); which++)
        {
            var w = which;
            var exception = Assert.Throws<XunitException>(() => Compare(name, inputs, 7, tamper: gradients => Perturb(gradients, w, 0, 1e-6)));
            Assert.Contains("relative error", exception.Message);
        }
    }

    [Theory]
    [MemberData(nameof(SequenceLosses))]
    public void GradientCheckRejectsAHandWrittenGradientWithARelativeError1e5(string name)
    {
        // Perturb the dL entry of the first token's column, a column that several steps write into.
        var tokens = (int[])RandomInputs(name, 1).Single(i => i is int[]);
        var dLIndex = Array.IndexOf(Forward(name).GetParameters().Where(GradientChecker.IsDifferentiable).Select(p => p.Name).ToArray(), "L");
        var backward = HandWrittenForChecker(name, gradients =>
            gradients[dLIndex] = Inputs.Set(gradients[dLIndex], 3 * tokens[0], Inputs.Get(gradients[dLIndex], 3 * tokens[0]) * (1 + 1e-5)));
        Assert.Throws<XunitException>(() => GradientChecker.Check(Forward(name), backward, 1));
    }

    [Fact]
    public void FiniteDifferenceHelperRejectsAGradientOff1e5()
    {
        var name = nameof(SequenceModels.RnnLanguageModelLossTanh);
        var inputs = RandomInputs(name, 3);
        Assert.Throws<XunitException>(() => FiniteDifferenceError(name, inputs, 0.7, tamper: g => Perturb(g, 1, 5, 1e-5 * Math.Max(1e-3, Math.Abs(Inputs.Get(g[1], 5))) * 3)));
    }

    // ───────────── Shared parameters receive the SUM of per-step gradients ─────────────

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WholeSequenceBackwardEqualsAHandDrivenLoopOfStepBackwards(int seed)
    {
        var name = nameof(SequenceModels.RnnLanguageModelLoss);
        var inputs = RandomInputs(name, seed, RandomTokens(9, vocabulary: 5, seed));
        var whole = WholeSequence(inputs);
        var steps = StepByStep(inputs, carryFutureGradient: true);
        var max = AssertAllMatch(whole, steps, "whole-sequence backward vs loop of step backwards", Tolerance);
        output.WriteLine($"seed {seed}: whole vs step-by-step max relative error {max:E2}");
    }

    [Fact]
    public void StepLoopComparisonCanFail()
    {
        var inputs = RandomInputs(nameof(SequenceModels.RnnLanguageModelLoss), 4, RandomTokens(9, vocabulary: 5, 4));
        var whole = WholeSequence(inputs);

        // One entry of the hand-driven dL off by 1e-6.
        var perturbed = StepByStep(inputs, carryFutureGradient: true);
        perturbed[1] = Inputs.Set(perturbed[1], 4, Inputs.Get(perturbed[1], 4) + 1e-6);
        Assert.Throws<XunitException>(() => AssertAllMatch(whole, perturbed, "perturbed dL", Tolerance));

        // Dropping the gradient carried from step t+1 (the Hᵀδ⁽ᵗ⁺¹⁾ term) changes H, W, b₁, L, h0 — but not U, b₂.
        var noCarry = StepByStep(inputs, carryFutureGradient: false);
        Assert.Throws<XunitException>(() => AssertAllMatch(whole, noCarry, "no carried gradient", Tolerance));
        Assert.True(GradientComparison.MaxRelativeError(whole[2], noCarry[2]) > 1e-6, "dH must differ without the carried gradient");
        GradientComparison.AssertMatches(whole[5], noCarry[5], "dU does not depend on the carried gradient");
        GradientComparison.AssertMatches(whole[6], noCarry[6], "db2 does not depend on the carried gradient");
    }

    // ───────────── 10,000 steps ─────────────

    [Fact]
    public void TenThousandStepSequence()
    {
        var name = nameof(SequenceModels.RnnLanguageModelLoss);
        var inputs = RandomInputs(name, 99, RandomTokens(10_001, vocabulary: 5, 99));
        var (L, H, W, b1, U, b2, h0, tokens) = Unpack(inputs);

        // Backward runs (no stack overflow) and equals the hand-written BPTT to 1e-9.
        var generated = Zeros(inputs);
        var J = SequenceModels.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0,
            generated.dL, generated.dH, generated.dW, generated.db1, generated.dU, generated.db2, generated.dh0);
        var hand = Zeros(inputs);
        var handJ = HandWrittenBptt.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0,
            hand.dL, hand.dH, hand.dW, hand.db1, hand.dU, hand.db2, hand.dh0);
        Assert.Equal(SequenceModels.RnnLanguageModelLoss(L, H, W, b1, U, b2, h0, tokens), J, 9);
        var max = AssertAllMatch(
            new object[] { handJ, hand.dL, hand.dH, hand.dW, hand.db1, hand.dU, hand.db2, hand.dh0 },
            new object[] { J, generated.dL, generated.dH, generated.dW, generated.db1, generated.dU, generated.db2, generated.dh0 },
            "10,000 steps: generated vs hand-written", 1e-9);
        output.WriteLine($"10,000 steps: J = {J:F3}, max |dH| = {generated.dH.Enumerate().Max(v => Math.Abs(v)):F3}, max relative error {max:E2}");

        // ... and that comparison can fail.
        var tampered = hand.dW.Clone();
        tampered[1, 2] += 1e-6 * Math.Max(1, Math.Abs(tampered[1, 2])) * 2;
        Assert.Throws<XunitException>(() => AssertAllMatch(new object[] { tampered }, new object[] { generated.dW }, "tampered dW", 1e-9));

        // A call on the same thread after two warm-ups allocates nothing: the tape and buffers are reused.
        long Call() => Measure(() => SequenceModels.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0,
            generated.dL, generated.dH, generated.dW, generated.db1, generated.dU, generated.db2, generated.dh0));
        Call();
        Call();
        var third = Call();
        output.WriteLine($"10,000 steps: third call allocated {third} bytes");
        Assert.Equal(0, third);

        // Every push of the forward sweep was popped by the reverse sweep: the frame's last Exit found an empty tape.
        var workspace = NlpSymbolic.Workspace.Enter();
        try
        {
            Assert.Equal(0, workspace.TapeLengthAtLastExit);
        }
        finally
        {
            workspace.Exit();
        }
    }

    [Fact]
    public void TenThousandStepGruSequenceWithACallPerStep()
    {
        var name = nameof(SequenceModels.GruSequenceLoss);
        var inputs = RandomInputs(name, 98, RandomTokens(10_001, vocabulary: 5, 98));
        var m = inputs.Take(8).Cast<Matrix<double>>().ToArray();
        var (h0, tokens) = ((Vector<double>)inputs[8], (int[])inputs[9]);
        Matrix<double>[] MatrixZeros() => m.Select(x => Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount)).ToArray();

        var g = MatrixZeros();
        var dh0 = Vector<double>.Build.Dense(4);
        double Generated() => SequenceModels.GruSequenceLossBackward(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], h0, tokens, 1.0,
            g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], dh0);
        var J = Generated();

        var hand = MatrixZeros();
        var handDh0 = Vector<double>.Build.Dense(4);
        var handJ = HandWrittenBptt.GruSequenceLossBackward(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], h0, tokens, 1.0,
            hand[0], hand[1], hand[2], hand[3], hand[4], hand[5], hand[6], hand[7], handDh0);
        var max = AssertAllMatch(
            hand.Cast<object>().Append(handDh0).Append(handJ).ToArray(),
            g.Cast<object>().Append(dh0).Append(J).ToArray(),
            "GRU, 10,000 steps: generated vs hand-written", 1e-9);

        Measure(() => Generated());
        Measure(() => Generated());
        var third = Measure(() => Generated());
        output.WriteLine($"GRU, 10,000 steps: J = {J:F3}, max relative error {max:E2}, third call allocated {third} bytes");
        Assert.Equal(0, third);
    }

    [Fact]
    public void AllocationMeasurementSeesTheFirstCall()
    {
        // The 0-byte assertion above is meaningful: on a fresh thread the first call allocates (frame, tape, buffers).
        long first = -1;
        var thread = new System.Threading.Thread(() =>
        {
            var inputs = RandomInputs(nameof(SequenceModels.RnnLanguageModelLoss), 5, RandomTokens(200, vocabulary: 5, 5));
            var (L, H, W, b1, U, b2, h0, tokens) = Unpack(inputs);
            var g = Zeros(inputs);
            first = Measure(() => SequenceModels.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, g.dL, g.dH, g.dW, g.db1, g.dU, g.db2, g.dh0));
        });
        thread.Start();
        thread.Join();
        Assert.True(first > 0, $"first call allocated {first} bytes");
    }

    // ───────────── Edge cases: lengths 0, 1 and 2 ─────────────

    [Theory]
    [MemberData(nameof(SequenceLosses))]
    public void SequenceOfLengthOneHasNoStepsZeroLossAndZeroGradients(string name)
    {
        foreach (var tokens in new[] { new[] { 3 }, Array.Empty<int>() })
        {
            var inputs = RandomInputs(name, 21, tokens);
            var generated = typeof(SequenceModels).GetMethod(name + "Backward")!;
            var arguments = inputs.Select(Inputs.DeepCopy).Concat(new object[] { 1.3 }).Concat(Zeros(name, inputs)).ToArray();
            var J = (double)generated.Invoke(null, arguments)!;
            Assert.Equal(0.0, J);
            Assert.Equal(0.0, (double)Forward(name).Invoke(null, inputs)!);
            foreach (var gradient in arguments.Skip(inputs.Length + 1))
            {
                Assert.All(Enumerable.Range(0, Inputs.Count(gradient)), i => Assert.Equal(0.0, Inputs.Get(gradient, i)));
            }

            // From non-zero buffers: generated and hand-written agree (both add nothing).
            Compare(name, inputs, 21);
        }
    }

    [Theory]
    [MemberData(nameof(SequenceLosses))]
    public void SequenceOfLengthTwoIsOneStep(string name)
    {
        var max = 0.0;
        foreach (var seed in Seeds)
        {
            var inputs = RandomInputs(name, seed, new[] { seed % 5, (seed * 3 + 1) % 5 });
            max = Math.Max(max, Compare(name, inputs, seed));
            FiniteDifferenceError(name, inputs, dResult: 1.1);
        }

        output.WriteLine($"{name}, two tokens: max relative error generated vs hand-written {max:E2}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LengthTwoRnnEqualsTheLectureSingleStepModel(bool tanh)
    {
        // One step: J = CrossEntropy(U f(H h0 + W L[:,a] + b₁) + b₂, b) — LectureModels.RnnStep(Tanh) with x = L[:,a], y = b.
        var name = tanh ? nameof(SequenceModels.RnnLanguageModelLossTanh) : nameof(SequenceModels.RnnLanguageModelLoss);
        const int a = 4, b = 1;
        var inputs = RandomInputs(name, 8, new[] { a, b });
        var (L, H, W, b1, U, b2, h0, tokens) = Unpack(inputs);
        var sequence = Zeros(inputs);
        var backward = tanh
            ? (Func<double>)(() => SequenceModels.RnnLanguageModelLossTanhBackward(L, H, W, b1, U, b2, h0, tokens, 1.0,
                sequence.dL, sequence.dH, sequence.dW, sequence.db1, sequence.dU, sequence.db2, sequence.dh0))
            : () => SequenceModels.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0,
                sequence.dL, sequence.dH, sequence.dW, sequence.db1, sequence.dU, sequence.db2, sequence.dh0);
        var J = backward();

        var step = Zeros(inputs);
        var dx = Vector<double>.Build.Dense(3);
        var stepJ = tanh
            ? LectureModels.RnnStepTanhBackward(H, W, b1, U, b2, h0, L.Column(a), b, 1.0, step.dH, step.dW, step.db1, step.dU, step.db2, step.dh0, dx)
            : LectureModels.RnnStepBackward(H, W, b1, U, b2, h0, L.Column(a), b, 1.0, step.dH, step.dW, step.db1, step.dU, step.db2, step.dh0, dx);
        step.dL.SetColumn(a, dx);

        AssertAllMatch(
            new object[] { stepJ, step.dL, step.dH, step.dW, step.db1, step.dU, step.db2, step.dh0 },
            new object[] { J, sequence.dL, sequence.dH, sequence.dW, sequence.db1, sequence.dU, sequence.db2, sequence.dh0 },
            "two tokens vs one lecture step", Tolerance);
    }

    // ───────────── Helpers ─────────────

    private static MethodInfo Forward(string name) =>
        typeof(SequenceModels).GetMethod(name, BindingFlags.Public | BindingFlags.Static)
        ?? throw new XunitException($"SequenceModels.{name} not found.");

    private static MethodInfo Generated(string name) =>
        typeof(SequenceModels).GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.Static)
        ?? throw new XunitException($"SequenceModels.{name}Backward was not generated.");

    private static MethodInfo HandWritten(string name) =>
        typeof(HandWrittenBptt).GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.Static,
            Generated(name).GetParameters().Select(p => p.ParameterType).ToArray())
        ?? throw new XunitException($"HandWrittenBptt.{name}Backward with the generated signature is missing.");

    private static int DifferentiableCount(string name) => Forward(name).GetParameters().Count(GradientChecker.IsDifferentiable);

    /// <summary>Random inputs drawn as the gradient checker draws them; the token array optionally replaced.</summary>
    private static object[] RandomInputs(string name, int seed, int[]? tokens = null)
    {
        var random = new Random(seed);
        var inputs = Forward(name).GetParameters().Select(p => Inputs.Random(p, random)).ToArray();
        if (tokens is not null)
        {
            inputs[Array.FindIndex(inputs, i => i is int[])] = tokens;
        }

        return inputs;
    }

    private static int[] RandomTokens(int length, int vocabulary, int seed)
    {
        var random = new Random(seed * 7919);
        return Enumerable.Range(0, length).Select(_ => random.Next(vocabulary)).ToArray();
    }

    private static object[] Zeros(string name, object[] inputs) =>
        Forward(name).GetParameters().Select((p, i) => (p, i)).Where(t => GradientChecker.IsDifferentiable(t.p))
            .Select(t => Inputs.ZerosLike(inputs[t.i])).ToArray();

    /// <summary>
    /// Runs the generated backward and its hand-written twin on the same inputs, dResult and (random, non-zero)
    /// starting buffers; requires the values and every gradient entry to agree to <paramref name="tolerance"/>.
    /// <paramref name="tamper"/> may change the hand-written buffers afterwards, to show the comparison can fail.
    /// </summary>
    private static double Compare(string name, object[] inputs, int seed, Action<object[]>? tamper = null, double tolerance = Tolerance)
    {
        var forward = Forward(name);
        var random = new Random(seed + 1000);
        var value = forward.Invoke(null, inputs.Select(Inputs.DeepCopy).ToArray())!;
        object dResult = value is double ? 0.5 + random.NextDouble() : Fill(Inputs.ZerosLike(value), random);
        var start = Zeros(name, inputs).Select(z => Fill(z, random)).ToArray();

        object[] Arguments() => inputs.Select(Inputs.DeepCopy).Concat(new[] { Inputs.DeepCopy(dResult) }).Concat(start.Select(Inputs.DeepCopy)).ToArray();
        var generatedArguments = Arguments();
        var handArguments = Arguments();
        var generatedValue = Generated(name).Invoke(null, generatedArguments)!;
        var handValue = HandWritten(name).Invoke(null, handArguments)!;
        var handGradients = handArguments.Skip(inputs.Length + 1).ToArray();
        tamper?.Invoke(handGradients);

        var names = forward.GetParameters().Where(GradientChecker.IsDifferentiable).Select(p => "d" + p.Name).ToArray();
        var max = Within(value, generatedValue, tolerance, $"{name}: generated value vs forward");
        max = Math.Max(max, Within(handValue, generatedValue, tolerance, $"{name}: value"));
        for (var k = 0; k < names.Length; k++)
        {
            max = Math.Max(max, Within(handGradients[k], generatedArguments[inputs.Length + 1 + k], tolerance, $"{name}: {names[k]}"));
        }

        return max;
    }

    private static double Within(object expected, object actual, double tolerance, string what)
    {
        var error = GradientComparison.MaxRelativeError(expected, actual);
        if (!(error <= tolerance))
        {
            var worst = Enumerable.Range(0, Math.Min(Inputs.Count(expected), Inputs.Count(actual)))
                .OrderByDescending(i => Math.Abs(Inputs.Get(expected, i) - Inputs.Get(actual, i)))
                .Select(i => $"entry {i}: expected {Inputs.Get(expected, i):R}, got {Inputs.Get(actual, i):R}")
                .FirstOrDefault() ?? "shapes differ";
            throw new XunitException($"{what}: relative error {error:E2} > {tolerance:E0} ({worst}).");
        }

        return error;
    }

    private static double AssertAllMatch(object[] expected, object[] actual, string what, double tolerance)
    {
        var max = 0.0;
        for (var k = 0; k < expected.Length; k++)
        {
            max = Math.Max(max, Within(expected[k], actual[k], tolerance, $"{what} [{k}]"));
        }

        return max;
    }

    /// <summary>
    /// Central differences (step <see cref="GradientChecker.Step"/>) of dResult × forward on the given inputs against
    /// the generated gradient (from zero buffers), with the gradient checker's tolerance and error measure.
    /// </summary>
    private static double FiniteDifferenceError(string name, object[] inputs, double dResult, Action<object[]>? tamper = null)
    {
        var forward = Forward(name);
        var parameters = forward.GetParameters();
        var gradients = Zeros(name, inputs);
        var arguments = inputs.Select(Inputs.DeepCopy).Concat(new object[] { dResult }).Concat(gradients).ToArray();
        Generated(name).Invoke(null, arguments);
        gradients = arguments.Skip(inputs.Length + 1).ToArray();
        tamper?.Invoke(gradients);

        var max = 0.0;
        var k = 0;
        for (var index = 0; index < parameters.Length; index++)
        {
            if (!GradientChecker.IsDifferentiable(parameters[index]))
            {
                continue;
            }

            for (var e = 0; e < Inputs.Count(inputs[index]); e++)
            {
                var copy = inputs.Select(Inputs.DeepCopy).ToArray();
                var x = Inputs.Get(copy[index], e);
                copy[index] = Inputs.Set(copy[index], e, x + GradientChecker.Step);
                var plus = (double)forward.Invoke(null, copy)!;
                copy[index] = Inputs.Set(copy[index], e, x - GradientChecker.Step);
                var minus = (double)forward.Invoke(null, copy)!;
                var fd = dResult * (plus - minus) / (2 * GradientChecker.Step);
                var g = Inputs.Get(gradients[k], e);
                var error = Math.Abs(g - fd) / Math.Max(1e-3, Math.Max(Math.Abs(g), Math.Abs(fd)));
                if (!(error <= GradientChecker.Tolerance))
                {
                    throw new XunitException($"{name}: d{parameters[index].Name}[{e}] = {g:R} but central differences give {fd:R} (relative error {error:E2}).");
                }

                max = Math.Max(max, error);
            }

            k++;
        }

        return max;
    }

    private static Func<object[], object, object[], object> HandWrittenForChecker(string name, Action<object[]>? tamper = null)
    {
        var hand = HandWritten(name);
        return (inputs, dResult, gradients) =>
        {
            var arguments = inputs.Concat(new[] { dResult }).Concat(gradients).ToArray();
            var value = hand.Invoke(null, arguments)!;
            for (var k = 0; k < gradients.Length; k++)
            {
                gradients[k] = arguments[inputs.Length + 1 + k];
            }

            tamper?.Invoke(gradients);
            return value;
        };
    }

    private static void Perturb(object[] gradients, int which, int index, double amount) =>
        gradients[which] = Inputs.Set(gradients[which], index, Inputs.Get(gradients[which], index) + amount);

    private static object Fill(object value, Random random)
    {
        for (var i = 0; i < Inputs.Count(value); i++)
        {
            value = Inputs.Set(value, i, 2 * random.NextDouble() - 1);
        }

        return value;
    }

    private static (Matrix<double> L, Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2, Vector<double> h0, int[] tokens) Unpack(object[] inputs) =>
        ((Matrix<double>)inputs[0], (Matrix<double>)inputs[1], (Matrix<double>)inputs[2], (Vector<double>)inputs[3],
            (Matrix<double>)inputs[4], (Vector<double>)inputs[5], (Vector<double>)inputs[6], (int[])inputs[7]);

    private sealed record RnnGradients(Matrix<double> dL, Matrix<double> dH, Matrix<double> dW, Vector<double> db1, Matrix<double> dU, Vector<double> db2, Vector<double> dh0);

    private static RnnGradients Zeros(object[] inputs)
    {
        var (L, H, W, b1, U, b2, h0, _) = Unpack(inputs);
        return new RnnGradients(
            Matrix<double>.Build.Dense(L.RowCount, L.ColumnCount), Matrix<double>.Build.Dense(H.RowCount, H.ColumnCount),
            Matrix<double>.Build.Dense(W.RowCount, W.ColumnCount), Vector<double>.Build.Dense(b1.Count),
            Matrix<double>.Build.Dense(U.RowCount, U.ColumnCount), Vector<double>.Build.Dense(b2.Count), Vector<double>.Build.Dense(h0.Count));
    }

    /// <summary>J and (dL, dH, dW, db1, dU, db2, dh0) from one RnnLanguageModelLossBackward call.</summary>
    private static object[] WholeSequence(object[] inputs)
    {
        var (L, H, W, b1, U, b2, h0, tokens) = Unpack(inputs);
        var g = Zeros(inputs);
        var J = SequenceModels.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, g.dL, g.dH, g.dW, g.db1, g.dU, g.db2, g.dh0);
        return new object[] { J, g.dL, g.dH, g.dW, g.db1, g.dU, g.db2, g.dh0 };
    }

    /// <summary>
    /// BPTT driven by hand with the generated single-step backwards: forward with RnnStep; then for t from last to
    /// first, StepLossBackward (dResult 1) into dU, db₂ and dh⁽ᵗ⁾, plus the gradient carried from step t+1, then
    /// RnnStepBackward(dResult = dh⁽ᵗ⁾) into the same dH, dW, db₁ buffers, dx into column tokens[t] of dL.
    /// </summary>
    private static object[] StepByStep(object[] inputs, bool carryFutureGradient)
    {
        var (L, H, W, b1, U, b2, h0, tokens) = Unpack(inputs);
        var steps = tokens.Length - 1;
        var states = new Vector<double>[steps + 1];
        states[0] = h0;
        for (var t = 0; t < steps; t++)
        {
            states[t + 1] = SequenceModels.RnnStep(H, W, b1, states[t], L.Column(tokens[t]));
        }

        var g = Zeros(inputs);
        var J = 0.0;
        var carried = Vector<double>.Build.Dense(h0.Count);
        for (var t = steps - 1; t >= 0; t--)
        {
            var dh = Vector<double>.Build.Dense(h0.Count);
            J += SequenceModels.StepLossBackward(U, b2, states[t + 1], tokens[t + 1], 1.0, g.dU, g.db2, dh);
            if (carryFutureGradient)
            {
                dh.Add(carried, dh);
            }

            var dhPrev = Vector<double>.Build.Dense(h0.Count);
            var dx = Vector<double>.Build.Dense(L.RowCount);
            SequenceModels.RnnStepBackward(H, W, b1, states[t], L.Column(tokens[t]), dh, g.dH, g.dW, g.db1, dhPrev, dx);
            g.dL.SetColumn(tokens[t], g.dL.Column(tokens[t]) + dx);
            carried = dhPrev;
        }

        g.dh0.Add(carried, g.dh0);
        return new object[] { J, g.dL, g.dH, g.dW, g.db1, g.dU, g.db2, g.dh0 };
    }

    private static long Measure(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
