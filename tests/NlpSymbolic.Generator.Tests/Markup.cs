using System;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// Roslyn-test-style markup: <c>[|…|]</c> marks a span where a diagnostic is expected. The markers are
/// removed before compiling; the spans are in the coordinates of the text without markers.
/// </summary>
internal static class Markup
{
    public static (string Source, ImmutableArray<TextSpan> Spans) Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        var start = -1;
        for (var i = 0; i < markup.Length; i++)
        {
            if (i + 1 < markup.Length && markup[i] == '[' && markup[i + 1] == '|')
            {
                if (start >= 0)
                {
                    throw new ArgumentException("Nested [| markers are not supported.", nameof(markup));
                }

                start = text.Length;
                i++;
            }
            else if (i + 1 < markup.Length && markup[i] == '|' && markup[i + 1] == ']' && start >= 0)
            {
                spans.Add(TextSpan.FromBounds(start, text.Length));
                start = -1;
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        if (start >= 0)
        {
            throw new ArgumentException("Unclosed [| marker.", nameof(markup));
        }

        return (text.ToString(), spans.ToImmutable());
    }
}
