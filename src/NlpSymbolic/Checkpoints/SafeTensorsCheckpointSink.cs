using System;
using NlpSymbolic.Training;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// The trainer's checkpoints as a safetensors file (<see cref="Checkpoint.Save(string, TrainingCheckpoint, System.Collections.Generic.IReadOnlyDictionary{string, string}?)"/>),
/// replaced atomically each time, so the file on disk is always the last good state; resume with
/// <see cref="Checkpoint.Resume"/>.
/// </summary>
public sealed class SafeTensorsCheckpointSink : ICheckpointSink
{
    /// <summary>Writes every checkpoint the trainer makes to <paramref name="path"/>.</summary>
    public SafeTensorsCheckpointSink(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>How many checkpoints were written.</summary>
    public int Saved { get; private set; }

    /// <inheritdoc />
    public void Save(TrainingCheckpoint checkpoint)
    {
        Checkpoint.Save(Path, checkpoint);
        Saved++;
    }
}
