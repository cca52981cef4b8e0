using System;
using System.Collections.Generic;
using System.IO;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// Writes tensors in the safetensors format (https://github.com/huggingface/safetensors), readable
/// by the Python and Rust <c>safetensors</c> packages. Read files with <see cref="SafeTensorsFile"/>.
/// </summary>
public static class SafeTensors
{
    /// <summary>
    /// Saves <paramref name="tensors"/> to <paramref name="path"/>, atomically: the data goes to a
    /// temporary file in the same folder, is flushed to disk, and is then renamed over
    /// <paramref name="path"/>. If anything fails, the previous file is left exactly as it was and
    /// the temporary file is removed.
    /// </summary>
    /// <param name="path">The file to create or replace (conventionally <c>*.safetensors</c>).</param>
    /// <param name="tensors">The tensors; names must be unique. Enumerated once, before any file is touched.</param>
    /// <param name="metadata">Optional free-form string pairs stored under <c>__metadata__</c> (e.g. the step, the model name).</param>
    /// <exception cref="ArgumentException">Duplicate names, a null tensor or metadata entry, or a header over the 100,000,000-byte limit.</exception>
    /// <exception cref="IOException">The file could not be written or replaced; the previous file is intact.</exception>
    public static void Save(string path, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        Save(path, tensors, metadata, wrapStream: null, beforeCommit: null);

    /// <summary>
    /// Writes <paramref name="tensors"/> to <paramref name="stream"/> at its current position.
    /// Not atomic; use <see cref="Save(string, IEnumerable{NamedTensor}, IReadOnlyDictionary{string, string}?)"/> for files.
    /// </summary>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="tensors">The tensors; names must be unique.</param>
    /// <param name="metadata">Optional string pairs stored under <c>__metadata__</c>.</param>
    /// <exception cref="ArgumentException">As for <see cref="Save(string, IEnumerable{NamedTensor}, IReadOnlyDictionary{string, string}?)"/>; nothing has been written.</exception>
    public static void Write(Stream stream, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SafeTensorsWriter.Prepare(tensors, metadata).Write(stream);
    }

    /// <summary>
    /// The atomic save with test hooks: <paramref name="wrapStream"/> can make the temporary file's
    /// stream fail partway (a full disk), <paramref name="beforeCommit"/> runs on the finished
    /// temporary file just before the rename.
    /// </summary>
    internal static void Save(
        string path,
        IEnumerable<NamedTensor> tensors,
        IReadOnlyDictionary<string, string>? metadata,
        Func<Stream, Stream>? wrapStream = null,
        Action<string>? beforeCommit = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Prepared first: a bad argument (or a throwing enumerator) never creates a temporary file.
        SafeTensorsWriter writer = SafeTensorsWriter.Prepare(tensors, metadata);
        AtomicFile.Write(path, file => writer.Write(wrapStream is null ? file : wrapStream(file)), beforeCommit);
    }
}
