using System;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

public sealed class LearningRateScheduleTests
{
    private static void Rates(LearningRateSchedule schedule, params (int Step, double Rate)[] expected)
    {
        foreach (var (step, rate) in expected)
        {
            Near.Equal(rate, schedule.Rate(step), 1e-14, $"step {step}");
        }
    }

    [Fact]
    public void Constant() => Rates(new ConstantSchedule(0.1), (0, 0.1), (1000, 0.1));

    [Fact]
    public void StepDecayHalvesEveryInterval() =>
        Rates(new StepDecaySchedule(0.8, 0.5, interval: 10), (0, 0.8), (9, 0.8), (10, 0.4), (19, 0.4), (20, 0.2), (35, 0.1));

    [Fact]
    public void ExponentialDecayIsSmooth() =>
        Rates(new ExponentialDecaySchedule(1.0, 0.5, decaySteps: 4), (0, 1.0), (2, Math.Sqrt(0.5)), (4, 0.5), (8, 0.25));

    [Fact]
    public void InverseTimeDecay() =>
        Rates(new InverseTimeDecaySchedule(1.0, 0.5, decaySteps: 2), (0, 1.0), (2, 1 / 1.5), (4, 0.5), (6, 0.4));

    [Fact]
    public void WarmupThenLinearDecay() =>
        Rates(
            new WarmupDecaySchedule(1.0, warmupSteps: 4, totalSteps: 14, WarmupDecayShape.Linear, finalRate: 0.1),
            (0, 0.25), (1, 0.5), (3, 1.0), (4, 1.0), (9, 0.55), (13, 0.19), (14, 0.1), (100, 0.1));

    [Fact]
    public void WarmupThenCosineDecay() =>
        Rates(
            new WarmupDecaySchedule(2.0, warmupSteps: 2, totalSteps: 6),
            (0, 1.0), (1, 2.0), (2, 2.0), (3, 1 + Math.Cos(Math.PI / 4)), (4, 1.0), (5, 1 + Math.Cos(3 * Math.PI / 4)), (6, 0.0));

    [Fact]
    public void NoWarmupStartsAtThePeak() =>
        Rates(new WarmupDecaySchedule(1.0, 0, 10, WarmupDecayShape.Linear), (0, 1.0), (5, 0.5), (10, 0.0));

    [Fact]
    public void ApplySetsTheOptimizersRateFromItsStepCount()
    {
        var schedule = new StepDecaySchedule(1.0, 0.5, interval: 1);
        var sgd = new Sgd(99);
        var set = new ParameterSet();
        set.Add("w", MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(1));
        schedule.Apply(sgd);
        Assert.Equal(1.0, sgd.LearningRate);
        sgd.Step(set);
        sgd.Step(set);
        schedule.Apply(sgd);
        Assert.Equal(0.25, sgd.LearningRate);
    }

    [Fact]
    public void BadSettingsAndStepsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecaySchedule(1, 1.5, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecaySchedule(1, 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecaySchedule(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseTimeDecaySchedule(1, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupDecaySchedule(1, 10, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupDecaySchedule(1, -1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(1).Rate(-1));
    }
}
