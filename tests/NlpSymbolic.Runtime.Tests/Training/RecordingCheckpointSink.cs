using System.Collections.Generic;
using NlpSymbolic.Training;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>Keeps deep copies of every checkpoint, as a sink writing files would.</summary>
internal sealed class RecordingCheckpointSink : ICheckpointSink
{
    public List<(CheckpointReason Reason, TrainerState State, double[][] Values, OptimizerState Optimizer)> Saved { get; } = new();

    public void Save(TrainingCheckpoint checkpoint) =>
        Saved.Add((checkpoint.Reason, TrainingAssert.Copy(checkpoint.State), TrainingAssert.Values(checkpoint.Parameters),
                   TrainingAssert.Copy(checkpoint.Optimizer.ExportState())));
}
