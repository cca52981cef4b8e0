using System;
using System.IO;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>Parameters and optimiser state through a safetensors file: round trip, resume, another model's file.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlpsym-ckpt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A least-squares model y ≈ W x + b with its gradient written by hand.</summary>
    private static (ParameterSet Set, Parameter W, Parameter B) Model(int seed, int rows = 3, int columns = 4)
    {
        var set = new ParameterSet();
        var w = set.Add("W", Init.Uniform(rows, columns, -0.5, 0.5, seed));
        var b = set.Add("b", Init.Uniform(rows, -0.5, 0.5, seed + 1));
        return (set, w, b);
    }

    private static void Step(ParameterSet set, Parameter w, Parameter b, Optimizer optimizer, int t)
    {
        set.ZeroGradients();
        var x = Vector<double>.Build.Dense(w.Columns, i => Math.Sin(t + i));
        var y = Vector<double>.Build.Dense(w.Rows, i => Math.Cos(t * i));
        var residual = w.ValueMatrix! * x + b.ValueVector! - y;
        w.GradientMatrix!.Add(residual.OuterProduct(x), w.GradientMatrix);
        b.GradientVector!.Add(residual, b.GradientVector);
        optimizer.Step(set);
    }

    [Fact]
    public void ResumingFromACheckpointContinuesBitIdentically()
    {
        var (straight, sw, sb) = Model(1);
        var straightOptimizer = new Adam(0.05);
        for (var t = 0; t < 6; t++)
        {
            Step(straight, sw, sb, straightOptimizer, t);
        }

        var (first, fw, fb) = Model(1);
        var firstOptimizer = new Adam(0.05);
        for (var t = 0; t < 3; t++)
        {
            Step(first, fw, fb, firstOptimizer, t);
        }

        var path = Path.Combine(folder, "run.safetensors");
        Checkpoint.Save(path, first, firstOptimizer);

        var (resumed, rw, rb) = Model(99);   // other starting weights: the checkpoint must overwrite them all
        var resumedOptimizer = new Adam(0.05);
        Checkpoint.Load(path, resumed, resumedOptimizer);
        Assert.Equal(3, resumedOptimizer.StepCount);
        for (var t = 3; t < 6; t++)
        {
            Step(resumed, rw, rb, resumedOptimizer, t);
        }

        Assert.Equal(sw.Values, rw.Values);
        Assert.Equal(sb.Values, rb.Values);
    }

    [Fact]
    public void WeightsOnlyLoadIgnoresOptimiserStateAndKeepsMetadata()
    {
        var (set, w, b) = Model(3);
        var optimizer = new Sgd(0.1, momentum: 0.9);
        Step(set, w, b, optimizer, 0);
        var path = Path.Combine(folder, "w.safetensors");
        Checkpoint.Save(path, set, optimizer, new System.Collections.Generic.Dictionary<string, string> { ["epoch"] = "7" });

        var (copy, cw, _) = Model(4);
        var metadata = Checkpoint.Load(path, copy);
        Assert.Equal(w.Values, cw.Values);
        Assert.Equal("7", metadata["epoch"]);
        Assert.Equal(Checkpoint.Format, metadata["format"]);
        Assert.Equal("Sgd", metadata["optimizer"]);
    }

    [Fact]
    public void ACheckpointOfAnotherModelNamesTheParameterAndBothShapesAndChangesNothing()
    {
        var (set, _, _) = Model(5, rows: 3, columns: 4);
        var path = Path.Combine(folder, "small.safetensors");
        Checkpoint.Save(path, set);

        var (other, ow, ob) = Model(6, rows: 3, columns: 5);
        var before = ow.Values.ToArray();
        var beforeB = ob.Values.ToArray();
        var error = Assert.Throws<CheckpointMismatchException>(() => Checkpoint.Load(path, other));
        Assert.Contains("\"W\"", error.Message);
        Assert.Contains("[3, 4]", error.Message);
        Assert.Contains("[3, 5]", error.Message);
        Assert.Equal(before, ow.Values);
        Assert.Equal(beforeB, ob.Values);
    }

    [Fact]
    public void AskingForOptimiserStateThatWasNotSavedIsAMismatch()
    {
        var (set, _, _) = Model(7);
        var path = Path.Combine(folder, "weights.safetensors");
        Checkpoint.Save(path, set);
        var error = Assert.Throws<CheckpointMismatchException>(() => Checkpoint.Load(path, Model(8).Set, new AdaGrad(0.1)));
        Assert.Contains("optimizer.step", error.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var path = Path.Combine(folder, "nope.safetensors");
        var error = Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(path, Model(9).Set));
        Assert.Contains("nope.safetensors", error.Message);
    }
}
