namespace NlpSymbolic.Training;

/// <summary>
/// What a resumable checkpoint holds: parameter values, optimiser state and trainer state, which together
/// let a new trainer continue bit-identically (see <see cref="Trainer{TExample}.LoadState"/>).
/// </summary>
/// <param name="Reason">Why the trainer is saving now.</param>
/// <param name="Parameters">The model's parameters; their <see cref="Parameter.Values"/> are the live weights.</param>
/// <param name="Optimizer">The optimiser; <see cref="Optimizer.ExportState"/> gives its state tensors (live views).</param>
/// <param name="State">The trainer's position, seed and early-stopping record.</param>
/// <param name="History">The metrics recorded so far, if the sink wants to keep the curves.</param>
public sealed record TrainingCheckpoint(
    CheckpointReason Reason,
    ParameterSet Parameters,
    Optimizer Optimizer,
    TrainerState State,
    MetricHistory History);
