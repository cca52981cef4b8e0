using System;
using System.Collections.Generic;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Renderer;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// The unified diff of a snapshot failure (<c>---</c>/<c>+++</c> header, <c>@@ -a,b +c,d @@</c> hunks, 3 lines of
/// context), computed and printed by DiffPlex. Lines are compared exactly: DiffPlex's default would ignore
/// whitespace, and an indentation change of generated code is a change.
/// </summary>
internal static class UnifiedDiff
{
    private static readonly UnidiffRenderer Renderer = new(Differ.Instance, contextLines: 3);

    /// <summary>Split on <c>\n</c> only (a stray <c>\r</c> stays visible), without an empty line after the final newline.</summary>
    private static readonly IChunker Lines = new CustomFunctionChunker(Split);

    /// <summary>The diff turning <paramref name="oldText"/> into <paramref name="newText"/>, or the empty string when they have the same lines.</summary>
    public static string Of(string oldText, string newText, string oldLabel, string newLabel)
    {
        var result = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, Lines);
        // The renderer ends lines with Environment.NewLine; failure messages and their tests use \n everywhere.
        return Renderer.Generate(result, oldLabel, newLabel).Replace(Environment.NewLine, "\n", StringComparison.Ordinal);
    }

    public static IReadOnlyList<string> Split(string text)
    {
        if (text.Length == 0)
        {
            return Array.Empty<string>();
        }

        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}
