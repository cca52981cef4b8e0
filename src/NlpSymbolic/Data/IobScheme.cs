using System;
using System.Collections.Generic;
using NlpSymbolic.Metrics;

namespace NlpSymbolic.Data;

/// <summary>
/// Converts chunk tags between IOB1 (CoNLL-2003's original files: <c>B-</c> only between adjacent chunks of one
/// type) and IOB2 (every chunk starts with <c>B-</c>). Chunks are found with conlleval's rules, so both
/// directions keep exactly the chunks <see cref="ChunkEvaluator"/> scores.
/// </summary>
public static class IobScheme
{
    /// <summary>The same chunks with every chunk's first tag <c>B-TYPE</c>.</summary>
    /// <exception cref="ArgumentException">A tag is not <c>O</c>, <c>B-TYPE</c> or <c>I-TYPE</c>.</exception>
    public static string[] ToIob2(ReadOnlySpan<string> tags) => Rewrite(tags, iob1: false);

    /// <summary>The same chunks with <c>B-TYPE</c> only where a chunk directly follows one of the same type.</summary>
    /// <exception cref="ArgumentException">A tag is not <c>O</c>, <c>B-TYPE</c> or <c>I-TYPE</c>.</exception>
    public static string[] ToIob1(ReadOnlySpan<string> tags) => Rewrite(tags, iob1: true);

    private static string[] Rewrite(ReadOnlySpan<string> tags, bool iob1)
    {
        for (var i = 0; i < tags.Length; i++)
        {
            var tag = tags[i];
            // E-/S- tags would need a different mapping; refuse rather than silently drop chunk ends.
            if (tag is null || !(tag == "O" || (tag.Length > 2 && tag[1] == '-' && tag[0] is 'B' or 'I')))
            {
                throw new ArgumentException($"tag {i} (\"{tag}\") is not O, B-TYPE or I-TYPE", nameof(tags));
            }
        }

        var result = new string[tags.Length];
        Array.Fill(result, "O");
        var spelled = new Dictionary<(char, string), string>();
        var previous = default(Chunk);
        foreach (var chunk in Chunk.FindAll(tags))
        {
            // Stryker disable once Equality : the only empty chunk is the default before the first, whose null type matches no chunk
            var adjacentSameType = previous.Type == chunk.Type && previous.End == chunk.Start && previous.Length > 0;
            result[chunk.Start] = Spell(!iob1 || adjacentSameType ? 'B' : 'I', chunk.Type);
            for (var i = chunk.Start + 1; i < chunk.End; i++)
            {
                result[i] = Spell('I', chunk.Type);
            }

            previous = chunk;
        }

        return result;

        string Spell(char prefix, string type)
        {
            if (!spelled.TryGetValue((prefix, type), out var tag))
            {
                tag = $"{prefix}-{type}";
                spelled.Add((prefix, type), tag);
            }

            return tag;
        }
    }
}
