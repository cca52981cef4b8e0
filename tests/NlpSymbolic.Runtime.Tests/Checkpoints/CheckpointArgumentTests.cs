using System;
using System.Collections.Generic;
using System.IO;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>Bad arguments to the checkpoint API are refused before anything is read or written, naming the problem.</summary>
public sealed class CheckpointArgumentTests
{
    private static SafeTensorsFile OneTensor() => HandMade.Read(HandMade.Written(new NamedTensor("x", [2], new[] { 1.0, 2.0 })));

    [Fact]
    public void NullsAreRefusedAsNulls()
    {
        Assert.Throws<ArgumentNullException>(() => SafeTensorsFile.Load(null!));
        Assert.Throws<ArgumentNullException>(() => SafeTensorsFile.Read(null!));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Write(null!, []));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Write(new MemoryStream(), null!));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Save(null!, []));
        Assert.Throws<ArgumentNullException>(() => CheckpointLoader.FindMismatches(null!, []));
        Assert.Throws<ArgumentNullException>(() => CheckpointLoader.FindMismatches(OneTensor(), null!));
        Assert.Throws<ArgumentNullException>(() => CheckpointLoader.LoadInto(OneTensor(), null!));
        Assert.Throws<ArgumentNullException>(() => new CheckpointTarget(null!, [1], new double[1]));
        Assert.Throws<ArgumentNullException>(() => new CheckpointTarget(null!, [1], new long[1]));
        Assert.Throws<ArgumentNullException>(() => new CheckpointTarget("x", null!, new double[1]));
        Assert.Throws<ArgumentNullException>(() => CheckpointTarget.ForMatrix("m", null!));
        Assert.Throws<ArgumentNullException>(() => CheckpointTarget.ForVector("v", null!));
        Assert.Throws<ArgumentNullException>(() => NamedTensor.FromMatrix("m", null!));
        Assert.Throws<ArgumentNullException>(() => NamedTensor.FromVector("v", null!));
        Assert.Throws<ArgumentNullException>(() => new NamedTensor(null!, [1], new double[1]));
        Assert.Throws<ArgumentNullException>(() => new NamedTensor("x", null!, new double[1]));
        Assert.Throws<ArgumentNullException>(() => Checkpoint.Save("x.safetensors", (ParameterSet)null!));
        Assert.Throws<ArgumentNullException>(() => Checkpoint.Save("x.safetensors", (TrainingCheckpoint)null!));
        Assert.Throws<ArgumentException>(() => new SafeTensorsCheckpointSink(" "));
    }

    [Fact]
    public void TargetListsWithNullsOrRepeatedNamesAreRefused()
    {
        var nulls = Assert.Throws<ArgumentException>(() => CheckpointLoader.FindMismatches(OneTensor(), [null!]));
        Assert.Contains("The target list contains null.", nulls.Message);
        CheckpointTarget a = new("x", [2], new double[2]);
        CheckpointTarget b = new("x", [2], new double[2]);
        var twice = Assert.Throws<ArgumentException>(() => CheckpointLoader.FindMismatches(OneTensor(), [a, b]));
        Assert.Contains("Two targets are named \"x\"; each tensor can be loaded into one place.", twice.Message);
    }

    [Fact]
    public void TargetsNameTheirShapeProblem()
    {
        var count = Assert.Throws<ArgumentException>(() => new CheckpointTarget("t", [2, 3], new double[5]));
        Assert.Contains("Target \"t\": shape [2, 3] has 6 elements but the destination has 5.", count.Message);
        var layout = Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointTarget("t", [1], new double[1], (TensorLayout)7));
        Assert.Contains("Not a tensor layout.", layout.Message);
        var sparse = Assert.Throws<ArgumentException>(() => CheckpointTarget.ForMatrix("m", Matrix<double>.Build.Sparse(2, 2)));
        Assert.Contains("Target \"m\": the matrix is not dense", sparse.Message);
        var sparseVector = Assert.Throws<ArgumentException>(() => CheckpointTarget.ForVector("v", Vector<double>.Build.Sparse(2)));
        Assert.Contains("Target \"v\": the vector is not dense", sparseVector.Message);
    }

    [Fact]
    public void WriterArgumentsNameTheirProblem()
    {
        var stream = new MemoryStream();
        var nulls = Assert.Throws<ArgumentException>(() => SafeTensors.Write(stream, [null!]));
        Assert.Contains("The tensor list contains null.", nulls.Message);
        NamedTensor x = new("x", [1], new[] { 1.0 });
        var twice = Assert.Throws<ArgumentException>(() => SafeTensors.Write(stream, [x, x]));
        Assert.Contains("Tensor \"x\" appears twice; names in a checkpoint must be unique.", twice.Message);
        var metadata = Assert.Throws<ArgumentException>(() => SafeTensors.Write(stream, [x], new Dictionary<string, string> { ["k"] = null! }));
        Assert.Contains("Metadata keys and values must not be null.", metadata.Message);
        Assert.Equal(0, stream.Length);

        var reserved = Assert.Throws<ArgumentException>(() => new NamedTensor("__metadata__", [1], new[] { 1.0 }));
        Assert.Contains("\"__metadata__\" is reserved for file metadata", reserved.Message);
        var i32 = Assert.Throws<ArgumentException>(() => NamedTensor.FromInt64s("n", [1], new long[] { 1L << 40 }, SafeTensorDType.I32));
        Assert.Contains("Tensor \"n\": the value 1099511627776 does not fit I32; store it as I64.", i32.Message);
        var intType = Assert.Throws<ArgumentException>(() => NamedTensor.FromInt64s("n", [1], new long[] { 1 }, SafeTensorDType.F64));
        Assert.Contains("Tensor \"n\": integer data is stored as I64 or I32, not F64.", intType.Message);
        var floatType = Assert.Throws<ArgumentException>(() => new NamedTensor("f", [1], new[] { 1.0 }, storeAs: SafeTensorDType.I32));
        Assert.Contains("Tensor \"f\": floating-point data is stored as F64 or F32, not I32.", floatType.Message);
        var count = Assert.Throws<ArgumentException>(() => new NamedTensor("f", [3], new[] { 1.0 }));
        Assert.Contains("Tensor \"f\": shape [3] has 3 elements but the data has 1.", count.Message);
    }

    [Fact]
    public void IntegerTensorsAndLayoutsAreCheckedLikeTheRest()
    {
        Assert.Throws<ArgumentNullException>(() => NamedTensor.FromInt64s(null!, [1], new long[1]));
        Assert.Contains("\"__metadata__\" is reserved for file metadata",
            Assert.Throws<ArgumentException>(() => NamedTensor.FromInt64s("__metadata__", [1], new long[1])).Message);
        var layout = Assert.Throws<ArgumentOutOfRangeException>(() => new NamedTensor("t", [1], new double[1], (TensorLayout)7));
        Assert.Contains("Not a tensor layout.", layout.Message);
        Assert.Equal("layout", layout.ParamName);
    }

    [Fact]
    public void AnUndefinedElementTypeHasNoSizeOrKind()
    {
        Assert.Contains("Not a safetensors element type.", Assert.Throws<ArgumentOutOfRangeException>(() => ((SafeTensorDType)99).ElementSize()).Message);
        Assert.Contains("Not a safetensors element type.", Assert.Throws<ArgumentOutOfRangeException>(() => ((SafeTensorDType)99).IsFloatingPoint()).Message);
    }

    [Fact]
    public void ReadingTheWrongKindOfValuesSaysWhichToUse()
    {
        SafeTensorsFile file = HandMade.Read(HandMade.Written(new NamedTensor("x", [2], new[] { 1.0, 2.0 }), NamedTensor.FromInt64("n", 3)));
        Assert.Contains("Tensor \"x\" is F64; read it with Doubles.", Assert.Throws<InvalidOperationException>(() => file["x"].Int64s.ToArray()).Message);
        Assert.Contains("Tensor \"n\" is I64; read it with Int64s.", Assert.Throws<InvalidOperationException>(() => file["n"].Doubles.ToArray()).Message);
        Assert.Contains("a matrix needs a floating-point tensor of rank 2", Assert.Throws<InvalidOperationException>(() => file["x"].ToMatrix()).Message);
        Assert.Contains("a scalar needs a floating-point tensor of rank 0", Assert.Throws<InvalidOperationException>(() => file["n"].ToScalar()).Message);
        Assert.Contains("Tensor \"x\" has 2 elements but the destination has 3.", Assert.Throws<ArgumentException>(() => file["x"].CopyTo(new double[3])).Message);
        Assert.Contains("hand-made.safetensors: no tensor \"y\" (the file has 2).", Assert.Throws<KeyNotFoundException>(() => file["y"]).Message);
        Assert.False(file.TryGetTensor("y", out _));
        Assert.True(file.TryGetTensor("n", out LoadedTensor? n));
        Assert.Equal(3, n!.Int64s[0]);
        Assert.Equal(new[] { 1.0, 2.0 }, file["x"].ToVector().ToArray());
    }

    [Fact]
    public void AStreamThatCannotSeekIsRefusedWithAdvice()
    {
        var e = Assert.Throws<ArgumentException>(() => SafeTensorsFile.Read(new NonSeekable()));
        Assert.Contains("Reading needs a readable, seekable stream", e.Message);
    }

    private sealed class NonSeekable : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
