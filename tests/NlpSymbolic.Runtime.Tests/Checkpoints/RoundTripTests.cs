using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Checkpoints;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>What the writer puts in the file, byte for byte where it matters, and that the reader gets it all back.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void NonSquareMatrixIsStoredRowMajorAndComesBackUnchanged()
    {
        // MathNet stores this column-major as 1, 4, 2, 5, 3, 6; the file must hold C order.
        Matrix<double> m = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        byte[] file = HandMade.Written(NamedTensor.FromMatrix("W", m));

        (string header, byte[] data) = HandMade.Split(file);
        Assert.Contains("\"W\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}", header);
        Assert.Equal(HandMade.F64(1, 2, 3, 4, 5, 6), data);

        LoadedTensor loaded = HandMade.Read(file)["W"];
        Assert.Equal(new[] { 2, 3 }, loaded.Shape);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, loaded.Doubles.ToArray());
        Assert.Equal(m, loaded.ToMatrix());

        Matrix<double> target = Matrix<double>.Build.Dense(2, 3);
        CheckpointLoader.LoadInto(HandMade.Read(file), [CheckpointTarget.ForMatrix("W", target)]);
        Assert.Equal(m, target);
    }

    [Fact]
    public void ColumnMajorBuffersOfHigherRankAreReorderedToCOrder()
    {
        int[] shape = [2, 3, 4];
        var columnMajor = new double[24];
        var rowMajor = new double[24];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    double value = 100 * i + 10 * j + k;
                    rowMajor[(i * 3 + j) * 4 + k] = value;
                    columnMajor[i + 2 * (j + 3 * k)] = value;
                }
            }
        }

        byte[] file = HandMade.Written(new NamedTensor("T", shape, columnMajor, TensorLayout.ColumnMajor));
        Assert.Equal(HandMade.F64(rowMajor), HandMade.Split(file).Data);

        var back = new double[24];
        HandMade.Read(file)["T"].CopyTo(back, TensorLayout.ColumnMajor);
        Assert.Equal(columnMajor, back);
    }

    [Fact]
    public void EveryWritableTypeRoundTrips()
    {
        double[] values = [0.1, -2.5, double.MaxValue, double.Epsilon, double.NaN, double.NegativeInfinity];
        byte[] file = HandMade.Written(
            new NamedTensor("f64", [2, 3], values),
            new NamedTensor("f32", [6], values, storeAs: SafeTensorDType.F32),
            NamedTensor.FromInt64s("i64", [3], new long[] { long.MinValue, 0, long.MaxValue }),
            NamedTensor.FromInt64s("i32", [2], new long[] { int.MinValue, int.MaxValue }, SafeTensorDType.I32),
            NamedTensor.FromVector("v", Vector<double>.Build.DenseOfArray([7, 8, 9])),
            NamedTensor.FromScalar("lr", 0.001),
            NamedTensor.FromInt64("step", 1234),
            new NamedTensor("empty", [0, 5], Array.Empty<double>()));

        SafeTensorsFile read = HandMade.Read(file);
        Assert.Equal(values, read["f64"].Doubles.ToArray());
        Assert.Equal(values.Select(v => (double)(float)v), read["f32"].Doubles.ToArray());
        Assert.Equal(SafeTensorDType.F32, read["f32"].DType);
        Assert.Equal(new[] { long.MinValue, 0, long.MaxValue }, read["i64"].Int64s.ToArray());
        Assert.Equal(new long[] { int.MinValue, int.MaxValue }, read["i32"].Int64s.ToArray());
        Assert.Equal(SafeTensorDType.I32, read["i32"].DType);
        Assert.Equal(Vector<double>.Build.DenseOfArray([7, 8, 9]), read["v"].ToVector());
        Assert.Equal(0.001, read["lr"].ToScalar());
        Assert.Empty(read["lr"].Shape);
        Assert.Equal(1234, read["step"].Int64s[0]);
        Assert.Equal(0, read["empty"].ElementCount);
        Assert.Equal(new[] { 0, 5 }, read["empty"].Shape);
    }

    [Fact]
    public void HeaderIsPaddedWithSpacesSoDataStartsOnAnEightByteBoundary()
    {
        foreach (string name in new[] { "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh" })
        {
            byte[] file = HandMade.Written(new NamedTensor(name, [1], new double[] { 1 }));
            int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
            Assert.Equal(0, (8 + length) % 8);
            Assert.EndsWith("}", HandMade.Split(file).Header.TrimEnd(' '));
            Assert.Matches("^[^ ]*} {0,7}$", HandMade.Split(file).Header);
        }
    }

    [Fact]
    public void LayoutMatchesTheReferenceWriter()
    {
        // The reference's own alignment example: one F32 tensor [1, 1, 2, 3] named "attn0" gives a
        // 65-byte JSON header padded with 7 spaces to 72, then the 24 data bytes.
        float[] values = [0, 1, 2, 3, 4, 5];
        byte[] file = HandMade.Written(new NamedTensor("attn0", [1, 1, 2, 3], values.Select(v => (double)v).ToArray(), storeAs: SafeTensorDType.F32));

        string json = "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}";
        byte[] data = values.SelectMany(v => BitConverter.GetBytes(v)).ToArray();
        Assert.Equal(HandMade.File(json + new string(' ', 7), data), file);
    }

    [Fact]
    public void TensorsAreOrderedByElementSizeThenNameSoEveryOffsetIsAligned()
    {
        byte[] file = HandMade.Written(
            new NamedTensor("z32", [1], new double[] { 1 }, storeAs: SafeTensorDType.F32),
            new NamedTensor("b64", [1], new double[] { 2 }),
            NamedTensor.FromInt64s("a32", [1], new long[] { 3 }, SafeTensorDType.I32),
            new NamedTensor("a64", [1], new double[] { 4 }));

        SafeTensorsFile read = HandMade.Read(file);
        Assert.Equal(new[] { "a64", "b64", "a32", "z32" }, read.Tensors.Select(t => t.Name));
        // Same tensors in another order: same bytes.
        Assert.Equal(file, HandMade.Written(read.Tensors.Reverse().Select(Copy).ToArray()));
    }

    [Fact]
    public void NonAsciiNamesAndMetadataStayReadableInTheHeader()
    {
        var stream = new MemoryStream();
        SafeTensors.Write(stream, [new NamedTensor("Gewicht_ä", [1], new[] { 1.0 })], new Dictionary<string, string> { ["note"] = "naïve <b>" });

        var (header, _) = HandMade.Split(stream.ToArray());

        Assert.Contains("\"Gewicht_ä\"", header);
        Assert.Contains("\"naïve <b>\"", header);
        Assert.Equal(1.0, HandMade.Read(stream.ToArray())["Gewicht_ä"].Doubles[0]);
    }

    [Fact]
    public void ADenseMatrixOrVectorIsViewedNotCopiedUntilWritten()
    {
        Matrix<double> w = Matrix<double>.Build.Dense(2, 2);
        Vector<double> b = Vector<double>.Build.Dense(2);
        NamedTensor[] tensors = [NamedTensor.FromMatrix("w", w), NamedTensor.FromVector("b", b)];
        w[1, 0] = 3;
        b[1] = 4;

        SafeTensorsFile read = HandMade.Read(HandMade.Written(tensors));

        Assert.Equal(new[] { 0.0, 0, 3, 0 }, read["w"].Doubles.ToArray());
        Assert.Equal(new[] { 0.0, 4 }, read["b"].Doubles.ToArray());
    }

    [Fact]
    public void MetadataRoundTripsAndAnEmptyFileIsValid()
    {
        var metadata = new Dictionary<string, string> { ["step"] = "42", ["model"] = "rnn ✓ \"quoted\"" };
        var stream = new MemoryStream();
        SafeTensors.Write(stream, [], metadata);

        SafeTensorsFile read = HandMade.Read(stream.ToArray());
        Assert.Empty(read.Tensors);
        Assert.Equal(metadata.OrderBy(e => e.Key), read.Metadata.OrderBy(e => e.Key));

        stream = new MemoryStream();
        SafeTensors.Write(stream, []);
        Assert.Equal(HandMade.File("{}      ", []), stream.ToArray());
        Assert.Empty(HandMade.Read(stream.ToArray()).Metadata);
    }

    [Fact]
    public void ReaderAcceptsUnpaddedHeadersAnyKeyOrderNullMetadataAndUnknownFields()
    {
        string header = "{\"b\":{\"shape\":[],\"data_offsets\":[8,12],\"dtype\":\"F32\",\"note\":[1,{}]},"
            + "\"__metadata__\":null,\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        byte[] data = HandMade.F64(1.5).Concat(BitConverter.GetBytes(2.5f)).ToArray();

        SafeTensorsFile read = HandMade.Read(HandMade.File(header, data));
        Assert.Equal(new[] { "a", "b" }, read.Tensors.Select(t => t.Name));
        Assert.Equal(1.5, read["a"].Doubles[0]);
        Assert.Equal(2.5, read["b"].ToScalar());
        Assert.Empty(read.Metadata);
    }

    [Fact]
    public void HalfPrecisionTypesAreWidenedExactly()
    {
        string header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]}}";
        // F16: 0x3C00 = 1, 0xC500 = -5. BF16: 0x3FC0 = 1.5, 0xC2F7 = -123.5.
        byte[] data = [0x00, 0x3C, 0x00, 0xC5, 0xC0, 0x3F, 0xF7, 0xC2];

        SafeTensorsFile read = HandMade.Read(HandMade.File(header, data));
        Assert.Equal(new[] { 1.0, -5.0 }, read["h"].Doubles.ToArray());
        Assert.Equal(new[] { 1.5, -123.5 }, read["bf"].Doubles.ToArray());
    }

    [Fact]
    public void WrongAccessorsAndLookupsExplainThemselves()
    {
        SafeTensorsFile read = HandMade.Read(HandMade.Written(NamedTensor.FromInt64("step", 3), new NamedTensor("v", [2], new double[] { 1, 2 })));

        Assert.Contains("I64", Assert.Throws<InvalidOperationException>(() => read["step"].Doubles.Length).Message);
        Assert.Contains("rank 2", Assert.Throws<InvalidOperationException>(() => read["v"].ToMatrix()).Message);
        Assert.Contains("hand-made.safetensors: no tensor \"w\"", Assert.Throws<KeyNotFoundException>(() => read["w"]).Message);
        Assert.False(read.TryGetTensor("w", out _));
    }

    [Fact]
    public void WriterRejectsCallerMistakesBeforeWritingAnything()
    {
        Assert.Throws<ArgumentException>(() => new NamedTensor("W", [2, 3], new double[5]));
        Assert.Throws<ArgumentException>(() => new NamedTensor("W", [-1], new double[0]));
        Assert.Throws<ArgumentException>(() => new NamedTensor("__metadata__", [1], new double[1]));
        Assert.Throws<ArgumentException>(() => new NamedTensor("W", [1], new double[1], storeAs: SafeTensorDType.I64));
        Assert.Throws<ArgumentException>(() => NamedTensor.FromInt64s("n", [1], new long[] { 1L << 40 }, SafeTensorDType.I32));

        var stream = new MemoryStream();
        var twice = new NamedTensor("W", [1], new double[1]);
        Assert.Contains("\"W\" appears twice", Assert.Throws<ArgumentException>(() => SafeTensors.Write(stream, [twice, twice])).Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void NamedTensorViewsItsBufferUntilWritten()
    {
        // Documented: no copy is taken, so a save records the values at save time.
        var values = new double[] { 1, 2 };
        var tensor = new NamedTensor("v", [2], values);
        values[0] = 10;
        Assert.Equal(10, HandMade.Read(HandMade.Written(tensor))["v"].Doubles[0]);
    }

    private static NamedTensor Copy(LoadedTensor t) =>
        t.IsFloatingPoint
            ? new NamedTensor(t.Name, t.Shape.ToArray(), t.Doubles.ToArray(), storeAs: t.DType)
            : NamedTensor.FromInt64s(t.Name, t.Shape.ToArray(), t.Int64s.ToArray(), t.DType);
}
