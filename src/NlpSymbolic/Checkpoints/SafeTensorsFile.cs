using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// A safetensors file read completely into memory: its tensors by name and its metadata.
/// </summary>
/// <remarks>
/// The file is treated as untrusted. The header is validated in full (types, shapes, offsets,
/// exact tiling of the data area, overflow-checked sizes) against the file's length before any
/// tensor memory is allocated, so a malformed or hostile file gives a
/// <see cref="CheckpointFormatException"/> rather than an out-of-memory error or a partial result.
/// </remarks>
public sealed class SafeTensorsFile
{
    private readonly Dictionary<string, LoadedTensor> _byName;

    private SafeTensorsFile(string sourceName, IReadOnlyDictionary<string, string> metadata, LoadedTensor[] tensors)
    {
        SourceName = sourceName;
        Metadata = metadata;
        Tensors = tensors;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The path (or the stream description) the file was read from; used in messages.</summary>
    public string SourceName { get; }

    /// <summary>The <c>__metadata__</c> string pairs; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every tensor, in the order their data appears in the file.</summary>
    public IReadOnlyList<LoadedTensor> Tensors { get; }

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    /// <param name="name">The tensor's name (case-sensitive).</param>
    /// <exception cref="KeyNotFoundException">The file has no such tensor; the message names the file.</exception>
    public LoadedTensor this[string name] =>
        _byName.TryGetValue(name, out LoadedTensor? tensor)
            ? tensor
            : throw new KeyNotFoundException($"{SourceName}: no tensor \"{name}\" (the file has {Tensors.Count}).");

    /// <summary>Looks up a tensor by name without throwing.</summary>
    /// <param name="name">The tensor's name (case-sensitive).</param>
    /// <param name="tensor">The tensor, when found.</param>
    /// <returns>True when the file has a tensor called <paramref name="name"/>.</returns>
    public bool TryGetTensor(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LoadedTensor? tensor) =>
        _byName.TryGetValue(name, out tensor);

    /// <summary>Reads and validates the safetensors file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Every tensor and the metadata.</returns>
    /// <exception cref="CheckpointFormatException">The file is malformed; the message names the file, the tensor and the problem.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static SafeTensorsFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: /* Stryker disable once Bitwise : the buffer size changes only how many bytes each system call moves */ 1 << 16, FileOptions.SequentialScan);
        return Read(file, path);
    }

    /// <summary>Reads and validates a safetensors file from <paramref name="stream"/>, from its current position to its end.</summary>
    /// <param name="stream">A readable, seekable stream (its length bounds every allocation); left open.</param>
    /// <param name="sourceName">How messages refer to the stream; defaults to "&lt;stream&gt;".</param>
    /// <returns>Every tensor and the metadata.</returns>
    /// <exception cref="ArgumentException">The stream cannot read or seek.</exception>
    /// <exception cref="CheckpointFormatException">The content is malformed.</exception>
    public static SafeTensorsFile Read(Stream stream, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException(
                "Reading needs a readable, seekable stream, whose length bounds what a forged header can make the reader allocate. Copy other streams to a file or a MemoryStream first.",
                nameof(stream));
        }

        string source = sourceName ?? "<stream>";
        long available = stream.Length - stream.Position;
        int prefix = SafeTensorsLimits.LengthPrefixBytes;
        if (available < prefix)
        {
            throw new CheckpointFormatException(source, null, $"the file has {available} bytes, fewer than the 8-byte header length that starts a safetensors file.");
        }

        Span<byte> lengthBytes = stackalloc byte[prefix];
        stream.ReadExactly(lengthBytes);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > SafeTensorsLimits.MaxHeaderBytes)
        {
            throw new CheckpointFormatException(
                source, null, $"the header length is {headerLength} bytes, over the {SafeTensorsLimits.MaxHeaderBytes}-byte limit (not a safetensors file, or corrupt).");
        }

        if ((long)headerLength > available - prefix)
        {
            throw new CheckpointFormatException(
                source, null, $"the header length is {headerLength} bytes, but only {available - prefix} bytes follow it (truncated file?).");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        long dataLength = available - prefix - (long)headerLength;
        SafeTensorsHeader parsed = SafeTensorsHeader.Parse(header, dataLength, source);

        var tensors = new LoadedTensor[parsed.Entries.Length];
        for (int i = 0; i < tensors.Length; i++)
        {
            try
            {
                // Entries tile the data area in order, so reading them in sequence needs no seeks.
                tensors[i] = TensorDecoder.Read(stream, parsed.Entries[i]);
            }
            catch (EndOfStreamException e)
            {
                throw new CheckpointFormatException(source, parsed.Entries[i].Name, "the file ended inside the tensor's data (was it changed while being read?).", e);
            }
        }

        return new SafeTensorsFile(source, parsed.Metadata, tensors);
    }
}
