using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.Models;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// A model written as a partial class (<see cref="CharRnn"/>): the generated instance Backward methods against
/// central differences, and a training loop built on the generated Gradients class and CreateParameterSet.
/// </summary>
public class ModelClassTests
{
    private const int Vocabulary = 5;
    private const int Hidden = 4;
    private static readonly int[] Inputs = { 0, 2, 4, 2, 2, 1, 3 };
    private static readonly int[] Targets = { 2, 4, 2, 2, 1, 3, 0 };

    private static Vector<double> H0() => Vector<double>.Build.Dense(Hidden, i => 0.1 * (i - 1.5));

    [Fact]
    public void LossGradientsMatchCentralDifferences()
    {
        var model = new CharRnn(Vocabulary, Hidden, seed: 1) { sharpness = 1.3 };
        var h0 = H0();
        var gradients = new CharRnn.Gradients(model);
        var dh0 = Vector<double>.Build.Dense(Hidden);

        var value = model.LossBackward(h0, Inputs, Targets, 2.0, gradients, dh0);
        Assert.Equal(model.Loss(h0, Inputs, Targets), value, 12);

        double J() => 2.0 * model.Loss(h0, Inputs, Targets);
        var parameters = model.CreateParameterSet(gradients);
        Assert.Equal(new[] { "Wxh", "Whh", "Why", "bh", "by" }, Names(parameters));
        foreach (var parameter in parameters)
        {
            for (var i = 0; i < parameter.Length; i++)
            {
                AssertClose(CentralDifference(J, parameter.Values, i), parameter.Gradients[i], parameter.Name + "[" + i + "]");
            }
        }

        var h0Storage = h0.AsArray();
        for (var i = 0; i < Hidden; i++)
        {
            AssertClose(CentralDifference(J, h0Storage, i), dh0[i], "h0[" + i + "]");
        }

        var sharpness = new[] { model.sharpness };
        double JS() { model.sharpness = sharpness[0]; return J(); }
        AssertClose(CentralDifference(JS, sharpness, 0), gradients.sharpness, "sharpness");
    }

    [Fact]
    public void StepGradientsMatchCentralDifferencesAndAreAdded()
    {
        var model = new CharRnn(Vocabulary, Hidden, seed: 2);
        var h = H0();
        var r = Vector<double>.Build.Dense(Hidden, i => 0.3 + 0.2 * i);
        var gradients = new CharRnn.Gradients(model);
        var dh = Vector<double>.Build.Dense(Hidden);

        // ADD semantics: two calls add twice the gradient.
        var value = model.StepBackward(h, 3, r, gradients, dh);
        model.StepBackward(h, 3, r, gradients, dh);
        Assert.Equal(model.Step(h, 3), value);

        double J() => 2 * (r * model.Step(h, 3));
        AssertClose(CentralDifference(J, model.Wxh.AsColumnMajorArray(), 3 * Hidden + 1), gradients.Wxh[1, 3], "Wxh[1,3]");
        Assert.Equal(0.0, gradients.Wxh[1, 2]);
        AssertClose(CentralDifference(J, model.Whh.AsColumnMajorArray(), 5), gradients.Whh[1, 1], "Whh[1,1]");
        AssertClose(CentralDifference(J, model.bh.AsArray(), 2), gradients.bh[2], "bh[2]");
        AssertClose(CentralDifference(J, h.AsArray(), 0), dh[0], "h[0]");
        Assert.Equal(0.0, gradients.Why.FrobeniusNorm());

        gradients.Clear();
        Assert.Equal(0.0, gradients.Wxh.FrobeniusNorm() + gradients.bh.L2Norm() + Math.Abs(gradients.sharpness));
    }

    [Fact]
    public void TrainingWithCreateParameterSetLowersTheLossAndAllocatesNothingOnceWarm()
    {
        var model = new CharRnn(Vocabulary, Hidden, seed: 3);
        var h0 = H0();
        var gradients = new CharRnn.Gradients(model);
        var parameters = model.CreateParameterSet(gradients);
        var optimizer = new AdaGrad(learningRate: 0.1);
        var dh0 = Vector<double>.Build.Dense(Hidden);

        double Step()
        {
            gradients.Clear();
            dh0.Clear();
            var loss = model.LossBackward(h0, Inputs, Targets, 1.0, gradients, dh0);
            GradientClipping.ClipByValue(parameters, 5.0);
            optimizer.Step(parameters);
            return loss;
        }

        var first = Step();
        var last = first;
        for (var i = 0; i < 60; i++)
        {
            last = Step();
        }

        Assert.True(last < 0.5 * first, $"loss {first} -> {last}");

        var before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// A model method with several outputs (<see cref="LstmLanguageModel.Chunk"/> returns (loss, h, c) and calls the
    /// instance method Cell, which returns (h, c)), through both generated wrappers: seeds (2, r, null) are the
    /// gradient of 2·loss + r·h, nothing from c.
    /// </summary>
    [Fact]
    public void TupleResultGradientsMatchCentralDifferencesThroughBothWrappers()
    {
        var model = new LstmLanguageModel(vocabulary: 5, dimension: 3, hidden: 4, seed: 4);
        var h0 = H0();
        var c0 = Vector<double>.Build.Dense(Hidden, i => 0.2 - 0.05 * i);
        var r = Vector<double>.Build.Dense(Hidden, i => 0.3 + 0.2 * i);
        var gradients = new LstmLanguageModel.Gradients(model);
        var dh0 = Vector<double>.Build.Dense(Hidden);
        var dc0 = Vector<double>.Build.Dense(Hidden);

        var (loss, h, c) = model.ChunkBackward(h0, c0, Inputs, Targets, (2.0, r, null), gradients, dh0, dc0);
        var expected = model.Chunk(h0, c0, Inputs, Targets);
        Assert.Equal(expected.loss, loss, 12);
        Assert.Equal(expected.h, h);
        Assert.Equal(expected.c, c);

        double J()
        {
            var (l, hT, _) = model.Chunk(h0, c0, Inputs, Targets);
            return 2 * l + r * hT;
        }

        var parameters = model.CreateParameterSet(gradients);
        foreach (var parameter in parameters)
        {
            for (var i = 0; i < parameter.Length; i += 3)
            {
                AssertClose(CentralDifference(J, parameter.Values, i), parameter.Gradients[i], parameter.Name + "[" + i + "]");
            }
        }

        for (var i = 0; i < Hidden; i++)
        {
            AssertClose(CentralDifference(J, h0.AsArray(), i), dh0[i], "h0[" + i + "]");
            AssertClose(CentralDifference(J, c0.AsArray(), i), dc0[i], "c0[" + i + "]");
        }

        // The ParameterSet wrapper writes the same gradient into a worker's buffers.
        var buffers = parameters.CreateGradientBuffers();
        model.ChunkBackward(h0, c0, Inputs, Targets, (2.0, r, null), buffers, Vector<double>.Build.Dense(Hidden), Vector<double>.Build.Dense(Hidden));
        for (var k = 0; k < parameters.Count; k++)
        {
            for (var i = 0; i < parameters[k].Length; i++)
            {
                Assert.Equal(parameters[k].Gradients[i], buffers[k].Gradients[i], 12);
            }
        }
    }

    private static string[] Names(ParameterSet parameters)
    {
        var names = new string[parameters.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = parameters[i].Name;
        }

        return names;
    }

    /// <summary>(J(θᵢ + ε) − J(θᵢ − ε)) / 2ε, perturbing the storage in place and restoring it.</summary>
    private static double CentralDifference(Func<double> J, double[] storage, int i, double epsilon = 1e-5)
    {
        var saved = storage[i];
        storage[i] = saved + epsilon;
        var plus = J();
        storage[i] = saved - epsilon;
        var minus = J();
        storage[i] = saved;
        J();
        return (plus - minus) / (2 * epsilon);
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        var error = Math.Abs(expected - actual) / Math.Max(1.0, Math.Abs(expected) + Math.Abs(actual));
        Assert.True(error < 1e-6, $"{what}: central difference {expected}, generated {actual}");
    }
}
