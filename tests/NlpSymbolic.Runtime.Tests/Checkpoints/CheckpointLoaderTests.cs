using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Checkpoints;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>Loading into model storage checks every name, shape and kind first, and copies only when all match.</summary>
public sealed class CheckpointLoaderTests
{
    [Fact]
    public void ModelAndOptimiserStateRoundTripThroughTheSameTargets()
    {
        // Shaped like a training runtime's state: parameters, an optimiser moment and a step count.
        var model = new Storage(seed: 1);
        byte[] file = HandMade.Written(model.Targets().Select(t => t.ToNamedTensor()).ToArray());

        var restored = new Storage(seed: 2);
        CheckpointLoader.LoadInto(HandMade.Read(file), restored.Targets());

        Assert.Equal(model.W, restored.W);
        Assert.Equal(model.B, restored.B);
        Assert.Equal(model.MomentW, restored.MomentW);
        Assert.Equal(model.Step, restored.Step);
    }

    [Fact]
    public void ShapeMismatchIsReportedAndNothingIsCopied()
    {
        byte[] file = HandMade.Written(
            NamedTensor.FromMatrix("W", Matrix<double>.Build.Dense(100, 250, 1.0)),
            new NamedTensor("b", [100], Enumerable.Repeat(1.0, 100).ToArray()));

        Matrix<double> w = Matrix<double>.Build.Dense(100, 300);
        var b = new double[100];
        var e = Assert.Throws<CheckpointMismatchException>(() =>
            CheckpointLoader.LoadInto(HandMade.Read(file), [CheckpointTarget.ForMatrix("W", w), new CheckpointTarget("b", [100], b)]));

        Assert.Equal(new[] { "tensor \"W\": checkpoint has [100, 250], the model expects [100, 300]" }, e.Problems);
        Assert.StartsWith($"{HandMade.Source}: the checkpoint does not match the model (1 problem):", e.Message);
        Assert.All(b, v => Assert.Equal(0, v));
        Assert.Equal(0, w.Enumerate().Count(v => v != 0));
    }

    [Fact]
    public void EveryProblemIsListedAtOnce()
    {
        byte[] file = HandMade.Written(
            new NamedTensor("W", [2, 2], new double[4]),
            new NamedTensor("step", [], new double[1]),
            NamedTensor.FromInt64s("tokens", [3], new long[3]),
            new NamedTensor("extra", [5], new double[5]));

        IReadOnlyList<string> problems = CheckpointLoader.FindMismatches(HandMade.Read(file),
        [
            new CheckpointTarget("W", [2, 3], new double[6]),
            new CheckpointTarget("b", [3], new double[3]),
            new CheckpointTarget("step", [], new long[1]),
            new CheckpointTarget("tokens", [3], new double[3]),
        ]);

        Assert.Equal(
            new[]
            {
                "tensor \"W\": checkpoint has [2, 2], the model expects [2, 3]",
                "missing tensor \"b\": the model expects a floating-point tensor of shape [3]",
                "tensor \"step\": checkpoint has F64, the model expects an integer tensor (I64 or I32)",
                "tensor \"tokens\": checkpoint has I64, the model expects a floating-point tensor (F64, F32, F16 or BF16)",
                "unexpected tensor \"extra\" [5] F64: the model has no such tensor",
            },
            problems);
    }

    [Fact]
    public void TheMismatchMessageCountsTheProblemsAndPutsEachOnItsOwnLine()
    {
        byte[] file = HandMade.Written(new NamedTensor("W", [2], new double[2]));

        var e = Assert.Throws<CheckpointMismatchException>(() => CheckpointLoader.LoadInto(HandMade.Read(file),
            [new CheckpointTarget("W", [3], new double[3]), new CheckpointTarget("step", [], new long[1])]));

        string n = Environment.NewLine;
        Assert.Equal(
            $"{HandMade.Source}: the checkpoint does not match the model (2 problems):"
            + $"{n}  - tensor \"W\": checkpoint has [2], the model expects [3]"
            + $"{n}  - missing tensor \"step\": the model expects an integer tensor of shape []",
            e.Message);
    }

    [Fact]
    public void ATargetSavesItsCurrentValuesAsTheTypeAskedForOrItsOwnKind()
    {
        Matrix<double> w = Matrix<double>.Build.DenseOfRowMajor(2, 3, [1, 2, 3, 4, 5, 6]);
        var steps = new long[] { 7 };
        CheckpointTarget matrix = CheckpointTarget.ForMatrix("W", w);
        CheckpointTarget counter = new("step", [1], steps);
        w[0, 0] = 0.5; // viewed, not copied
        steps[0] = 8;

        SafeTensorsFile asked = HandMade.Read(HandMade.Written(matrix.ToNamedTensor(SafeTensorDType.F32), counter.ToNamedTensor(SafeTensorDType.I32)));
        SafeTensorsFile own = HandMade.Read(HandMade.Written(matrix.ToNamedTensor(), counter.ToNamedTensor()));

        Assert.Equal((SafeTensorDType.F32, SafeTensorDType.I32), (asked["W"].DType, asked["step"].DType));
        Assert.Equal((SafeTensorDType.F64, SafeTensorDType.I64), (own["W"].DType, own["step"].DType));
        Assert.Equal(new[] { 0.5, 2, 3, 4, 5, 6 }, own["W"].Doubles.ToArray());
        Assert.Equal(new[] { 0.5, 2, 3, 4, 5, 6 }, asked["W"].Doubles.ToArray());
        Assert.Equal(8, asked["step"].Int64s[0]);
    }

    [Fact]
    public void UnexpectedTensorsCanBeIgnoredForPartialLoads()
    {
        byte[] file = HandMade.Written(new NamedTensor("W", [2], new double[] { 1, 2 }), new NamedTensor("adam.m.W", [2], new double[2]));
        var w = new double[2];

        Assert.Throws<CheckpointMismatchException>(() => CheckpointLoader.LoadInto(HandMade.Read(file), [new CheckpointTarget("W", [2], w)]));
        CheckpointLoader.LoadInto(HandMade.Read(file), [new CheckpointTarget("W", [2], w)], ignoreUnexpected: true);
        Assert.Equal(new double[] { 1, 2 }, w);
    }

    [Fact]
    public void NarrowerStoredTypesWidenIntoTheirKind()
    {
        byte[] file = HandMade.Written(
            new NamedTensor("f", [2], new double[] { 0.5, -1.25 }, storeAs: SafeTensorDType.F32),
            NamedTensor.FromInt64s("i", [2], new long[] { -7, 9 }, SafeTensorDType.I32));
        var f = new double[2];
        var i = new long[2];

        CheckpointLoader.LoadInto(HandMade.Read(file), [new CheckpointTarget("f", [2], f), new CheckpointTarget("i", [2], i)]);
        Assert.Equal(new[] { 0.5, -1.25 }, f);
        Assert.Equal(new long[] { -7, 9 }, i);
    }

    [Fact]
    public void MalformedFileLeavesTheTargetsUnchanged()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nlpsymbolic-loader-{Guid.NewGuid():N}.safetensors");
        byte[] good = HandMade.Written(new NamedTensor("W", [2], new double[] { 1, 2 }));
        File.WriteAllBytes(path, good[..^1]);
        var w = new double[] { 7, 7 };
        try
        {
            Assert.Throws<CheckpointFormatException>(() => CheckpointLoader.LoadInto(path, [new CheckpointTarget("W", [2], w)]));
            Assert.Equal(new double[] { 7, 7 }, w);

            File.WriteAllBytes(path, good);
            SafeTensorsFile loaded = CheckpointLoader.LoadInto(path, [new CheckpointTarget("W", [2], w)]);
            Assert.Equal(new double[] { 1, 2 }, w);
            Assert.Equal(path, loaded.SourceName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TargetMistakesAreArgumentErrors()
    {
        SafeTensorsFile empty = HandMade.Read(HandMade.Written());
        var twice = new CheckpointTarget("W", [1], new double[1]);
        Assert.Contains("Two targets are named \"W\"", Assert.Throws<ArgumentException>(() => CheckpointLoader.LoadInto(empty, [twice, twice])).Message);
        Assert.Throws<ArgumentException>(() => new CheckpointTarget("W", [2, 3], new double[5]));
        Assert.Throws<ArgumentException>(() => CheckpointTarget.ForMatrix("S", Matrix<double>.Build.Sparse(2, 2)));
        Assert.Throws<ArgumentException>(() => CheckpointTarget.ForVector("s", Vector<double>.Build.Sparse(2)));
    }

    /// <summary>Stand-in for a training runtime's parameter set and optimiser state.</summary>
    private sealed class Storage
    {
        internal Storage(int seed)
        {
            var random = new Random(seed);
            W = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextDouble());
            B = Vector<double>.Build.Dense(3, _ => random.NextDouble());
            MomentW = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextDouble());
            Step = [random.Next()];
        }

        internal Matrix<double> W { get; }

        internal Vector<double> B { get; }

        internal Matrix<double> MomentW { get; }

        internal long[] Step { get; }

        internal CheckpointTarget[] Targets() =>
        [
            CheckpointTarget.ForMatrix("W", W),
            CheckpointTarget.ForVector("b", B),
            CheckpointTarget.ForMatrix("adam.m.W", MomentW),
            new CheckpointTarget("adam.step", [], Step),
        ];
    }
}
