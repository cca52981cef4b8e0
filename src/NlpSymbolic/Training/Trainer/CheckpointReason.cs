namespace NlpSymbolic.Training;

/// <summary>Why the trainer is handing a state to its <see cref="ICheckpointSink"/>.</summary>
public enum CheckpointReason
{
    /// <summary><see cref="TrainerOptions.CheckpointEverySteps"/> updates have passed.</summary>
    Interval,

    /// <summary>An epoch (and its evaluation) has just finished.</summary>
    EpochEnd,

    /// <summary>The run reached its last epoch or step.</summary>
    Completed,

    /// <summary>Early stopping ended the run.</summary>
    EarlyStopped,

    /// <summary>The run was cancelled; this is the last state it reached.</summary>
    Cancelled,
}
