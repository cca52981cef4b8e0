namespace NlpSymbolic.Training;

/// <summary>
/// Receives resumable training states from <see cref="Trainer{TExample}"/>: where a checkpoint format (such as
/// NlpSymbolic.Checkpoints) plugs in.
/// </summary>
/// <remarks>
/// The trainer calls <see cref="Save"/> on its own thread between steps, only with states reached by good
/// steps: never after a step that produced a non-finite loss or gradient. At most one call is made per step.
/// Everything in the checkpoint is live (the parameter values, the optimiser's state tensors): write or copy
/// it before returning. An exception thrown here ends training and propagates from
/// <see cref="Trainer{TExample}.Train"/>.
/// </remarks>
public interface ICheckpointSink
{
    /// <summary>Stores (or copies) <paramref name="checkpoint"/>.</summary>
    void Save(TrainingCheckpoint checkpoint);
}
