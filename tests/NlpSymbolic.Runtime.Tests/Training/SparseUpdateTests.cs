using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>
/// Sparse-column updates against dense updates of the same gradients. Seven rows make every column a
/// SIMD body plus a scalar tail, laid out differently from the whole-array dense update, so bitwise equality
/// also shows the kernels do not depend on alignment.
/// </summary>
public sealed class SparseUpdateTests
{
    private const int Rows = 7, Columns = 9;
    private static readonly int[] Touched = [6, 1, 4];

    public static IEnumerable<object[]> Optimizers()
    {
        yield return ["sgd"];
        yield return ["momentum"];
        yield return ["adagrad"];
        yield return ["adam"];
    }

    private static Optimizer Create(string kind, double weightDecay) => kind switch
    {
        "sgd" => new Sgd(0.1, weightDecay: weightDecay),
        "momentum" => new Sgd(0.1, momentum: 0.9, weightDecay: weightDecay),
        "adagrad" => new AdaGrad(0.1, weightDecay: weightDecay),
        _ => new Adam(0.05, weightDecay: weightDecay),
    };

    private static (ParameterSet Dense, ParameterSet Sparse) Pair()
    {
        Matrix<double> start = Init.Uniform(Rows, Columns, -1, 1, seed: 11);
        var dense = new ParameterSet();
        dense.Add("E", start.Clone());
        var sparse = new ParameterSet();
        sparse.Add("E", start.Clone(), sparseColumns: true);
        return (dense, sparse);
    }

    /// <summary>The same random gradient on the touched columns of both sets, zero elsewhere.</summary>
    private static void Backward(ParameterSet dense, ParameterSet sparse, Random random)
    {
        dense.ZeroGradients();
        sparse.ZeroGradients();
        foreach (int column in Touched)
        {
            for (int row = 0; row < Rows; row++)
            {
                double g = random.NextDouble() * 2 - 1;
                dense[0].GradientColumn(column)[row] = g;
                sparse[0].GradientColumn(column)[row] = g;
            }

            sparse[0].TouchColumn(column);
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void SparseUpdatesEqualDenseUpdatesBitForBit(string kind)
    {
        var (dense, sparse) = Pair();
        double[] before = (double[])sparse[0].Values.Clone();
        Optimizer denseOptimizer = Create(kind, 0), sparseOptimizer = Create(kind, 0);
        var random = new Random(1);
        for (int step = 0; step < 3; step++)
        {
            Backward(dense, sparse, random);
            denseOptimizer.Step(dense);
            sparseOptimizer.Step(sparse);
        }

        // With no weight decay, zero-gradient columns stay put under the dense update too.
        Assert.Equal(dense[0].Values, sparse[0].Values);
        Assert.NotEqual(before, sparse[0].Values);
        for (int i = 0; i < denseOptimizer.ExportState().Tensors.Count; i++)
        {
            Assert.Equal(denseOptimizer.ExportState().Tensors[i].Data.ToArray(), sparseOptimizer.ExportState().Tensors[i].Data.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void WithWeightDecayOnlyTouchedColumnsMove(string kind)
    {
        var (dense, sparse) = Pair();
        double[] before = (double[])sparse[0].Values.Clone();
        Optimizer denseOptimizer = Create(kind, 0.1), sparseOptimizer = Create(kind, 0.1);
        var random = new Random(2);
        for (int step = 0; step < 3; step++)
        {
            Backward(dense, sparse, random);
            denseOptimizer.Step(dense);
            sparseOptimizer.Step(sparse);
        }

        for (int column = 0; column < Columns; column++)
        {
            double[] s = sparse[0].ValueColumn(column).ToArray();
            if (Array.IndexOf(Touched, column) >= 0)
            {
                Assert.Equal(dense[0].ValueColumn(column).ToArray(), s);
            }
            else
            {
                Assert.Equal(before.AsSpan(column * Rows, Rows).ToArray(), s);                 // lazy: untouched
                Assert.NotEqual(before.AsSpan(column * Rows, Rows).ToArray(), dense[0].ValueColumn(column).ToArray()); // dense decays
            }
        }
    }

    [Fact]
    public void ASparseParameterWithNoTouchedColumnsIsNotUpdated()
    {
        var (_, sparse) = Pair();
        double[] before = (double[])sparse[0].Values.Clone();
        Array.Fill(sparse[0].Gradients, 1.0); // outside the contract: nothing recorded, so nothing is read
        new Adam(0.1, weightDecay: 0.5).Step(sparse);
        Assert.Equal(before, sparse[0].Values);
    }
}
