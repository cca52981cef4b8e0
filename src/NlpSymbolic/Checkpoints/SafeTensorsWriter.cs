using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// Encodes tensors in the safetensors layout. Everything that can fail because of the caller's
/// input is checked in <see cref="Prepare"/>, before a single byte is written.
/// </summary>
internal sealed class SafeTensorsWriter
{
    private const int ChunkBytes = 1 << 16;

    private readonly NamedTensor[] _ordered;
    private readonly byte[] _header;

    private SafeTensorsWriter(NamedTensor[] ordered, byte[] header)
    {
        _ordered = ordered;
        _header = header;
    }

    internal static SafeTensorsWriter Prepare(IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        NamedTensor[] list = tensors.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (NamedTensor tensor in list)
        {
            if (tensor is null)
            {
                throw new ArgumentException("The tensor list contains null.", nameof(tensors));
            }

            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException($"Tensor \"{tensor.Name}\" appears twice; names in a checkpoint must be unique.", nameof(tensors));
            }
        }

        if (metadata is not null)
        {
            foreach (KeyValuePair<string, string> entry in metadata)
            {
                if (entry.Key is null || entry.Value is null)
                {
                    throw new ArgumentException("Metadata keys and values must not be null.", nameof(metadata));
                }
            }
        }

        // The reference writer's order: wider elements first, then by name. Every data offset is
        // then a multiple of its element size (the header is padded to 8), so readers may map
        // the data in place, and the same tensors always give the same bytes.
        NamedTensor[] ordered = list
            .OrderByDescending(t => t.DType.ElementSize())
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();
        return new SafeTensorsWriter(ordered, EncodeHeader(ordered, metadata));
    }

    internal void Write(Stream stream)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)_header.Length);
        stream.Write(length);
        stream.Write(_header);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            foreach (NamedTensor tensor in _ordered)
            {
                WriteData(stream, tensor, chunk);
            }
        }
        finally
        {
            // Stryker disable once Statement : returning the buffer to the pool only saves memory; one not returned is collected
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static byte[] EncodeHeader(NamedTensor[] ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps non-ASCII names readable in the header; it is still valid JSON.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(NamedTensor.MetadataKey);
                foreach (KeyValuePair<string, string> entry in metadata.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    json.WriteString(entry.Key, entry.Value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (NamedTensor tensor in ordered)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.ToString());
                json.WriteStartArray("shape");
                foreach (int dim in tensor.ShapeArray)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset = /* Stryker disable once Checked : tensors held in memory cannot sum to 2^63 bytes */ checked(offset + tensor.ByteLength);
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        int padding = (8 - buffer.WrittenCount % 8) % 8;
        if (buffer.WrittenCount + padding > SafeTensorsLimits.MaxHeaderBytes)
        {
            throw new ArgumentException(
                $"The header would be {buffer.WrittenCount} bytes; readers reject headers over {SafeTensorsLimits.MaxHeaderBytes} bytes. Use fewer tensors or less metadata.");
        }

        buffer.GetSpan(padding)[..padding].Fill((byte)' ');
        buffer.Advance(padding);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteData(Stream stream, NamedTensor tensor, byte[] chunk)
    {
        if (tensor.DType.IsFloatingPoint())
        {
            WriteDoubles(stream, tensor, chunk);
        }
        else
        {
            WriteIntegers(stream, tensor.Integers.Span, tensor.DType, chunk);
        }
    }

    private static void WriteDoubles(Stream stream, NamedTensor tensor, byte[] chunk)
    {
        ReadOnlySpan<double> source = tensor.Doubles.Span;
        if (/* Stryker disable once Logical : a shortcut; ToRowMajor copies a row-major tensor unchanged */ tensor.Layout == TensorLayout.RowMajor
            || /* Stryker disable once Equality : a shortcut; ToRowMajor copies a rank-1 tensor unchanged */ tensor.ShapeArray.Length <= 1)
        {
            EncodeDoubles(stream, source, tensor.DType, chunk);
            return;
        }

        // One tensor's worth of scratch is the price of keeping the encoder a straight loop.
        double[] rowMajor = ArrayPool<double>.Shared.Rent(source.Length);
        try
        {
            Span<double> ordered = rowMajor.AsSpan(0, source.Length);
            LayoutOrder.ToRowMajor(source, tensor.Layout, tensor.ShapeArray, ordered);
            EncodeDoubles(stream, ordered, tensor.DType, chunk);
        }
        finally
        {
            // Stryker disable once Statement : returning the buffer to the pool only saves memory; one not returned is collected
            ArrayPool<double>.Shared.Return(rowMajor);
        }
    }

    private static void EncodeDoubles(Stream stream, ReadOnlySpan<double> values, SafeTensorDType dtype, byte[] chunk)
    {
        int size = dtype.ElementSize();
        int perChunk = chunk.Length / size;
        for (int start = 0; /* Stryker disable once Equality : at start == Length the slice is empty and nothing more is moved */ start < values.Length; start += perChunk)
        {
            ReadOnlySpan<double> part = values.Slice(start, Math.Min(perChunk, values.Length - start));
            for (int i = 0; i < part.Length; i++)
            {
                Span<byte> target = chunk.AsSpan(i * size, size);
                if (dtype == SafeTensorDType.F64)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(target, part[i]);
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(target, (float)part[i]);
                }
            }

            stream.Write(chunk, 0, part.Length * size);
        }
    }

    private static void WriteIntegers(Stream stream, ReadOnlySpan<long> values, SafeTensorDType dtype, byte[] chunk)
    {
        int size = dtype.ElementSize();
        int perChunk = chunk.Length / size;
        for (int start = 0; /* Stryker disable once Equality : at start == Length the slice is empty and nothing more is moved */ start < values.Length; start += perChunk)
        {
            ReadOnlySpan<long> part = values.Slice(start, Math.Min(perChunk, values.Length - start));
            for (int i = 0; i < part.Length; i++)
            {
                Span<byte> target = chunk.AsSpan(i * size, size);
                if (dtype == SafeTensorDType.I64)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(target, part[i]);
                }
                else
                {
                    // Range-checked when the NamedTensor was made.
                    BinaryPrimitives.WriteInt32LittleEndian(target, (int)part[i]);
                }
            }

            stream.Write(chunk, 0, part.Length * size);
        }
    }
}
