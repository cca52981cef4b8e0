using NlpSymbolic.Data;

namespace NlpSymbolic.Samples.Window;

/// <summary>A sentence as the window tagger reads it: ids padded with two &lt;pad&gt; positions on each side.</summary>
public sealed record EncodedSentence(int[] Words, int[] Caps, int[] Suffixes, int[] Tags, TaggedSentence Source)
{
    /// <summary>Padded positions of the real words: <see cref="WindowExample.Pad"/> … Count + Pad − 1.</summary>
    public int Count => Source.Count;
}

/// <summary>One training example: the word at padded position <see cref="Position"/> of a sentence.</summary>
public readonly record struct WindowExample(EncodedSentence Sentence, int Position)
{
    /// <summary>Window of 2k+1 = 5 words.</summary>
    public const int Size = 5;

    public const int Pad = 2;

    public int Tag => Sentence.Tags[Position - Pad];
}

/// <summary>
/// The inputs of the window tagger, built from the training sentences: a lower-cased vocabulary (digits → 0,
/// words seen once → &lt;unk&gt;, so &lt;unk&gt; is trained), the capitalisation feature of Collobert et al.
/// (which carries the case the lower-casing removed), and the word's last letters (which guess the tag of
/// words the vocabulary does not know: -ly, -ed, -s).
/// </summary>
public sealed class WindowFeatures
{
    private WindowFeatures(Vocabulary words, Vocabulary suffixes, TagSet tags, int suffixLength)
    {
        Words = words;
        Suffixes = suffixes;
        Tags = tags;
        SuffixLength = suffixLength;
    }

    public Vocabulary Words { get; }

    public Vocabulary Suffixes { get; }

    public TagSet Tags { get; }

    public int SuffixLength { get; }

    /// <summary>
    /// The vocabularies from the training sentences; <paramref name="tags"/> is the task's closed tag set (fixed,
    /// so a slice of the data that lacks a rare tag still reads the rest, and a tag outside it is an error).
    /// </summary>
    /// <param name="pretrained">
    /// Words that have a pre-trained vector (<c>--embeddings</c>): each joins the vocabulary even if training never
    /// shows it (or shows it once), so a dev or test word the file knows is read as itself, not as &lt;unk&gt;.
    /// </param>
    public static WindowFeatures Build(IReadOnlyList<TaggedSentence> train, TagSet tags, int suffixLength, IEnumerable<string>? pretrained = null)
    {
        var options = new VocabularyOptions { MinCount = 2, Normalizer = WordNormalizer.LowerCaseAndDigits, Specials = SpecialTokens.Padding };
        var counts = new TokenCounts();
        counts.AddRange(train.SelectMany(s => s.Words));
        foreach (var word in pretrained ?? [])
        {
            counts.Add(word, options.MinCount);
        }

        var words = Vocabulary.Build(counts, options);
        var suffixes = Vocabulary.Build(train.SelectMany(s => s.Words).Select(w => Suffix(w, suffixLength)), options);
        return new WindowFeatures(words, suffixes, tags, suffixLength);
    }

    public WindowShape Shape(int wordDimension, int hidden) => new(Words.Count, Suffixes.Count, Tags.Count, WordDimension: wordDimension, Hidden: hidden);

    /// <summary>Encodes a sentence; a tag the training data never had is an <see cref="UnknownTagException"/> naming file and line.</summary>
    public EncodedSentence Encode(TaggedSentence sentence)
    {
        var length = sentence.Count + 2 * WindowExample.Pad;
        var words = new int[length];
        var caps = new int[length];
        var suffixes = new int[length];
        Array.Fill(words, Words.PaddingIndex);
        Array.Fill(suffixes, Suffixes.PaddingIndex);
        Array.Fill(caps, (int)Capitalization.Other);
        for (var i = 0; i < sentence.Count; i++)
        {
            var word = sentence.Words[i];
            words[i + WindowExample.Pad] = Words.IndexOf(word);
            caps[i + WindowExample.Pad] = (int)CapitalizationFeature.Of(word);
            suffixes[i + WindowExample.Pad] = Suffixes.IndexOf(Suffix(word, SuffixLength));
        }

        return new EncodedSentence(words, caps, suffixes, Tags.Encode(sentence), sentence);
    }

    public List<EncodedSentence> Encode(IEnumerable<TaggedSentence> sentences) => sentences.Select(Encode).ToList();

    /// <summary>Every word of every sentence as a training example.</summary>
    public static List<WindowExample> Examples(IEnumerable<EncodedSentence> sentences) =>
        sentences.SelectMany(s => Enumerable.Range(WindowExample.Pad, s.Count).Select(t => new WindowExample(s, t))).ToList();

    private static string Suffix(string word, int length) =>
        word.Length <= length ? word : word[^length..];
}
