namespace NlpSymbolic.Training;

/// <summary>Why <see cref="Trainer{TExample}.Train"/> returned.</summary>
public enum TrainingOutcome
{
    /// <summary>The configured number of epochs or steps was reached.</summary>
    Completed,

    /// <summary>The early-stopping metric did not improve for the configured number of evaluations.</summary>
    EarlyStopped,

    /// <summary>The cancellation token was signalled; training stopped after the step that was running.</summary>
    Cancelled,
}
