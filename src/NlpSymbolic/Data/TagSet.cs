using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NlpSymbolic.Data;

/// <summary>
/// A closed set of labels (NER, POS or chunk tags) mapped to indices 0…Count−1 in ordinal string order.
/// Unlike a <see cref="Vocabulary"/> it has no unknown entry: a model cannot predict a label it was never given,
/// so a tag outside the set (typically in test data) is an error reported with its file and line.
/// </summary>
public sealed class TagSet
{
    private const int TagsShownInErrors = 20;

    private readonly string[] _tags;
    private readonly Dictionary<string, int> _indices;

    private TagSet(string[] tags)
    {
        _tags = tags;
        _indices = new Dictionary<string, int>(tags.Length, StringComparer.Ordinal);
        for (var i = 0; i < tags.Length; i++)
        {
            _indices.Add(tags[i], i);
        }
    }

    /// <summary>The number of tags.</summary>
    public int Count => _tags.Length;

    /// <summary>The tags in index order.</summary>
    public IReadOnlyList<string> Tags => _tags;

    /// <summary>The distinct tags of <paramref name="tags"/>, sorted ordinally (so the order does not depend on the data's order).</summary>
    public static TagSet FromTags(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return new TagSet(tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The distinct tags of the sentences (normally the training set), sorted ordinally.</summary>
    public static TagSet FromSentences(IEnumerable<TaggedSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        return FromTags(sentences.SelectMany(s => s.Tags));
    }

    /// <summary>Reads a tag set saved by <see cref="Save"/>, keeping the file's order.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A tag repeats.</exception>
    public static TagSet Load(string path) => new(TokenListFile.Load(path, "tag set").ToArray());

    /// <summary>Writes the tags one per line in index order, atomically (temporary file in the same folder, then rename).</summary>
    public void Save(string path) => TokenListFile.Save(path, _tags, "tag set");

    /// <summary>The index of <paramref name="tag"/>.</summary>
    /// <exception cref="UnknownTagException">The tag is not in the set.</exception>
    public int IndexOf(string tag) => TryGetIndex(tag, out var index) ? index : throw Unknown(tag, null, 0);

    /// <summary>Looks up <paramref name="tag"/> without throwing.</summary>
    public bool TryGetIndex(string tag, out int index)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return _indices.TryGetValue(tag, out index);
    }

    /// <summary>Whether <paramref name="tag"/> is in the set.</summary>
    public bool Contains(string tag) => TryGetIndex(tag, out _);

    /// <summary>The tag at <paramref name="index"/>.</summary>
    public string TagAt(int index) => _tags[index];

    /// <summary>The indices of the sentence's tags.</summary>
    /// <exception cref="UnknownTagException">A tag is not in the set; the message names the sentence's file and the token's line when known.</exception>
    public int[] Encode(TaggedSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var ids = new int[sentence.Count];
        Encode(sentence, ids);
        return ids;
    }

    /// <summary>Writes the indices of the sentence's tags to <paramref name="destination"/> (one slot per token).</summary>
    /// <exception cref="UnknownTagException">A tag is not in the set.</exception>
    public void Encode(TaggedSentence sentence, Span<int> destination)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (destination.Length != sentence.Count)
        {
            throw new ArgumentException($"the destination has {destination.Length} slots for {sentence.Count} tags", nameof(destination));
        }

        var tags = sentence.Tags;
        for (var i = 0; i < tags.Length; i++)
        {
            if (!_indices.TryGetValue(tags[i], out destination[i]))
            {
                throw Unknown(tags[i], sentence.SourceFile, sentence.LineOf(i));
            }
        }
    }

    /// <summary>The tags of <paramref name="indices"/>.</summary>
    public string[] Decode(ReadOnlySpan<int> indices)
    {
        var tags = new string[indices.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = _tags[indices[i]];
        }

        return tags;
    }

    private UnknownTagException Unknown(string tag, string? file, int line)
    {
        var shown = string.Join(", ", _tags.Take(TagsShownInErrors));
        var more = _tags.Length > TagsShownInErrors ? $", … {_tags.Length - TagsShownInErrors} more" : "";
        return new UnknownTagException(tag, file, line, $"{_tags.Length} tags: {shown}{more}");
    }
}
