namespace NlpSymbolic.Training;

/// <summary>
/// The random streams a training run derives from its seed. Each is a function of (seed, epoch[, example])
/// only, so a resumed run re-derives them and nothing about a generator's position has to be saved.
/// </summary>
internal static class RunSeeds
{
    private const ulong ShuffleStream = 0;
    private const ulong ExampleStream = 1;

    /// <summary>Seeds the shuffle of epoch <paramref name="epoch"/> (1-based).</summary>
    internal static ulong Shuffle(int seed, int epoch) =>
        SplitMix64.Derive(SplitMix64.Derive((ulong)(long)seed, ShuffleStream), (ulong)epoch);

    /// <summary>The seed shared by every example of epoch <paramref name="epoch"/>, the input of <see cref="Example"/>.</summary>
    internal static ulong ExampleEpoch(int seed, int epoch) =>
        SplitMix64.Derive(SplitMix64.Derive((ulong)(long)seed, ExampleStream), (ulong)epoch);

    /// <summary>The <see cref="ExampleContext.Seed"/> of example <paramref name="index"/>, given <see cref="ExampleEpoch"/>.</summary>
    internal static ulong Example(ulong epochSeed, int index) => SplitMix64.Derive(epochSeed, (ulong)index);
}
