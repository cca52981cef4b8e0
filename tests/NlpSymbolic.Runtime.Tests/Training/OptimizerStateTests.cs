using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

public sealed class OptimizerStateTests
{
    private static ParameterSet Model(int seed)
    {
        var set = new ParameterSet();
        set.Add("W", Init.Uniform(3, 5, -1, 1, seed));
        set.Add("b", Init.Uniform(3, -1, 1, seed + 1));
        set.Add("E", Init.Uniform(4, 10, -1, 1, seed + 2), sparseColumns: true);
        return set;
    }

    private static void Backward(ParameterSet set, int step)
    {
        set.ZeroGradients();
        var random = new Random(100 + step);
        foreach (Parameter p in set)
        {
            if (!p.SparseColumns)
            {
                for (int i = 0; i < p.Length; i++)
                {
                    p.Gradients[i] = random.NextDouble() - 0.5;
                }

                continue;
            }

            int column = random.Next(p.Columns);
            p.GradientColumn(column).Fill(random.NextDouble());
            p.TouchColumn(column);
        }
    }

    /// <summary>What a checkpoint does: copies the data out, as serialising would.</summary>
    private static OptimizerState Copy(OptimizerState state)
    {
        var tensors = new List<OptimizerStateTensor>();
        foreach (OptimizerStateTensor t in state.Tensors)
        {
            tensors.Add(new OptimizerStateTensor(t.ParameterName, t.Slot, [.. t.Shape], t.Data.ToArray()));
        }

        return new OptimizerState(state.StepCount, tensors);
    }

    private static ParameterSet CopyValues(ParameterSet from)
    {
        ParameterSet to = Model(0);
        for (int i = 0; i < from.Count; i++)
        {
            from[i].Values.CopyTo(to[i].Values, 0);
        }

        return to;
    }

    public static IEnumerable<object[]> Factories()
    {
        yield return [new Func<Optimizer>(() => new Sgd(0.1, momentum: 0.9, weightDecay: 0.01))];
        yield return [new Func<Optimizer>(() => new AdaGrad(0.1))];
        yield return [new Func<Optimizer>(() => new Adam(0.01, weightDecay: 0.01))];
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ResumingFromExportedStateContinuesBitIdentically(Func<Optimizer> create)
    {
        ParameterSet original = Model(7);
        Optimizer running = create();
        for (int step = 0; step < 3; step++)
        {
            Backward(original, step);
            running.Step(original);
        }

        OptimizerState saved = Copy(running.ExportState());
        ParameterSet restored = CopyValues(original);
        Optimizer resumed = create();
        resumed.LoadState(restored, saved);
        Assert.Equal(3, resumed.StepCount);

        for (int step = 3; step < 6; step++)
        {
            Backward(original, step);
            running.Step(original);
            Backward(restored, step);
            resumed.Step(restored);
        }

        for (int i = 0; i < original.Count; i++)
        {
            Assert.Equal(original[i].Values, restored[i].Values);
        }
    }

    [Fact]
    public void ExportNamesShapesAndCountsTheState()
    {
        var adam = new Adam();
        Assert.Empty(adam.ExportState().Tensors);
        ParameterSet set = Model(1);
        adam.Step(set);
        OptimizerState state = adam.ExportState();
        Assert.Equal(1, state.StepCount);
        Assert.Equal(6, state.Tensors.Count);
        Assert.Equal("W.m", state.Tensors[0].Name);
        Assert.Equal("W.v", state.Tensors[1].Name);
        Assert.Equal(new[] { 3, 5 }, state.Tensors[0].Shape);
        Assert.Equal(new[] { 3 }, state.Tensors[2].Shape);
        Assert.Equal(15, state.Tensors[0].Data.Length);
        Assert.Equal(new[] { "m", "v" }, adam.SlotNames);
    }

    [Fact]
    public void LoadStateNamesWhatIsWrongAndChangesNothing()
    {
        ParameterSet set = Model(1);
        var adam = new Adam();
        adam.Step(set);
        OptimizerState good = Copy(adam.ExportState());

        var fresh = new Adam();
        var wrongKind = Assert.Throws<ArgumentException>(() => fresh.LoadState(set, Copy(new Sgd(0.1, momentum: 0.5).StepAndExport(set))));
        Assert.Contains("no 'W.m'", wrongKind.Message);

        var tensors = new List<OptimizerStateTensor>(good.Tensors);
        tensors[0] = new OptimizerStateTensor("W", "m", [5, 3], new double[15]);
        var shape = Assert.Throws<ArgumentException>(() => fresh.LoadState(set, new OptimizerState(1, tensors)));
        Assert.Contains("'W.m' has shape [5, 3]", shape.Message);
        Assert.Contains("3×5", shape.Message);

        tensors = new List<OptimizerStateTensor>(good.Tensors) { new("W", "extra", [3, 5], new double[15]) };
        var extra = Assert.Throws<ArgumentException>(() => fresh.LoadState(set, new OptimizerState(1, tensors)));
        Assert.Contains("W.extra", extra.Message);

        Assert.Equal(0, fresh.StepCount);
        Assert.Empty(fresh.ExportState().Tensors);
        fresh.LoadState(set, good);
        Assert.Equal(1, fresh.StepCount);
    }
}

internal static class OptimizerTestExtensions
{
    public static OptimizerState StepAndExport(this Optimizer optimizer, ParameterSet set)
    {
        optimizer.Step(set);
        return optimizer.ExportState();
    }
}
