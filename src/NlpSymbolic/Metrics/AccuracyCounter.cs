using System;

namespace NlpSymbolic.Metrics;

/// <summary>Running token accuracy (POS tagging, or any per-token label), in percent like the chunk scores.</summary>
public sealed class AccuracyCounter
{
    /// <summary>Tokens whose prediction was right.</summary>
    public long Correct { get; private set; }

    /// <summary>Tokens counted.</summary>
    public long Total { get; private set; }

    /// <summary>100 · <see cref="Correct"/> / <see cref="Total"/>, or 0 when nothing was counted.</summary>
    public double Accuracy => Total > 0 ? 100.0 * Correct / Total : 0.0;

    /// <summary>Counts one prediction.</summary>
    public void Add(bool correct)
    {
        Total++;
        if (correct)
        {
            Correct++;
        }
    }

    /// <summary>Counts a sentence of label indices.</summary>
    /// <exception cref="ArgumentException">The sequences have different lengths.</exception>
    public void Add(ReadOnlySpan<int> gold, ReadOnlySpan<int> predicted)
    {
        SameLength(gold.Length, predicted.Length);
        var correct = 0;
        for (var i = 0; i < gold.Length; i++)
        {
            if (gold[i] == predicted[i])
            {
                correct++;
            }
        }

        Correct += correct;
        Total += gold.Length;
    }

    /// <summary>Counts a sentence of labels compared ordinally.</summary>
    /// <exception cref="ArgumentException">The sequences have different lengths.</exception>
    public void Add(ReadOnlySpan<string> gold, ReadOnlySpan<string> predicted)
    {
        SameLength(gold.Length, predicted.Length);
        var correct = 0;
        for (var i = 0; i < gold.Length; i++)
        {
            if (string.Equals(gold[i], predicted[i], StringComparison.Ordinal))
            {
                correct++;
            }
        }

        Correct += correct;
        Total += gold.Length;
    }

    /// <summary>Starts again from zero.</summary>
    public void Reset()
    {
        Correct = 0;
        Total = 0;
    }

    private static void SameLength(int gold, int predicted)
    {
        if (gold != predicted)
        {
            throw new ArgumentException($"one prediction per gold label is needed: {gold} gold but {predicted} predicted", "predicted");
        }
    }
}
