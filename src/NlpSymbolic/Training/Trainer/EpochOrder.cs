namespace NlpSymbolic.Training;

/// <summary>The order in which an epoch visits the training examples.</summary>
internal static class EpochOrder
{
    /// <summary>
    /// Fills <paramref name="order"/> with 0 … n − 1, Fisher–Yates-shuffled by a generator seeded from
    /// (<paramref name="seed"/>, <paramref name="epoch"/>) when <paramref name="shuffle"/> is set. Starting from
    /// the identity each time makes an epoch's order independent of earlier epochs, so a resumed run can
    /// rebuild it.
    /// </summary>
    internal static void Fill(int[] order, int seed, int epoch, bool shuffle)
    {
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (!shuffle)
        {
            return;
        }

        var random = new SplitMix64(RunSeeds.Shuffle(seed, epoch));
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.NextBelow(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
