using System;

namespace NlpSymbolic.Training;

/// <summary>
/// Vigna's SplitMix64 generator: 64 bits of state, so a run's randomness is a pure function of its seed and
/// can be re-derived on resume instead of saved. <see cref="Random"/> is not used because its state cannot be
/// exported and its algorithm for a given seed is not promised to stay the same across .NET versions.
/// </summary>
internal struct SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;
    private ulong _state;

    internal SplitMix64(ulong seed) => _state = seed;

    internal ulong Next()
    {
        _state += Gamma;
        return Finalize(_state);
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>), without modulo bias (Lemire's multiply-and-reject).</summary>
    internal int NextBelow(int bound)
    {
        ulong range = (ulong)bound;
        ulong high = Math.BigMul(Next(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0 - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(Next(), range, out low);
            }
        }

        return (int)high;
    }

    /// <summary>A seed for the stream numbered <paramref name="value"/> under <paramref name="seed"/>; nearby inputs give unrelated outputs.</summary>
    internal static ulong Derive(ulong seed, ulong value) => Finalize(Finalize(seed) + (value + 1) * Gamma);

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
