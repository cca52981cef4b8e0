namespace NlpSymbolic.Training;

/// <summary>
/// Where an example is being used, passed to a backward function that needs it — typically for randomness
/// (negative sampling, dropout) that must not depend on which worker thread runs the example.
/// </summary>
/// <param name="Index">The example's index in the training list.</param>
/// <param name="Epoch">The 1-based epoch the step belongs to.</param>
/// <param name="Step">The 1-based number of the update this example contributes to.</param>
/// <param name="Seed">
/// A 64-bit seed determined by the run's seed, the epoch and <paramref name="Index"/> only, so the same
/// example draws the same random numbers in the same epoch whatever the worker count, shard count or batch
/// size; different epochs and examples get unrelated seeds.
/// </param>
public readonly record struct ExampleContext(int Index, int Epoch, long Step, ulong Seed);
