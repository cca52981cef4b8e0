using System;
using System.Collections.Generic;

namespace NlpSymbolic.Data;

/// <summary>
/// Returns one shared string per distinct text. A corpus repeats a few thousand tags and tens of thousands
/// of words hundreds of thousands of times; pooling allocates each once and lets later lookups compare
/// equal strings by reference first.
/// </summary>
internal sealed class StringPool
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool()
    {
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var existing))
        {
            return existing;
        }

        var created = text.ToString();
        _strings.Add(created);
        return created;
    }
}
