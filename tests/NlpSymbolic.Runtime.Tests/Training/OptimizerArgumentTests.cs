using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>Bad arguments to the optimisers and their state are refused naming the argument and the problem.</summary>
public sealed class OptimizerArgumentTests
{
    private static ParameterSet Set()
    {
        var set = new ParameterSet();
        set.Add("W", Matrix<double>.Build.Dense(2, 3, 0.5));
        set.Add("b", Vector<double>.Build.Dense(2, 0.25));
        return set;
    }

    [Fact]
    public void HyperparametersAreNamedInTheirErrors()
    {
        Assert.Contains("Epsilon must be a finite number > 0", Assert.Throws<ArgumentOutOfRangeException>(() => new AdaGrad(0.1, epsilon: 0)).Message);
        Assert.Contains("Epsilon must be a finite number > 0", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: -1)).Message);
        Assert.Contains("Beta1 must lie in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1)).Message);
        Assert.Contains("Beta2 must lie in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: 1.5)).Message);
        Assert.Contains("The momentum must lie in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1, momentum: 1)).Message);
    }

    [Fact]
    public void NullsAreRefusedAsNulls()
    {
        var adam = new Adam();
        Assert.Throws<ArgumentNullException>(() => adam.Step(null!));
        Assert.Throws<ArgumentNullException>(() => adam.LoadState(null!, new OptimizerState(0, [])));
        Assert.Throws<ArgumentNullException>(() => adam.LoadState(Set(), null!));
        Assert.Throws<ArgumentNullException>(() => new OptimizerState(0, null!));
        Assert.Throws<ArgumentNullException>(() => new OptimizerStateTensor(null!, "m", [1], new double[1]));
        Assert.Throws<ArgumentException>(() => new OptimizerStateTensor("", "m", [1], new double[1]));
        Assert.Throws<ArgumentException>(() => new OptimizerStateTensor("W", "", [1], new double[1]));
        Assert.Throws<ArgumentNullException>(() => new OptimizerStateTensor("W", null!, [1], new double[1]));
        Assert.Throws<ArgumentNullException>(() => new OptimizerStateTensor("W", "m", null!, new double[1]));
    }

    private static List<OptimizerStateTensor> Saved(out ParameterSet set)
    {
        set = Set();
        var adam = new Adam();
        adam.Step(set);
        return new List<OptimizerStateTensor>(adam.ExportState().Tensors);
    }

    [Fact]
    public void AStateHoldingATensorTwiceIsRefused()
    {
        List<OptimizerStateTensor> tensors = Saved(out ParameterSet set);
        tensors.Add(tensors[0]);
        var e = Assert.Throws<ArgumentException>(() => new Adam().LoadState(set, new OptimizerState(1, tensors)));
        Assert.Contains("The saved optimiser state holds 'W.m' twice.", e.Message);
        Assert.Equal("state", e.ParamName);
    }

    [Fact]
    public void StateErrorsNameTheTensorTheOptimiserAndTheSlots()
    {
        List<OptimizerStateTensor> tensors = Saved(out ParameterSet set);
        var missing = Assert.Throws<ArgumentException>(() => new Adam().LoadState(set, new OptimizerState(1, tensors.GetRange(1, tensors.Count - 1))));
        Assert.Contains("The saved optimiser state has no 'W.m' (Adam keeps m, v per parameter).", missing.Message);
        Assert.Equal("state", missing.ParamName);

        tensors.Add(new OptimizerStateTensor("b", "extra", [2], new double[2]));
        var extra = Assert.Throws<ArgumentException>(() => new Adam().LoadState(set, new OptimizerState(1, tensors)));
        Assert.Contains("The saved optimiser state has tensors this Adam does not use: b.extra.", extra.Message);
        tensors.Add(new OptimizerStateTensor("b", "spare", [2], new double[2]));
        var extras = Assert.Throws<ArgumentException>(() => new Adam().LoadState(set, new OptimizerState(1, tensors)));
        Assert.Matches(@"does not use: (b\.extra, b\.spare|b\.spare, b\.extra)\.", extras.Message);

        tensors.RemoveRange(tensors.Count - 2, 2);
        tensors[0] = new OptimizerStateTensor("W", "m", [3, 2], new double[6]);
        var shape = Assert.Throws<ArgumentException>(() => new Adam().LoadState(set, new OptimizerState(1, tensors)));
        Assert.Contains("The saved optimiser state 'W.m' has shape [3, 2] and 6 values, but parameter 'W' is 2×3.", shape.Message);
        Assert.Equal("state", shape.ParamName);
    }

    [Fact]
    public void ALayoutErrorSaysWhatToDo()
    {
        var adam = new Adam();
        adam.Step(Set());
        var e = Assert.Throws<ArgumentException>(() => adam.Step(new ParameterSet()));
        Assert.Contains("Add every parameter before the first step, or use a new optimiser for a different model.", e.Message);
        Assert.Equal("parameters", e.ParamName);
    }
}
