using NlpSymbolic.Data;
using NlpSymbolic.Samples.Hosting;

namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>
/// The training text as word ids: words below the minimum count are dropped from the stream (as word2vec
/// does, so windows reach past them), and <see cref="SentenceOf"/> keeps windows inside one sentence.
/// </summary>
internal sealed class Word2VecCorpus
{
    private Word2VecCorpus(string source, Vocabulary vocabulary, long[] counts, int[] tokens, int[] sentenceStart, int[] sentenceOf, long rawTokens)
    {
        Source = source;
        Vocabulary = vocabulary;
        Counts = counts;
        Tokens = tokens;
        SentenceStart = sentenceStart;
        SentenceOfToken = sentenceOf;
        RawTokens = rawTokens;
    }

    /// <summary>Where the text came from, for the report.</summary>
    public string Source { get; }

    public Vocabulary Vocabulary { get; }

    /// <summary>Occurrences of each vocabulary id in <see cref="Tokens"/> (0 for &lt;unk&gt;).</summary>
    public long[] Counts { get; }

    /// <summary>The kept words in corpus order.</summary>
    public int[] Tokens { get; }

    /// <summary>Sentence s covers Tokens[SentenceStart[s] .. SentenceStart[s + 1]); one extra entry at the end.</summary>
    public int[] SentenceStart { get; }

    private int[] SentenceOfToken { get; }

    /// <summary>Words read before the minimum count was applied.</summary>
    public long RawTokens { get; }

    public int SentenceOf(int position) => SentenceOfToken[position];

    /// <summary>
    /// Builds the corpus from sentences of raw words: lower-cased, punctuation trimmed from both ends (tokens with
    /// no letter or digit are dropped) or, with <paramref name="keepPunctuation"/>, split off into words of its own
    /// (<see cref="Word2VecTokens.Split"/>); at most <paramref name="maxTokens"/> words read.
    /// </summary>
    public static Word2VecCorpus Build(string source, IEnumerable<IReadOnlyList<string>> sentences, int minCount, long? maxTokens, bool keepPunctuation = false)
    {
        var split = new List<string>();
        var normalised = new List<string[]>();
        var counts = new TokenCounts();
        long read = 0;
        foreach (var sentence in sentences)
        {
            var words = new List<string>(sentence.Count);
            foreach (var raw in sentence)
            {
                if (maxTokens is { } max && read >= max)
                {
                    break;
                }

                split.Clear();
                Word2VecTokens.Split(raw, keepPunctuation, split);
                foreach (var word in split)
                {
                    words.Add(word);
                    read++;
                }
            }

            if (words.Count > 0)
            {
                normalised.Add(words.ToArray());
                counts.AddRange(words);
            }

            if (maxTokens is { } limit && read >= limit)
            {
                break;
            }
        }

        if (read == 0)
        {
            throw new SampleException($"{source}: the corpus has no words.", ExitCodes.BadInput);
        }

        var vocabulary = Vocabulary.Build(counts, new VocabularyOptions { MinCount = minCount });
        if (vocabulary.Count <= 1)
        {
            throw new SampleException(
                $"{source}: no word occurs at least {minCount} times in {read:N0} words; lower --min-count or give more text.", ExitCodes.BadInput);
        }

        var ids = new List<int>();
        var starts = new List<int>();
        var sentenceOf = new List<int>();
        var idCounts = new long[vocabulary.Count];
        foreach (var sentence in normalised)
        {
            int start = ids.Count;
            foreach (var word in sentence)
            {
                if (vocabulary.TryGetIndex(word, out int id) && id != vocabulary.UnknownIndex)
                {
                    ids.Add(id);
                    idCounts[id]++;
                    sentenceOf.Add(starts.Count);
                }
            }

            if (ids.Count > start)
            {
                starts.Add(start);
            }
        }

        starts.Add(ids.Count);
        return new Word2VecCorpus(source, vocabulary, idCounts, ids.ToArray(), starts.ToArray(), sentenceOf.ToArray(), read);
    }
}
