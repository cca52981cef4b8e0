using System;
using System.IO;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>A checkpoint holds finite values only: NaN or an infinity anywhere refuses it, naming parameter and place, and leaves the old file.</summary>
public sealed class NonFiniteCheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlpsym-nonfinite-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "∞")]
    public void ANonFiniteEntryRefusesTheCheckpointAndKeepsTheLastGoodFile(double bad, string shown)
    {
        var set = new ParameterSet();
        set.Add("b", Init.Zeros(3));
        var embeddings = set.Add("L", Init.Uniform(4, 10, -0.1, 0.1, seed: 1), sparseColumns: true);
        var path = Path.Combine(folder, "model.safetensors");
        Checkpoint.Save(path, set);
        var good = File.ReadAllBytes(path);

        embeddings.Values[4 * 7 + 2] = bad;   // row 2 of column 7: a word no example touched
        var error = Assert.Throws<NonFiniteParameterException>(() => Checkpoint.Save(path, set, new Adam(0.1)));

        Assert.Equal("L", error.ParameterName);
        Assert.Equal(30, error.Index);
        Assert.Contains("parameter \"L\"", error.Message);
        Assert.Contains("row 2, column 7", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Contains(shown, error.Message.Replace("Infinity", "∞"));
        Assert.Equal(good, File.ReadAllBytes(path));
    }
}
