using System;
using System.Collections.Generic;

namespace NlpSymbolic.Metrics;

/// <summary>A chunk (entity) of one sentence: its type and token range [<paramref name="Start"/>, <paramref name="End"/>).</summary>
/// <param name="Type">The type after the tag prefix, e.g. <c>PER</c>.</param>
/// <param name="Start">Index of the first token.</param>
/// <param name="End">Index one past the last token.</param>
public readonly record struct Chunk(string Type, int Start, int End)
{
    /// <summary>The number of tokens.</summary>
    public int Length => End - Start;

    /// <summary>
    /// The chunks of one sentence's tags, found with the same start and end rules as <see cref="ChunkEvaluator"/>
    /// (conlleval.pl), so IOB1 and IOB2 both work. Use it to print or inspect what the evaluator counts.
    /// </summary>
    /// <remarks>
    /// For tags of the forms O, B-X, I-X and E-X, the evaluator's correct count equals the number of chunks found
    /// here in both gold and predicted tags. Where conlleval lets a chunk run on without ending (only after its
    /// exotic <c>.</c> prefix) this method closes it at the next start and at the sentence end.
    /// </remarks>
    public static List<Chunk> FindAll(ReadOnlySpan<string> tags)
    {
        var chunks = new List<Chunk>();
        var previous = ConllTag.Outside;
        var start = -1;
        // Stryker disable once String : never read before a chunk start assigns it
        var type = "";
        for (var i = 0; i < tags.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(tags[i], nameof(tags));
            var current = ConllTag.Parse(tags[i]);
            var starts = ConllevalRules.StartOfChunk(previous, current);
            if (start >= 0 && (starts || ConllevalRules.EndOfChunk(previous, current)))
            {
                chunks.Add(new Chunk(type, start, i));
                start = -1;
            }

            if (starts)
            {
                start = i;
                type = current.Type;
            }

            previous = current;
        }

        if (start >= 0)
        {
            chunks.Add(new Chunk(type, start, tags.Length));
        }

        return chunks;
    }
}
