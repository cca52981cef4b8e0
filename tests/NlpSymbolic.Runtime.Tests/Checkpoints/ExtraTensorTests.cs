using System;
using System.IO;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>A run's extra tensors (a recurrent model's carried state) go into the checkpoint beside the parameters and come back.</summary>
public sealed class ExtraTensorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlpsym-extra-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static ParameterSet Model(int seed)
    {
        var set = new ParameterSet();
        set.Add("W", Init.Uniform(3, 4, -1, 1, seed));
        return set;
    }

    [Fact]
    public void ExtraTensorsRoundTripWithTheParameters()
    {
        var path = Path.Combine(folder, "run.safetensors");
        var h = Vector<double>.Build.Dense(5, i => i * 0.5 - 1);
        var c = Vector<double>.Build.Dense(5, i => Math.Sin(i));
        Checkpoint.Save(path, Model(1), null, null, new System.Collections.Generic.Dictionary<string, Vector<double>> { ["h"] = h, ["c"] = c });

        var loaded = Model(2);
        var (h2, c2) = (Vector<double>.Build.Dense(5), Vector<double>.Build.Dense(5));
        Checkpoint.Load(path, loaded, null, new System.Collections.Generic.Dictionary<string, Vector<double>> { ["h"] = h2, ["c"] = c2 });
        Assert.Equal(h, h2);
        Assert.Equal(c, c2);
        Assert.Equal(Model(1)[0].Values, loaded[0].Values);

        // The extra tensors are "extra.h" and "extra.c" in the file, apart from any parameter called h.
        var file = SafeTensorsFile.Load(path);
        Assert.True(file.TryGetTensor("extra.h", out _));

        // A state of another length is a mismatch and changes nothing.
        var wrong = Vector<double>.Build.Dense(6);
        var again = Model(3);
        var before = (double[])again[0].Values.Clone();
        var error = Assert.Throws<CheckpointMismatchException>(() =>
            Checkpoint.Load(path, again, null, new System.Collections.Generic.Dictionary<string, Vector<double>> { ["h"] = wrong }));
        Assert.Contains("extra.h", error.Message);
        Assert.Equal(before, again[0].Values);
    }
}
