using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>
/// Safetensors edges no other test reaches: sizes that wrap a 64-bit count, streams that do not start at 0,
/// tensors longer than one I/O chunk, layouts, the optimiser's step range, metadata order.
/// </summary>
public sealed class CheckpointEdgeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlpsym-edge-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("[65536, 65536, 65536, 65536]")] // 2^64 elements: wraps to 0 unchecked
    [InlineData("[1073741824, 1073741824, 2]")] // 2^61 elements fit, 2^64 bytes wrap to 0
    public void AShapeWhoseSizeWrapsToZeroIsRejectedAsAnOverflow(string shape)
    {
        string header = $"{{\"w\":{{\"dtype\":\"F64\",\"shape\":{shape},\"data_offsets\":[0,0]}}}}";
        var e = Assert.Throws<CheckpointFormatException>(() => HandMade.Read(HandMade.File(header, [])));
        Assert.Contains("overflows a 64-bit byte count", e.Message);
    }

    [Theory]
    [InlineData(2147483648L, "is larger than this reader supports")]
    [InlineData(2147483647L, "needs 17179869176 bytes")]
    public void ADimensionAboveInt32IsRejected(long dimension, string message)
    {
        string header = $"{{\"w\":{{\"dtype\":\"F64\",\"shape\":[{dimension}],\"data_offsets\":[0,0]}}}}";
        var e = Assert.Throws<CheckpointFormatException>(() => HandMade.Read(HandMade.File(header, [])));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void AShapeWithMoreElementsThanAnArrayHoldsIsRejectedBeforeAllocating()
    {
        // 2^31 F16 elements: the 4 GiB the stream claims to hold would fit the offsets, but not one array.
        const long bytes = 1L << 32;
        string header = $"{{\"w\":{{\"dtype\":\"F16\",\"shape\":[1073741824,2],\"data_offsets\":[0,{bytes}]}}}}";
        using var stream = new LongerThanItIs(HandMade.File(header, []), bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CheckpointFormatException>(() => SafeTensorsFile.Read(stream, "huge"));
        Assert.Contains("more than one array can hold", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the reader allocated for the forged shape");
    }

    /// <summary>A stream that reports <paramref name="extra"/> bytes more than it holds (they read as end of stream).</summary>
    private sealed class LongerThanItIs(byte[] content, long extra) : MemoryStream(content)
    {
        public override long Length => base.Length + extra;
    }

    [Fact]
    public void AStreamIsReadFromItsCurrentPosition()
    {
        byte[] file = HandMade.Written(new NamedTensor("v", [3], new[] { 1.0, 2.0, 3.0 }));
        var stream = new MemoryStream();
        stream.Write([9, 9, 9, 9, 9]);
        stream.Write(file);
        stream.Position = 5;
        SafeTensorsFile read = SafeTensorsFile.Read(stream, "offset");
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, read["v"].Doubles.ToArray());
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void AStreamWithFewerThanEightBytesLeftIsRejectedEvenIfItIsLonger()
    {
        var stream = new MemoryStream(new byte[20]) { Position = 15 };
        var e = Assert.Throws<CheckpointFormatException>(() => SafeTensorsFile.Read(stream, "short"));
        Assert.Contains("has 5 bytes, fewer than the 8-byte header length", e.Message);
    }

    [Fact]
    public void AHeaderLengthOfExactlyTheRestIsAcceptedAndOneMoreIsNot()
    {
        byte[] header = Encoding.UTF8.GetBytes("{}");
        SafeTensorsFile empty = HandMade.Read(HandMade.File(header, []));
        Assert.Empty(empty.Tensors);
        var e = Assert.Throws<CheckpointFormatException>(() => HandMade.Read(HandMade.WithDeclaredLength(3, header)));
        Assert.Contains("the header length is 3 bytes, but only 2 bytes follow it", e.Message);
    }

    [Theory]
    [InlineData(new[] { -1, -2 }, 2)] // the count alone (2) would match the data
    [InlineData(new[] { 2, -1 }, 2)]
    [InlineData(new[] { -3 }, 0)]
    public void ANegativeDimensionIsRejected(int[] shape, int values)
    {
        var e = Assert.Throws<ArgumentException>(() => new NamedTensor("t", shape, new double[values]));
        Assert.Contains("has a negative dimension", e.Message);
        var i = Assert.Throws<ArgumentException>(() => NamedTensor.FromInt64s("i", shape, new long[values]));
        Assert.Contains("has a negative dimension", i.Message);
    }

    [Fact]
    public void AShapeOfExactlyTheLargestArrayIsNotTooLarge()
    {
        var e = Assert.Throws<ArgumentException>(() => new NamedTensor("t", [Array.MaxLength], Array.Empty<double>()));
        Assert.Contains($"has {Array.MaxLength} elements but the data has 0", e.Message);
        var large = Assert.Throws<ArgumentException>(() => new NamedTensor("t", [Array.MaxLength / 2 + 1, 2], Array.Empty<double>()));
        Assert.Contains("more elements than an array can hold", large.Message);
    }

    [Theory]
    [InlineData(SafeTensorDType.I64, 10_000)] // 80,000 bytes: more than one 64 KiB chunk
    [InlineData(SafeTensorDType.I32, 20_000)]
    [InlineData(SafeTensorDType.I32, 16_384)] // exactly one chunk
    public void IntegerTensorsLongerThanOneWriteChunkRoundTrip(SafeTensorDType dtype, int count)
    {
        long[] values = Enumerable.Range(0, count).Select(i => (long)(i * 7919 % 100_003) - 50_000).ToArray();
        byte[] file = HandMade.Written(NamedTensor.FromInt64s("ids", [count], values, dtype), NamedTensor.FromInt64("n", 5));
        SafeTensorsFile read = HandMade.Read(file);
        Assert.Equal(values, read["ids"].Int64s.ToArray());
        Assert.Equal(5, read["n"].Int64s[0]);
    }

    [Theory]
    [InlineData(SafeTensorDType.F64, 10_000)]
    [InlineData(SafeTensorDType.F32, 20_000)]
    public void FloatTensorsLongerThanOneWriteChunkRoundTrip(SafeTensorDType dtype, int count)
    {
        double[] values = Enumerable.Range(0, count).Select(i => i * 0.5 - 1000).ToArray();
        SafeTensorsFile read = HandMade.Read(HandMade.Written(new NamedTensor("x", [count], values, storeAs: dtype)));
        Assert.Equal(values, read["x"].Doubles.ToArray());
    }

    [Fact]
    public void AColumnMajorMatrixLongerThanOneChunkIsWrittenRowMajor()
    {
        Matrix<double> m = Matrix<double>.Build.Dense(100, 90, (r, c) => r * 1000 + c);
        SafeTensorsFile read = HandMade.Read(HandMade.Written(NamedTensor.FromMatrix("m", m)));
        double[] rowMajor = read["m"].Doubles.ToArray();
        Assert.Equal(m[0, 1], rowMajor[1]);
        Assert.Equal(m[1, 0], rowMajor[90]);
        Assert.Equal(m[99, 89], rowMajor[^1]);
        Assert.Equal(m, read["m"].ToMatrix());
    }

    [Fact]
    public void ARankTwoTensorCopiedIntoRowMajorStorageKeepsTheFileOrder()
    {
        double[] rowMajor = [1, 2, 3, 4, 5, 6];
        SafeTensorsFile read = HandMade.Read(HandMade.Written(new NamedTensor("t", [2, 3], rowMajor)));
        var copy = new double[6];
        read["t"].CopyTo(copy, TensorLayout.RowMajor);
        Assert.Equal(rowMajor, copy);
        read["t"].CopyTo(copy);
        Assert.Equal(rowMajor, copy);
        read["t"].CopyTo(copy, TensorLayout.ColumnMajor);
        Assert.Equal(new double[] { 1, 4, 2, 5, 3, 6 }, copy);
    }

    [Fact]
    public void ARankThreeTensorRoundTripsThroughColumnMajorStorage()
    {
        // [2, 3, 4] in column-major order: element (i, j, k) at i + 2 j + 6 k.
        var columnMajor = new double[24];
        var rowMajor = new double[24];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    double value = 100 * i + 10 * j + k;
                    columnMajor[i + 2 * j + 6 * k] = value;
                    rowMajor[12 * i + 4 * j + k] = value;
                }
            }
        }

        SafeTensorsFile read = HandMade.Read(HandMade.Written(new NamedTensor("t", [2, 3, 4], columnMajor, TensorLayout.ColumnMajor)));
        Assert.Equal(rowMajor, read["t"].Doubles.ToArray());
        var back = new double[24];
        read["t"].CopyTo(back, TensorLayout.ColumnMajor);
        Assert.Equal(columnMajor, back);
    }

    [Fact]
    public void CopyingIntoADestinationOfAnotherLengthIsRefused()
    {
        SafeTensorsFile read = HandMade.Read(HandMade.Written(new NamedTensor("t", [2, 3], new double[6])));
        Assert.Throws<ArgumentException>(() => read["t"].CopyTo(new double[5]));
        Assert.Throws<ArgumentException>(() => read["t"].CopyTo(new double[7]));
    }

    private string SavedWithStep(long step)
    {
        var set = new ParameterSet();
        set.Add("b", Vector<double>.Build.Dense(2, 0.5));
        var adam = new Adam(0.01);
        adam.Step(set);
        string path = Path.Combine(folder, $"step{step}.safetensors");
        Checkpoint.Save(path, set, adam);

        SafeTensorsFile saved = SafeTensorsFile.Load(path);
        var tensors = new List<NamedTensor>();
        foreach (LoadedTensor t in saved.Tensors)
        {
            tensors.Add(t.Name == "optimizer.step"
                ? NamedTensor.FromInt64("optimizer.step", step)
                : new NamedTensor(t.Name, [.. t.Shape], t.Doubles.ToArray()));
        }

        SafeTensors.Save(path, tensors, saved.Metadata);
        return path;
    }

    private static ParameterSet Fresh()
    {
        var set = new ParameterSet();
        set.Add("b", Vector<double>.Build.Dense(2));
        return set;
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(int.MaxValue + 1L)]
    [InlineData(long.MaxValue)]
    public void AnOptimizerStepOutOfRangeIsRefusedAndNothingIsLoaded(long step)
    {
        string path = SavedWithStep(step);
        ParameterSet set = Fresh();
        var adam = new Adam(0.01);
        var e = Assert.Throws<CheckpointMismatchException>(() => Checkpoint.Load(path, set, adam));
        Assert.Contains($"step {step} is out of range", e.Message);
        Assert.Equal(0, adam.StepCount);
        Assert.Equal(new double[2], set["b"].Values);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(int.MaxValue)]
    public void AnOptimizerStepAtEitherEndOfTheRangeLoads(long step)
    {
        string path = SavedWithStep(step);
        var adam = new Adam(0.01);
        ParameterSet set = Fresh();
        Checkpoint.Load(path, set, adam);
        Assert.Equal(step, adam.StepCount);
        Assert.Equal(new[] { 0.5, 0.5 }, set["b"].Values);

        // Weights only: the step is not read at all.
        ParameterSet weights = Fresh();
        Checkpoint.Load(path, weights);
        Assert.Equal(new[] { 0.5, 0.5 }, weights["b"].Values);
    }

    [Fact]
    public void MetadataIsWrittenInKeyOrderWhateverOrderItWasGivenIn()
    {
        var forward = new Dictionary<string, string> { ["alpha"] = "1", ["beta"] = "2", ["Zed"] = "3" };
        var backward = new Dictionary<string, string> { ["beta"] = "2", ["Zed"] = "3", ["alpha"] = "1" };
        NamedTensor[] tensors = [new NamedTensor("x", [1], new[] { 1.0 })];
        var a = new MemoryStream();
        SafeTensors.Write(a, tensors, forward);
        var b = new MemoryStream();
        SafeTensors.Write(b, tensors, backward);
        Assert.Equal(a.ToArray(), b.ToArray());

        string header = HandMade.Split(a.ToArray()).Header;
        Assert.StartsWith("{\"__metadata__\":{\"Zed\":\"3\",\"alpha\":\"1\",\"beta\":\"2\"},", header);
        SafeTensorsFile read = HandMade.Read(a.ToArray());
        Assert.Equal(forward.OrderBy(e => e.Key, StringComparer.Ordinal), read.Metadata.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void EmptyMetadataWritesNoMetadataObject()
    {
        NamedTensor[] tensors = [new NamedTensor("x", [1], new[] { 1.0 })];
        var stream = new MemoryStream();
        SafeTensors.Write(stream, tensors, new Dictionary<string, string>());
        Assert.DoesNotContain("__metadata__", HandMade.Split(stream.ToArray()).Header);
        Assert.Empty(HandMade.Read(stream.ToArray()).Metadata);
    }

    [Fact]
    public void TheHeaderIsPaddedWithSpacesToAMultipleOfEight()
    {
        for (int length = 1; length <= 8; length++)
        {
            byte[] file = HandMade.Written(new NamedTensor(new string('n', length), [1], new[] { 2.0 }));
            string header = HandMade.Split(file).Header;
            Assert.Equal(0, header.Length % 8);
            Assert.Equal(header.TrimEnd(' ').Length + ((8 - header.TrimEnd(' ').Length % 8) % 8), header.Length);
            Assert.Equal(2.0, HandMade.Read(file).Tensors[0].Doubles[0]);
        }
    }
}
