using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NlpSymbolic.Data;

/// <summary>
/// A word ↔ index map with a reserved <c>&lt;unk&gt;</c> that every unknown word maps to (or, built with
/// <see cref="SpecialTokens.NoUnknown"/>, a closed set without it: a character vocabulary of a whole text needs no
/// <c>&lt;unk&gt;</c>, which would only be an output class no target ever has). Reserved tokens come
/// first (<c>&lt;pad&gt;</c> if requested, <c>&lt;unk&gt;</c>, then <c>&lt;s&gt;</c> <c>&lt;/s&gt;</c> if requested),
/// then words by descending count, ties in ordinal string order, so the same counts always give the same indices.
/// </summary>
/// <remarks>
/// Lookups apply the vocabulary's normaliser first, so a vocabulary built lower-cased is queried with raw words.
/// A word equal to a reserved token (PTB language-model data writes <c>&lt;unk&gt;</c> literally) maps to that
/// token and is not added twice. Instances are immutable and safe to share across threads.
/// </remarks>
public sealed class Vocabulary
{
    /// <summary>The unknown-word token, always present.</summary>
    public const string UnknownToken = "<unk>";

    /// <summary>The padding token, present with <see cref="SpecialTokens.Padding"/>.</summary>
    public const string PaddingToken = "<pad>";

    /// <summary>The sentence-start token, present with <see cref="SpecialTokens.SentenceBoundaries"/>.</summary>
    public const string SentenceStartToken = "<s>";

    /// <summary>The sentence-end token, present with <see cref="SpecialTokens.SentenceBoundaries"/>.</summary>
    public const string SentenceEndToken = "</s>";

    private readonly string[] _words;
    private readonly Dictionary<string, int> _indices;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIndices;
    private readonly int _padding;
    private readonly int _sentenceStart;
    private readonly int _sentenceEnd;

    private Vocabulary(string[] words, Func<string, string>? normalizer, string? sourceFile, bool requireUnknown = true)
    {
        _words = words;
        Normalizer = normalizer;
        _indices = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            _indices.Add(words[i], i);
        }

        _spanIndices = _indices.GetAlternateLookup<ReadOnlySpan<char>>();
        UnknownIndex = _indices.TryGetValue(UnknownToken, out var unknown)
            ? unknown
            : requireUnknown ? throw new DataFormatException(sourceFile, 0, $"a vocabulary needs a line {UnknownToken}") : -1;
        _padding = _indices.GetValueOrDefault(PaddingToken, -1);
        _sentenceStart = _indices.GetValueOrDefault(SentenceStartToken, -1);
        _sentenceEnd = _indices.GetValueOrDefault(SentenceEndToken, -1);
    }

    /// <summary>The number of entries, reserved tokens included.</summary>
    public int Count => _words.Length;

    /// <summary>The entries in index order.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>The normaliser applied before every lookup, or null.</summary>
    public Func<string, string>? Normalizer { get; }

    /// <summary>The index of <c>&lt;unk&gt;</c>, or -1 in a vocabulary built with <see cref="SpecialTokens.NoUnknown"/>.</summary>
    public int UnknownIndex { get; }

    /// <summary>Whether <c>&lt;unk&gt;</c> is present (unless built with <see cref="SpecialTokens.NoUnknown"/>).</summary>
    public bool HasUnknown => UnknownIndex >= 0;

    /// <summary>Whether <c>&lt;pad&gt;</c> is present.</summary>
    public bool HasPadding => _padding >= 0;

    /// <summary>The index of <c>&lt;pad&gt;</c>.</summary>
    /// <exception cref="InvalidOperationException">The vocabulary has no padding token.</exception>
    public int PaddingIndex => _padding >= 0 ? _padding : throw Missing(PaddingToken, nameof(SpecialTokens.Padding));

    /// <summary>The index of <c>&lt;s&gt;</c>.</summary>
    /// <exception cref="InvalidOperationException">The vocabulary has no sentence-boundary tokens.</exception>
    public int SentenceStartIndex => _sentenceStart >= 0 ? _sentenceStart : throw Missing(SentenceStartToken, nameof(SpecialTokens.SentenceBoundaries));

    /// <summary>The index of <c>&lt;/s&gt;</c>.</summary>
    /// <exception cref="InvalidOperationException">The vocabulary has no sentence-boundary tokens.</exception>
    public int SentenceEndIndex => _sentenceEnd >= 0 ? _sentenceEnd : throw Missing(SentenceEndToken, nameof(SpecialTokens.SentenceBoundaries));

    /// <summary>Builds a vocabulary from a stream of tokens, counting them first.</summary>
    public static Vocabulary Build(IEnumerable<string> tokens, VocabularyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var counts = new TokenCounts();
        counts.AddRange(tokens);
        return Build(counts, options);
    }

    /// <summary>Builds a vocabulary from counts of raw words; counts of words that normalise alike are added up.</summary>
    public static Vocabulary Build(TokenCounts counts, VocabularyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= new VocabularyOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinCount, 1, "options.MinCount");
        if (options.MaxWords is < 0)
        {
            throw new ArgumentOutOfRangeException("options.MaxWords", options.MaxWords, "must be null or at least 0");
        }

        var reserved = Reserved(options.Specials);
        var normalized = new Dictionary<string, long>(counts.Count, StringComparer.Ordinal);
        foreach (var (word, count) in counts)
        {
            var form = options.Normalizer is null ? word : options.Normalizer(word);
            normalized[form] = normalized.GetValueOrDefault(form) + count;
        }

        var chosen = normalized
            .Where(p => p.Value >= options.MinCount && !reserved.Contains(p.Key))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key);
        if (options.MaxWords is { } max)
        {
            chosen = chosen.Take(max);
        }

        return new Vocabulary(reserved.Concat(chosen).ToArray(), options.Normalizer, null, !options.Specials.HasFlag(SpecialTokens.NoUnknown));
    }

    /// <summary>
    /// Reads a vocabulary saved by <see cref="Save"/>. The normaliser is code, not data, so pass the one the
    /// vocabulary was built with; reserved tokens are recognised by their text.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A token repeats, or there is no <c>&lt;unk&gt;</c> line.</exception>
    public static Vocabulary Load(string path, Func<string, string>? normalizer = null) =>
        new(TokenListFile.Load(path, "vocabulary").ToArray(), normalizer, path);

    /// <summary>
    /// Reads a vocabulary saved by <see cref="Save"/>, as <see cref="Load(string, Func{string, string}?)"/>; with
    /// <see cref="SpecialTokens.NoUnknown"/> in <paramref name="specials"/> a file without a <c>&lt;unk&gt;</c> line
    /// is accepted (a closed vocabulary, such as a text's characters). The other flags are read from the file.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A token repeats, or <c>&lt;unk&gt;</c> is required and missing.</exception>
    public static Vocabulary Load(string path, Func<string, string>? normalizer, SpecialTokens specials) =>
        new(TokenListFile.Load(path, "vocabulary").ToArray(), normalizer, path, !specials.HasFlag(SpecialTokens.NoUnknown));

    /// <summary>
    /// Writes the entries one per line in index order (UTF-8), atomically: to a temporary file in the same
    /// folder, then renamed over <paramref name="path"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An entry contains a line break and could not be read back.</exception>
    public void Save(string path) => TokenListFile.Save(path, _words, "vocabulary");

    /// <summary>The index of the normalised <paramref name="word"/>, or <see cref="UnknownIndex"/> if it is not in the vocabulary.</summary>
    /// <exception cref="KeyNotFoundException">The word is not in a vocabulary without <c>&lt;unk&gt;</c>.</exception>
    public int IndexOf(string word) => TryGetIndex(word, out var index) ? index : Unknown(word);

    /// <summary>Looks up the normalised <paramref name="word"/> without falling back to <c>&lt;unk&gt;</c>.</summary>
    public bool TryGetIndex(string word, out int index)
    {
        ArgumentNullException.ThrowIfNull(word);
        return _indices.TryGetValue(Normalizer is null ? word : Normalizer(word), out index);
    }

    /// <summary>Whether the normalised <paramref name="word"/> has its own entry.</summary>
    public bool Contains(string word) => TryGetIndex(word, out _);

    /// <summary>The entry at <paramref name="index"/>.</summary>
    public string WordAt(int index) => _words[index];

    /// <summary>The indices of <paramref name="words"/>, unknown words as <see cref="UnknownIndex"/>.</summary>
    public int[] Encode(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var ids = new int[words.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = IndexOf(words[i]);
        }

        return ids;
    }

    /// <summary>Writes the indices of <paramref name="words"/> to <paramref name="destination"/> (same length).</summary>
    public void Encode(ReadOnlySpan<string> words, Span<int> destination)
    {
        SameLength(words.Length, destination.Length);
        for (var i = 0; i < words.Length; i++)
        {
            destination[i] = IndexOf(words[i]);
        }
    }

    /// <summary>
    /// Writes the index of each UTF-16 character of <paramref name="text"/> (built with
    /// <see cref="TokenCounts.AddCharacters"/>). Skips the normaliser and does not allocate.
    /// </summary>
    public void EncodeCharacters(ReadOnlySpan<char> text, Span<int> destination)
    {
        SameLength(text.Length, destination.Length);
        for (var i = 0; i < text.Length; i++)
        {
            destination[i] = _spanIndices.TryGetValue(text.Slice(i, 1), out var index) ? index : Unknown(text.Slice(i, 1));
        }
    }

    private static string[] Reserved(SpecialTokens specials)
    {
        var reserved = new List<string>(4);
        if (specials.HasFlag(SpecialTokens.Padding))
        {
            reserved.Add(PaddingToken);
        }

        if (!specials.HasFlag(SpecialTokens.NoUnknown))
        {
            reserved.Add(UnknownToken);
        }

        if (specials.HasFlag(SpecialTokens.SentenceBoundaries))
        {
            reserved.Add(SentenceStartToken);
            reserved.Add(SentenceEndToken);
        }

        return reserved.ToArray();
    }

    private int Unknown(ReadOnlySpan<char> word) => UnknownIndex >= 0
        ? UnknownIndex
        : throw new KeyNotFoundException($"'{word.ToString()}' is not in this vocabulary, which has no {UnknownToken} (built with {nameof(SpecialTokens)}.{nameof(SpecialTokens.NoUnknown)})");

    private static void SameLength(int source, int destination)
    {
        if (source != destination)
        {
            throw new ArgumentException($"the destination has {destination} slots for {source} items", "destination");
        }
    }

    private static InvalidOperationException Missing(string token, string flag) =>
        new($"this vocabulary has no {token}; build it with {nameof(SpecialTokens)}.{flag}");
}
