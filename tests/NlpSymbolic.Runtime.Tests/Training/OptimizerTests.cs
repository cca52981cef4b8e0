using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>
/// Each optimiser against a few steps worked out by hand (the numbers in the comments), to 1e-13 relative.
/// </summary>
public sealed class OptimizerTests
{
    private const double Tolerance = 1e-13;

    private static (ParameterSet Set, Parameter W) Vector(params double[] values)
    {
        var set = new ParameterSet();
        Parameter w = set.Add("w", Vector<double>.Build.DenseOfArray(values));
        return (set, w);
    }

    private static void StepWith(Optimizer optimizer, ParameterSet set, Parameter p, params double[] gradient)
    {
        gradient.CopyTo(p.Gradients, 0);
        optimizer.Step(set);
    }

    private static void Expect(Parameter p, params double[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Near.Equal(expected[i], p.Values[i], Tolerance, $"{p.Name}[{i}]");
        }
    }

    [Fact]
    public void SgdTakesPlainGradientSteps()
    {
        var (set, w) = Vector(1.0, -2.0);
        var sgd = new Sgd(learningRate: 0.1);
        StepWith(sgd, set, w, 0.5, 1.0);
        Expect(w, 0.95, -2.1);   // 1 − 0.1·0.5, −2 − 0.1·1
        StepWith(sgd, set, w, 0.5, 1.0);
        Expect(w, 0.9, -2.2);
        Assert.Equal(2, sgd.StepCount);
        Assert.Empty(sgd.SlotNames);
    }

    [Fact]
    public void SgdMomentumAccumulatesVelocity()
    {
        var (set, w) = Vector(1.0);
        var sgd = new Sgd(learningRate: 0.1, momentum: 0.9);
        StepWith(sgd, set, w, 1.0);
        Expect(w, 0.9);     // v = 1,    w = 1 − 0.1
        StepWith(sgd, set, w, 1.0);
        Expect(w, 0.71);    // v = 1.9,  w = 0.9 − 0.19
        StepWith(sgd, set, w, 1.0);
        Expect(w, 0.439);   // v = 2.71, w = 0.71 − 0.271
        Assert.Equal(2.71, sgd.ExportState().Tensors[0].Data.Span[0], 14);
    }

    [Fact]
    public void SgdWeightDecayIsAddedToTheGradient()
    {
        var (set, w) = Vector(2.0);
        var sgd = new Sgd(learningRate: 0.1, weightDecay: 0.1);
        StepWith(sgd, set, w, 0.5);
        Expect(w, 1.93);    // g' = 0.5 + 0.1·2 = 0.7
        StepWith(sgd, set, w, 0.5);
        Expect(w, 1.8607);  // g' = 0.5 + 0.1·1.93 = 0.693
        Assert.Equal(0.5, w.Gradients[0]); // the buffer itself is not changed

        // With momentum and a zero gradient the decay alone drives the weights: v ← 0.9v + 0.5w.
        (set, w) = Vector(1.0);
        var heavy = new Sgd(learningRate: 0.1, momentum: 0.9, weightDecay: 0.5);
        StepWith(heavy, set, w, 0.0);
        Expect(w, 0.95);
        StepWith(heavy, set, w, 0.0);
        Expect(w, 0.8575);
        StepWith(heavy, set, w, 0.0);
        Expect(w, 0.731375);
    }

    [Fact]
    public void AdaGradFollowsMinCharRnn()
    {
        // s += g²; w −= 0.1·g / √(s + 1e-8)
        var (set, w) = Vector(1.0, -1.0);
        var adagrad = new AdaGrad(learningRate: 0.1);
        StepWith(adagrad, set, w, 2.0, 0.5);
        Expect(w, 0.90000000012499999977, -1.0999999980000000600);
        StepWith(adagrad, set, w, -1.0, 0.5);
        Expect(w, 0.94472135963027443421, -1.1707106754115480419);
        StepWith(adagrad, set, w, 0.5, 0.5);
        Expect(w, 0.92289957062745785227, -1.2284457019456104427);
        Assert.Equal(new[] { 4 + 1 + 0.25, 0.75 }, adagrad.ExportState().Tensors[0].Data.ToArray());
    }

    [Fact]
    public void AdaGradWeightDecay()
    {
        var (set, w) = Vector(1.0);
        var adagrad = new AdaGrad(learningRate: 0.1, weightDecay: 0.1);
        StepWith(adagrad, set, w, 1.0);
        Expect(w, 0.90000000041322313793);   // g' = 1.1, s = 1.21
        StepWith(adagrad, set, w, 1.0);
        Expect(w, 0.82961293603971097629);   // g' = 1.09, s = 1.21 + 1.1881
    }

    [Fact]
    public void AdamWithBiasCorrection()
    {
        // m = 0.9m + 0.1g, v = 0.999v + 0.001g², w −= 0.1·(m / (1 − 0.9ᵗ)) / (√(v / (1 − 0.999ᵗ)) + 1e-8)
        var (set, w) = Vector(1.0, -1.0);
        var adam = new Adam(learningRate: 0.1);
        StepWith(adam, set, w, 1.0, 0.5);
        Expect(w, 0.90000000099999999000, -1.0999999980000000400);
        StepWith(adam, set, w, -2.0, 0.5);
        Expect(w, 0.93661035347207508821, -1.1999999960000000800);
        StepWith(adam, set, w, 0.5, -0.25);
        Expect(w, 0.95027941967382172559, -1.2515653353874835382);

        OptimizerState state = adam.ExportState();
        Assert.Equal(3, state.StepCount);
        Assert.Equal(new[] { "w.m", "w.v" }, new[] { state.Tensors[0].Name, state.Tensors[1].Name });
        Near.Equal(-0.049, state.Tensors[0].Data.Span[0], Tolerance);
        Near.Equal(0.0605, state.Tensors[0].Data.Span[1], Tolerance);
        Near.Equal(0.005244001, state.Tensors[1].Data.Span[0], Tolerance);
        Near.Equal(0.00056175025, state.Tensors[1].Data.Span[1], Tolerance);
    }

    [Fact]
    public void AdamWeightDecayIsCoupled()
    {
        var (set, w) = Vector(2.0);
        var adam = new Adam(learningRate: 0.01, weightDecay: 0.01);
        StepWith(adam, set, w, 0.5);
        Expect(w, 1.9900000001923076886);   // g' = 0.5 + 0.01·2
        StepWith(adam, set, w, 0.5);
        Expect(w, 1.9800000505619688334);   // g' = 0.5 + 0.01·1.99
    }

    [Fact]
    public void ChangingTheLearningRateTakesEffectOnTheNextStep()
    {
        var (set, w) = Vector(1.0);
        var sgd = new Sgd(learningRate: 0.1);
        StepWith(sgd, set, w, 1.0);
        sgd.LearningRate = 0.5;
        StepWith(sgd, set, w, 1.0);
        Expect(w, 0.4);
    }

    [Fact]
    public void BadHyperParametersAreRejectedWithTheirNames()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(learningRate: -0.1));
        Assert.Contains("learning rate", negative.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(learningRate: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(learningRate: double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaGrad(0.1, epsilon: -1e-8));
        var momentum = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1, momentum: 1.5));
        Assert.Contains("momentum", momentum.Message);
        var decay = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1, weightDecay: double.NaN));
        Assert.Contains("weight decay", decay.Message);

        var sgd = new Sgd(0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = double.NaN);
        Assert.Equal(0.1, sgd.LearningRate);
    }

    [Fact]
    public void AChangedLayoutIsRejected()
    {
        var (set, w) = Vector(1.0, 2.0);
        var adam = new Adam();
        adam.Step(set);
        set.Add("late", Vector<double>.Build.Dense(3));
        var e = Assert.Throws<ArgumentException>(() => adam.Step(set));
        Assert.Contains("w length 2", e.Message);
        Assert.Contains("late length 3", e.Message);

        // Another set with the same names and shapes is accepted (e.g. rebuilt after loading a checkpoint).
        var (again, _) = Vector(1.0, 2.0);
        adam.Step(again);
        Assert.Equal(2, adam.StepCount);
    }
}
