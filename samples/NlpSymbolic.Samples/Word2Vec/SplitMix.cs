namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>
/// A tiny seeded generator (SplitMix64) for the per-example draws: window size, negatives, subsampling. A
/// struct on the stack, so a worker thread's draws never touch shared state.
/// </summary>
internal struct SplitMix(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int NextInt(int n) => (int)((Next() >> 33) * (ulong)n >> 31);

    /// <summary>The SplitMix64 finaliser: a well-mixed 64-bit hash of one value.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
