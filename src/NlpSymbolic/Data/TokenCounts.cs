using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace NlpSymbolic.Data;

/// <summary>Occurrence counts of tokens (or characters), the input of <see cref="Vocabulary.Build(TokenCounts, VocabularyOptions?)"/>.</summary>
public sealed class TokenCounts : IEnumerable<KeyValuePair<string, long>>
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an empty counter.</summary>
    public TokenCounts()
    {
        _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of distinct tokens.</summary>
    public int Count => _counts.Count;

    /// <summary>The sum of all counts.</summary>
    public long Total { get; private set; }

    /// <summary>How often <paramref name="token"/> was counted (0 if never).</summary>
    public long this[string token] => _counts.GetValueOrDefault(token);

    /// <summary>Counts <paramref name="token"/> <paramref name="count"/> more times.</summary>
    public void Add(string token, long count = 1)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, token, out _) += count;
        Total += count;
    }

    /// <summary>Counts each token once.</summary>
    public void AddRange(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (var token in tokens)
        {
            Add(token);
        }
    }

    /// <summary>
    /// Counts each UTF-16 character of <paramref name="text"/> as a one-character token, for character
    /// vocabularies; only a character not seen before allocates.
    /// </summary>
    public void AddCharacters(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var key = text.Slice(i, 1);
            if (_lookup.TryGetValue(key, out var count))
            {
                _lookup[key] = count + 1;
            }
            else
            {
                _counts.Add(key.ToString(), 1);
            }
        }

        Total += text.Length;
    }

    /// <summary>Enumerates (token, count) pairs in no particular order.</summary>
    public IEnumerator<KeyValuePair<string, long>> GetEnumerator() => _counts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
