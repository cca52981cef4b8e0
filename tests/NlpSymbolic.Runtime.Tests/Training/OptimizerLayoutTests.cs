using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>
/// An optimiser's state belongs to one layout (names, order, shapes): a set or a saved state that differs in any
/// one of them — not only in the number of parameters — is refused, and nothing changes.
/// </summary>
public sealed class OptimizerLayoutTests
{
    private static ParameterSet Set(string matrixName = "W", int rows = 3, int columns = 5, string vectorName = "b", int length = 3)
    {
        var set = new ParameterSet();
        set.Add(matrixName, Matrix<double>.Build.Dense(rows, columns, 0.5));
        set.Add(vectorName, Vector<double>.Build.Dense(length, 0.25));
        return set;
    }

    private static Adam Stepped(ParameterSet set)
    {
        var adam = new Adam(0.01);
        set[0].Gradients.AsSpan().Fill(1.0);
        adam.Step(set);
        return adam;
    }

    [Theory]
    [InlineData("V", 3, 5, "b", 3)]
    [InlineData("W", 3, 5, "c", 3)]
    [InlineData("W", 5, 3, "b", 3)]
    [InlineData("W", 3, 4, "b", 3)]
    [InlineData("W", 3, 5, "b", 4)]
    public void AStepOnASetWithTheSameCountButAnotherNameOrShapeIsRefused(string matrixName, int rows, int columns, string vectorName, int length)
    {
        Adam adam = Stepped(Set());
        ParameterSet other = Set(matrixName, rows, columns, vectorName, length);
        var e = Assert.Throws<ArgumentException>(() => adam.Step(other));
        Assert.Contains("state was built for the parameters [W 3×5, b length 3]", e.Message);
        Assert.Equal(1, adam.StepCount);
        Assert.All(other[0].Values, v => Assert.Equal(0.5, v));
    }

    [Fact]
    public void AStepOnASetWhoseParametersSwappedPlacesIsRefused()
    {
        Adam adam = Stepped(Set(vectorName: "c"));
        var swapped = new ParameterSet();
        swapped.Add("c", Vector<double>.Build.Dense(3));
        swapped.Add("W", Matrix<double>.Build.Dense(3, 5));
        Assert.Throws<ArgumentException>(() => adam.Step(swapped));
    }

    [Fact]
    public void AStepOnTheSameSetAfterItGrewIsRefused()
    {
        ParameterSet set = Set();
        Adam adam = Stepped(set);
        set.Add("late", Vector<double>.Build.Dense(2));
        Assert.Throws<ArgumentException>(() => adam.Step(set));
    }

    private static OptimizerState WithFirstTensor(OptimizerState good, int[] shape, int values)
    {
        var tensors = new List<OptimizerStateTensor>(good.Tensors);
        OptimizerStateTensor first = tensors[0];
        tensors[0] = new OptimizerStateTensor(first.ParameterName, first.Slot, shape, new double[values]);
        return new OptimizerState(good.StepCount, tensors);
    }

    [Theory]
    [InlineData(new[] { 3, 6 }, 15)] // right rows, wrong columns, right number of values
    [InlineData(new[] { 5, 5 }, 15)] // wrong rows, right columns
    [InlineData(new[] { 15 }, 15)] // a vector of the matrix's length
    [InlineData(new[] { 3, 5, 1 }, 15)] // rank 3
    [InlineData(new[] { 3, 5 }, 14)] // right shape, too few values
    [InlineData(new[] { 3, 5 }, 16)] // right shape, too many values
    public void LoadingAMatrixStateOfAnotherShapeOrLengthIsRefused(int[] shape, int values)
    {
        ParameterSet set = Set();
        OptimizerState good = Stepped(set).ExportState();
        var fresh = new Adam(0.01);
        var e = Assert.Throws<ArgumentException>(() => fresh.LoadState(set, WithFirstTensor(good, shape, values)));
        Assert.Contains("'W.m' has shape", e.Message);
        Assert.Equal(0, fresh.StepCount);
        Assert.Empty(fresh.ExportState().Tensors);
    }

    [Theory]
    [InlineData(new[] { 4 }, 3)] // another length, right number of values
    [InlineData(new[] { 3, 1 }, 3)] // a matrix of the vector's length
    [InlineData(new[] { 3 }, 2)] // right shape, too few values
    public void LoadingAVectorStateOfAnotherShapeOrLengthIsRefused(int[] shape, int values)
    {
        ParameterSet set = Set();
        OptimizerState good = Stepped(set).ExportState();
        var tensors = new List<OptimizerStateTensor>(good.Tensors);
        int index = tensors.FindIndex(t => t.Name == "b.v");
        tensors[index] = new OptimizerStateTensor("b", "v", shape, new double[values]);
        var fresh = new Adam(0.01);
        var e = Assert.Throws<ArgumentException>(() => fresh.LoadState(set, new OptimizerState(1, tensors)));
        Assert.Contains("'b.v' has shape", e.Message);
        Assert.Empty(fresh.ExportState().Tensors);
    }

    [Fact]
    public void LoadingATransposedMatrixStateIsRefusedEvenForASquareCount()
    {
        // 3×5 state saved as [5, 3]: the same 15 values, another meaning.
        ParameterSet set = Set();
        OptimizerState good = Stepped(set).ExportState();
        Assert.Throws<ArgumentException>(() => new Adam(0.01).LoadState(set, WithFirstTensor(good, [5, 3], 15)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void LoadingANegativeStepCountIsRefused(int steps)
    {
        ParameterSet set = Set();
        OptimizerState good = Stepped(set).ExportState();
        var fresh = new Adam(0.01);
        var e = Assert.Throws<ArgumentException>(() => fresh.LoadState(set, new OptimizerState(steps, good.Tensors)));
        Assert.Contains($"step count must be ≥ 0, got {steps}", e.Message);
        Assert.Equal(0, fresh.StepCount);
    }

    [Fact]
    public void LoadingAZeroStepCountIsAccepted()
    {
        ParameterSet set = Set();
        OptimizerState good = Stepped(set).ExportState();
        var fresh = new Adam(0.01);
        fresh.LoadState(set, new OptimizerState(0, good.Tensors));
        Assert.Equal(0, fresh.StepCount);
        Assert.Equal(4, fresh.ExportState().Tensors.Count);
    }

    [Fact]
    public void LoadedStateIsCopiedIntoEverySlotOfEveryParameter()
    {
        ParameterSet set = Set();
        OptimizerState good = Stepped(set).ExportState();
        var tensors = new List<OptimizerStateTensor>();
        double fill = 1;
        foreach (OptimizerStateTensor t in good.Tensors)
        {
            var data = new double[t.Data.Length];
            Array.Fill(data, fill++);
            tensors.Add(new OptimizerStateTensor(t.ParameterName, t.Slot, [.. t.Shape], data));
        }

        var fresh = new Adam(0.01);
        fresh.LoadState(set, new OptimizerState(7, tensors));
        OptimizerState back = fresh.ExportState();
        Assert.Equal(7, back.StepCount);
        for (int i = 0; i < tensors.Count; i++)
        {
            Assert.Equal(tensors[i].Name, back.Tensors[i].Name);
            Assert.Equal(tensors[i].Shape, back.Tensors[i].Shape);
            Assert.Equal(tensors[i].Data.ToArray(), back.Tensors[i].Data.ToArray());
        }
    }

    [Fact]
    public void AfterLoadingAStepOnASetOfAnotherLayoutIsRefused()
    {
        ParameterSet set = Set();
        OptimizerState good = Stepped(set).ExportState();
        var fresh = new Adam(0.01);
        fresh.LoadState(set, good);
        Assert.Throws<ArgumentException>(() => fresh.Step(Set(columns: 4)));
        fresh.Step(Set());
        Assert.Equal(2, fresh.StepCount);
    }
}
