namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>
/// Draws negatives from the unigram distribution raised to 3/4 (Mikolov et al. 2013) in O(1) per draw with
/// Walker's alias method. The table is built once from the counts; the draws take the caller's generator, so
/// they are reproducible whatever thread makes them.
/// </summary>
internal sealed class NegativeSampler
{
    private readonly double[] probability;
    private readonly int[] alias;

    public NegativeSampler(ReadOnlySpan<long> counts, double power = 0.75)
    {
        int n = counts.Length;
        var weights = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            weights[i] = counts[i] > 0 ? Math.Pow(counts[i], power) : 0;
            total += weights[i];
        }

        if (total <= 0)
        {
            throw new ArgumentException("No word has a positive count.", nameof(counts));
        }

        probability = new double[n];
        alias = new int[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = n - 1; i >= 0; i--)
        {
            weights[i] *= n / total;
            (weights[i] < 1 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            probability[s] = weights[s];
            alias[s] = l;
            weights[l] -= 1 - weights[s];
            (weights[l] < 1 ? small : large).Push(l);
        }

        // What is left is 1 up to rounding.
        foreach (int i in large.Concat(small))
        {
            probability[i] = 1;
            alias[i] = i;
        }
    }

    public int Sample(ref SplitMix random)
    {
        ulong bits = random.Next();
        int column = (int)((bits >> 32) * (ulong)probability.Length >> 32);
        double u = (bits & 0xFFFFFFFFUL) * (1.0 / 4294967296.0);
        return u < probability[column] ? column : alias[column];
    }
}
