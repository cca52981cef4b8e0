using System;
using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>Comparisons and copies shared by the trainer tests.</summary>
internal static class TrainingAssert
{
    /// <summary>Every value of every parameter has the same bits (so −0 ≠ +0 and NaN payloads count).</summary>
    public static void BitIdentical(IReadOnlyList<double[]> expected, IReadOnlyList<double[]> actual, string what = "values")
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int p = 0; p < expected.Count; p++)
        {
            Assert.Equal(expected[p].Length, actual[p].Length);
            for (int i = 0; i < expected[p].Length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(expected[p][i]) != BitConverter.DoubleToInt64Bits(actual[p][i]))
                {
                    Assert.Fail($"{what}: parameter {p} entry {i} differs: {expected[p][i]:R} vs {actual[p][i]:R}");
                }
            }
        }
    }

    public static double[][] Values(ParameterSet set) => set.Select(p => p.Values.ToArray()).ToArray();

    public static double[][] Gradients(ParameterSet set) => set.Select(p => p.Gradients.ToArray()).ToArray();

    public static void CopyValues(IReadOnlyList<double[]> from, ParameterSet to)
    {
        for (int i = 0; i < to.Count; i++)
        {
            from[i].CopyTo(to[i].Values, 0);
        }
    }

    /// <summary>A deep copy, as writing a checkpoint and reading it back would make.</summary>
    public static OptimizerState Copy(OptimizerState state) =>
        new(state.StepCount, state.Tensors.Select(t => new OptimizerStateTensor(t.ParameterName, t.Slot, t.Shape.ToArray(), t.Data.ToArray())).ToList());

    /// <summary>A deep copy of the trainer state (its best values are live views).</summary>
    public static TrainerState Copy(TrainerState state) =>
        state with { BestValues = state.BestValues?.Select(v => v.ToArray()).ToArray() };
}
