using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>A warmed-up training step's bookkeeping allocates nothing.</summary>
public sealed class TrainingAllocationTests
{
    private static (ParameterSet Set, ParameterSet Worker) Model()
    {
        var set = new ParameterSet();
        set.Add("W", Init.Uniform(13, 7, -1, 1, seed: 1));
        set.Add("b", Init.Uniform(13, -1, 1, seed: 2));
        set.Add("E", Init.Uniform(5, 50, -1, 1, seed: 3), sparseColumns: true);
        return (set, set.CreateGradientBuffers());
    }

    private static void Step(ParameterSet set, ParameterSet worker, Optimizer optimizer, LearningRateSchedule schedule, ReadOnlySpan<int> words)
    {
        worker.ZeroGradients();
        Array.Fill(worker[0].Gradients, 0.5);
        Array.Fill(worker[1].Gradients, -0.5);
        foreach (int word in words)
        {
            worker[2].GradientColumn(word).Fill(2.0);
        }

        worker[2].TouchColumns(words);
        set.ZeroGradients();
        set.AddGradientsFrom(worker);
        GradientClipping.ClipByGlobalNorm(set, 1.0);
        GradientClipping.ClipByValue(set, 0.1);
        if (set.FirstNonFiniteGradient() is not null)
        {
            throw new InvalidOperationException();
        }

        schedule.Apply(optimizer);
        optimizer.Step(set);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("adagrad")]
    [InlineData("adam")]
    public void SteadyStateStepsAllocateNothing(string kind)
    {
        Optimizer optimizer = kind switch
        {
            "sgd" => new Sgd(0.1, weightDecay: 1e-4),
            "momentum" => new Sgd(0.1, momentum: 0.9),
            "adagrad" => new AdaGrad(0.1),
            _ => new Adam(1e-3, weightDecay: 1e-4),
        };
        var schedule = new WarmupDecaySchedule(0.1, 2, 100);
        var (set, worker) = Model();
        int[] words = [3, 17, 3, 42];
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            Step(set, worker, optimizer, schedule, words);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            Step(set, worker, optimizer, schedule, words);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0L, allocated);
        Assert.Equal(8, optimizer.StepCount);
    }
}
