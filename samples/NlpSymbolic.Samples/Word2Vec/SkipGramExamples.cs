using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>
/// One training example per corpus position: its center word against every context word of a random window of
/// 1…<c>window</c> words on each side (word2vec's dynamic window), each context word with K negatives from the
/// unigram^0.75 table. All draws come from the example's <see cref="ExampleContext.Seed"/>, and frequent words are
/// subsampled by a hash of (seed, epoch, position), so a run is the same with any worker count.
/// </summary>
internal sealed class SkipGramExamples
{
    [ThreadStatic]
    private static int[]? scratch;

    private readonly SkipGram model;
    private readonly Word2VecCorpus corpus;
    private readonly NegativeSampler sampler;
    private readonly int window;
    private readonly int negatives;
    private readonly double[]? keep;
    private readonly ulong subsampleSeed;

    /// <param name="subsample">word2vec's t: a word of frequency f is kept with probability (√(f/t) + 1)·t/f; 0 keeps every word.</param>
    public SkipGramExamples(SkipGram model, Word2VecCorpus corpus, int window, int negatives, double subsample, int seed)
    {
        this.model = model;
        this.corpus = corpus;
        this.window = window;
        this.negatives = negatives;
        sampler = new NegativeSampler(corpus.Counts);
        subsampleSeed = SplitMix.Mix((ulong)seed ^ 0x5EB5A3B1E5UL);
        if (subsample > 0)
        {
            keep = new double[corpus.Counts.Length];
            double total = corpus.Tokens.Length;
            for (int i = 0; i < keep.Length; i++)
            {
                double f = corpus.Counts[i] / total;
                keep[i] = f > 0 ? Math.Min(1.0, (Math.Sqrt(f / subsample) + 1) * subsample / f) : 0;
            }
        }
    }

    /// <summary>The positions, in corpus order: the trainer's example list.</summary>
    public int[] Positions() => Enumerable.Range(0, corpus.Tokens.Length).ToArray();

    /// <summary>The trainer's backward function: adds the example's gradient into <paramref name="gradients"/> (a worker's set) and returns its loss.</summary>
    public double Backward(int position, ParameterSet gradients, ExampleContext context)
    {
        if (!Kept(position, context.Epoch))
        {
            return 0;
        }

        var random = new SplitMix(context.Seed);
        int[] tokens = corpus.Tokens;
        int sentence = corpus.SentenceOf(position);
        int reach = 1 + random.NextInt(window);
        int from = Math.Max(corpus.SentenceStart[sentence], position - reach);
        int to = Math.Min(corpus.SentenceStart[sentence + 1] - 1, position + reach);
        int group = negatives + 1;
        int[] words = scratch is { } s && s.Length >= 2 * window * group ? s : scratch = new int[2 * window * group];
        int count = 0;
        for (int q = from; q <= to; q++)
        {
            if (q == position || !Kept(q, context.Epoch))
            {
                continue;
            }

            int target = tokens[q];
            words[count++] = target;
            for (int k = 0; k < negatives; k++)
            {
                // A negative equal to the true context word would push it both ways; draw again (a few times at most).
                int negative = sampler.Sample(ref random);
                for (int retry = 0; negative == target && retry < 8; retry++)
                {
                    negative = sampler.Sample(ref random);
                }

                words[count++] = negative;
            }
        }

        if (count == 0)
        {
            return 0;
        }

        int center = tokens[position];
        double loss = model.LossBackward(center, words, count, group, 1.0, gradients);
        // Sparse columns: the optimiser visits only what this example wrote (parameter 0 is In, 1 is Out).
        gradients[0].TouchColumn(center);
        gradients[1].TouchColumns(words.AsSpan(0, count));
        return loss;
    }

    private bool Kept(int position, int epoch)
    {
        if (keep is null)
        {
            return true;
        }

        ulong hash = SplitMix.Mix(SplitMix.Mix(subsampleSeed + (ulong)epoch) ^ (ulong)position);
        return (hash >> 11) * (1.0 / (1UL << 53)) < keep[corpus.Tokens[position]];
    }
}
