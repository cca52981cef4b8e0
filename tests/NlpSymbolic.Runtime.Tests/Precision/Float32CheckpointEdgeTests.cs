using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Runtime.Tests.Checkpoints;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Precision;

/// <summary>The float32 side of the checkpoint API at its edges: ranks, lengths, orders, stored types and sparse storage.</summary>
public sealed class Float32CheckpointEdgeTests
{
    private static readonly float[] Six = [1, 2, 3, 4, 5, 6];

    private static SafeTensorsFile File() => HandMade.Read(HandMade.Written(
        new NamedTensor("x", [2], new[] { 1.0, 2.0 }, storeAs: SafeTensorDType.F32),
        new NamedTensor("m", [2, 3], Array.ConvertAll(Six, v => (double)v), storeAs: SafeTensorDType.F32),
        NamedTensor.FromInt64("n", 3)));

    [Fact]
    public void Float32_readers_refuse_another_rank_or_integers_naming_what_they_need()
    {
        SafeTensorsFile file = File();

        Assert.Equal("Tensor \"x\" is F32 [2]; a matrix needs a floating-point tensor of rank 2.",
            Assert.Throws<InvalidOperationException>(() => file["x"].ToSingleMatrix()).Message);
        Assert.Equal("Tensor \"m\" is F32 [2, 3]; a vector needs a floating-point tensor of rank 1.",
            Assert.Throws<InvalidOperationException>(() => file["m"].ToSingleVector()).Message);
        Assert.Equal("Tensor \"m\" is F32 [2, 3]; a vector needs a floating-point tensor of rank 1.",
            Assert.Throws<InvalidOperationException>(() => file["m"].ToVector()).Message);
        Assert.Equal("Tensor \"n\" is I64 []; a vector needs a floating-point tensor of rank 1.",
            Assert.Throws<InvalidOperationException>(() => file["n"].ToSingleVector()).Message);
        Assert.Equal("Tensor \"n\" is I64 []; a scalar needs a floating-point tensor of rank 0.",
            Assert.Throws<InvalidOperationException>(() => file["n"].ToScalar()).Message);
        Assert.Equal("Tensor \"n\" is I64; read it with Int64s.",
            Assert.Throws<InvalidOperationException>(() => file["n"].CopyTo(new float[1])).Message);
    }

    [Fact]
    public void A_float32_destination_of_another_length_is_refused_before_anything_is_written()
    {
        var destination = new float[] { 9, 9, 9 };

        var e = Assert.Throws<ArgumentException>(() => File()["x"].CopyTo(destination));

        Assert.StartsWith("Tensor \"x\" has 2 elements but the destination has 3.", e.Message);
        Assert.Equal("destination", e.ParamName);
        Assert.Equal(new float[] { 9, 9, 9 }, destination);
    }

    [Fact]
    public void Float32_copies_are_row_major_unless_column_major_is_asked_for()
    {
        SafeTensorsFile file = File();
        var rowMajor = new float[6];
        var columnMajor = new float[6];

        file["m"].CopyTo(rowMajor);
        file["m"].CopyTo(columnMajor, TensorLayout.ColumnMajor);

        Assert.Equal(Six, rowMajor);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, columnMajor);
        Assert.Equal(Matrix<float>.Build.DenseOfRowMajor(2, 3, Six), file["m"].ToSingleMatrix());
    }

    [Fact]
    public void An_F64_tensor_read_as_float32_is_rounded_to_nearest()
    {
        // 1 + 2^-24 + 2^-40 lies just above halfway between two floats: nearest rounds up, truncation would not.
        double above = 1 + Math.Pow(2, -24) + Math.Pow(2, -40);
        SafeTensorsFile file = HandMade.Read(HandMade.Written(new NamedTensor("d", [2], new[] { 0.1, above })));

        Vector<float> v = file["d"].ToSingleVector();

        Assert.Equal(BitConverter.SingleToInt32Bits(0.1f), BitConverter.SingleToInt32Bits(v[0]));
        Assert.Equal(BitConverter.SingleToInt32Bits(1 + MathF.Pow(2, -23)), BitConverter.SingleToInt32Bits(v[1]));
    }

    [Fact]
    public void Float32_tensors_can_be_stored_as_F64_exactly_but_not_as_integers()
    {
        Matrix<float> w = Matrix<float>.Build.DenseOfRowMajor(2, 3, [0.1f, -2, float.Epsilon, 3, 4, float.MaxValue]);
        Vector<float> b = Vector<float>.Build.Dense([0.3f, -0.0f]);

        SafeTensorsFile file = HandMade.Read(HandMade.Written(
            NamedTensor.FromSingleMatrix("w", w, SafeTensorDType.F64), NamedTensor.FromSingleVector("b", b, SafeTensorDType.F64)));

        Assert.Equal(SafeTensorDType.F64, file["w"].DType);
        Assert.Equal(SafeTensorDType.F64, file["b"].DType);
        Assert.Equal(w, file["w"].ToSingleMatrix());
        Assert.Equal(BitConverter.SingleToInt32Bits(-0.0f), BitConverter.SingleToInt32Bits(file["b"].ToSingleVector()[1]));
        Assert.Equal("Tensor \"w\": floating-point data is stored as F64 or F32, not I32. (Parameter 'storeAs')",
            Assert.Throws<ArgumentException>(() => NamedTensor.FromSingleMatrix("w", w, SafeTensorDType.I32)).Message);
        Assert.Equal("Tensor \"b\": floating-point data is stored as F64 or F32, not I64. (Parameter 'storeAs')",
            Assert.Throws<ArgumentException>(() => NamedTensor.FromSingleVector("b", b, SafeTensorDType.I64)).Message);
        Assert.Throws<ArgumentNullException>(() => NamedTensor.FromSingleMatrix("w", null!));
        Assert.Throws<ArgumentNullException>(() => NamedTensor.FromSingleVector("b", null!));
    }

    [Fact]
    public void Sparse_float32_storage_is_written_with_its_values()
    {
        Matrix<float> w = Matrix<float>.Build.Sparse(2, 3);
        w[1, 2] = 5;
        Vector<float> b = Vector<float>.Build.Sparse(3);
        b[0] = -1;

        SafeTensorsFile file = HandMade.Read(HandMade.Written(NamedTensor.FromSingleMatrix("w", w), NamedTensor.FromSingleVector("b", b)));

        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 5 }, file["w"].Doubles.ToArray());
        Assert.Equal(new double[] { -1, 0, 0 }, file["b"].Doubles.ToArray());
    }
}
