using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// Reads one tensor's little-endian bytes from a stream into a <see cref="double"/> or <see cref="long"/>
/// array, a chunk at a time so no second full-size byte buffer is needed.
/// </summary>
internal static class TensorDecoder
{
    private const int ChunkBytes = 1 << 16;

    internal static LoadedTensor Read(Stream stream, TensorEntry entry)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            if (entry.DType.IsFloatingPoint())
            {
                var values = new double[entry.ElementCount];
                Decode(stream, entry.DType, chunk, values, DecodeFloat);
                return new LoadedTensor(entry.Name, entry.DType, entry.Shape, values, null);
            }
            else
            {
                var values = new long[entry.ElementCount];
                Decode(stream, entry.DType, chunk, values, DecodeInteger);
                return new LoadedTensor(entry.Name, entry.DType, entry.Shape, null, values);
            }
        }
        finally
        {
            // Stryker disable once Statement : returning the buffer to the pool only saves memory; one not returned is collected
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private delegate T ElementDecoder<T>(ReadOnlySpan<byte> bytes, SafeTensorDType dtype);

    private static void Decode<T>(Stream stream, SafeTensorDType dtype, byte[] chunk, T[] values, ElementDecoder<T> decode)
    {
        int size = dtype.ElementSize();
        int perChunk = ChunkBytes / size;
        for (int start = 0; /* Stryker disable once Equality : at start == Length the slice is empty and nothing more is moved */ start < values.Length; start += perChunk)
        {
            int count = Math.Min(perChunk, values.Length - start);
            stream.ReadExactly(chunk, 0, count * size);
            for (int i = 0; i < count; i++)
            {
                values[start + i] = decode(chunk.AsSpan(i * size, size), dtype);
            }
        }
    }

    private static double DecodeFloat(ReadOnlySpan<byte> bytes, SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        SafeTensorDType.F32 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        SafeTensorDType.F16 => (double)BinaryPrimitives.ReadHalfLittleEndian(bytes),
        // bfloat16 is the high half of a binary32, so shifting it up gives the same value exactly.
        SafeTensorDType.BF16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a floating-point dtype."),
    };

    private static long DecodeInteger(ReadOnlySpan<byte> bytes, SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        SafeTensorDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not an integer dtype."),
    };
}
