using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// Evaluation on several ranks: rank 0 evaluates while the others wait without spinning, then every rank receives
/// rank 0's metrics, so early stopping decides the same everywhere.
/// </summary>
internal static class SpeakerMetrics
{
    /// <summary>
    /// Runs <paramref name="evaluate"/> on rank 0 only and returns its metrics on every rank (the same keys in the
    /// same order, the same values bit for bit).
    /// </summary>
    internal static IReadOnlyDictionary<string, double> Evaluate(Communicator communicator, Func<IReadOnlyDictionary<string, double>> evaluate)
    {
        if (communicator.Size == 1)
        {
            return evaluate();
        }

        double[] encoded = communicator.Speaks ? Encode(evaluate()) : [];
        communicator.WaitQuietly(); // the other ranks wait here for as long as rank 0 evaluates

        // A broadcast from rank 0 over the all-gather: first the length, then the numbers.
        var counts = new int[communicator.Size];
        Array.Fill(counts, 1);
        var lengths = new double[communicator.Size];
        lengths[communicator.Rank] = encoded.Length;
        communicator.AllGather(lengths, counts);
        Array.Clear(counts);
        counts[0] = (int)lengths[0];
        var all = new double[counts[0]];
        encoded.CopyTo(all, 0);
        communicator.AllGather(all, counts);
        return Decode(all);
    }

    // [count, then per metric: name length, the name's UTF-16 code units, the value]: integers below 2^53 are exact.
    internal static double[] Encode(IReadOnlyDictionary<string, double> metrics)
    {
        var numbers = new List<double> { metrics.Count };
        foreach (KeyValuePair<string, double> metric in metrics)
        {
            numbers.Add(metric.Key.Length);
            foreach (char c in metric.Key)
            {
                numbers.Add(c);
            }

            numbers.Add(metric.Value);
        }

        return [.. numbers];
    }

    internal static Dictionary<string, double> Decode(ReadOnlySpan<double> numbers)
    {
        int count = (int)numbers[0];
        var metrics = new Dictionary<string, double>(count);
        int at = 1;
        for (int m = 0; m < count; m++)
        {
            int length = (int)numbers[at++];
            var name = new char[length];
            for (int i = 0; i < length; i++)
            {
                name[i] = (char)numbers[at++];
            }

            metrics[new string(name)] = numbers[at++];
        }

        return metrics;
    }
}
