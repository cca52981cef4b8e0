using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Samples.Window;

/// <summary>Inverted dropout masks for <see cref="WindowTagger.SentenceLossWithDropout"/>.</summary>
public static class Dropout
{
    /// <summary>
    /// A rows × columns mask: each value independently 0 with probability <paramref name="rate"/>, else
    /// 1 / (1 − rate), drawn from <paramref name="seed"/> alone (the trainer's per-example seed, so the mask does not
    /// depend on which worker runs the example).
    /// </summary>
    public static Matrix<double> Mask(int rows, int columns, double rate, ulong seed)
    {
        if (rate is < 0 or >= 1 || double.IsNaN(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "the dropout rate must be in [0, 1)");
        }

        var kept = 1 / (1 - rate);
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var values = new double[rows * columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble() < rate ? 0 : kept;
        }

        return Matrix<double>.Build.Dense(rows, columns, values);
    }
}
