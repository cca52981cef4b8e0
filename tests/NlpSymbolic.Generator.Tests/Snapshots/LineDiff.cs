using System;
using System.Collections.Generic;
using System.Text;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// A line diff for snapshot failures: Myers' O(ND) shortest edit script, printed as a unified diff
/// (<c>---</c>/<c>+++</c> header, <c>@@ -a,b +c,d @@</c> hunks, 3 lines of context by default).
/// </summary>
internal static class LineDiff
{
    public enum EditKind
    {
        Equal,
        Delete,
        Insert,
    }

    /// <summary>One line of the edit script: <see cref="Line"/> is from the old text (Equal, Delete) or the new one (Insert).</summary>
    public readonly record struct Edit(EditKind Kind, string Line);

    /// <summary>Above this many differing lines the quadratic trace is not worth it: the texts are shown as replaced wholesale.</summary>
    private const int MaxEditDistance = 4000;

    /// <summary>Splits on <c>\n</c> (the snapshot texts are normalised); a final newline does not make an empty last line.</summary>
    public static string[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return Array.Empty<string>();
        }

        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    /// <summary>The shortest edit script turning <paramref name="a"/> into <paramref name="b"/> (ordinal line comparison).</summary>
    public static List<Edit> Compute(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        int n = a.Count, m = b.Count;
        var max = n + m;
        var offset = max + 1;
        var v = new int[2 * max + 3];

        // trace[d] holds v[-d..d] as it was before round d (the furthest x reached on each diagonal after d−1 edits).
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= Math.Min(max, MaxEditDistance) && found < 0; d++)
        {
            var snapshot = new int[2 * d + 1];
            Array.Copy(v, offset - d, snapshot, 0, 2 * d + 1);
            trace.Add(snapshot);

            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                    ? v[offset + k + 1]       // down: an insertion
                    : v[offset + k - 1] + 1;  // right: a deletion
                var y = x - k;
                while (x < n && y < m && string.Equals(a[x], b[y], StringComparison.Ordinal))
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }
        }

        if (found < 0)
        {
            var replaced = new List<Edit>(n + m);
            foreach (var line in a)
            {
                replaced.Add(new Edit(EditKind.Delete, line));
            }

            foreach (var line in b)
            {
                replaced.Add(new Edit(EditKind.Insert, line));
            }

            return replaced;
        }

        // Walk back from (n, m) through the saved rounds.
        var edits = new List<Edit>(n + m);
        int cx = n, cy = m;
        for (var d = found; d > 0; d--)
        {
            var previous = trace[d];
            int At(int diagonal) => previous[diagonal + d];
            var k = cx - cy;
            var prevK = k == -d || (k != d && At(k - 1) < At(k + 1)) ? k + 1 : k - 1;
            var prevX = At(prevK);
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                edits.Add(new Edit(EditKind.Equal, a[cx - 1]));
                cx--;
                cy--;
            }

            if (cx == prevX)
            {
                edits.Add(new Edit(EditKind.Insert, b[cy - 1]));
            }
            else
            {
                edits.Add(new Edit(EditKind.Delete, a[cx - 1]));
            }

            cx = prevX;
            cy = prevY;
        }

        while (cx > 0 && cy > 0)
        {
            edits.Add(new Edit(EditKind.Equal, a[cx - 1]));
            cx--;
            cy--;
        }

        edits.Reverse();
        return edits;
    }

    /// <summary>
    /// A unified diff of two texts, or the empty string when they are equal. Changes closer than
    /// 2·<paramref name="context"/> lines share a hunk.
    /// </summary>
    public static string Unified(string oldText, string newText, string oldLabel, string newLabel, int context = 3)
    {
        var edits = Compute(Lines(oldText), Lines(newText));
        var inHunk = new bool[edits.Count];
        var anyChange = false;
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Kind == EditKind.Equal)
            {
                continue;
            }

            anyChange = true;
            for (var j = Math.Max(0, i - context); j <= Math.Min(edits.Count - 1, i + context); j++)
            {
                inHunk[j] = true;
            }
        }

        if (!anyChange)
        {
            return string.Empty;
        }

        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');

        int oldLine = 0, newLine = 0; // lines consumed before edits[i]
        var index = 0;
        while (index < edits.Count)
        {
            if (!inHunk[index])
            {
                Advance(edits[index], ref oldLine, ref newLine);
                index++;
                continue;
            }

            var end = index;
            while (end < edits.Count && inHunk[end])
            {
                end++;
            }

            int oldCount = 0, newCount = 0;
            for (var i = index; i < end; i++)
            {
                if (edits[i].Kind != EditKind.Insert)
                {
                    oldCount++;
                }

                if (edits[i].Kind != EditKind.Delete)
                {
                    newCount++;
                }
            }

            // As in GNU diff, an empty range is numbered by the line before it.
            output.Append("@@ -").Append(Range(oldLine, oldCount)).Append(" +").Append(Range(newLine, newCount)).Append(" @@\n");
            for (var i = index; i < end; i++)
            {
                var edit = edits[i];
                output.Append(edit.Kind switch { EditKind.Delete => '-', EditKind.Insert => '+', _ => ' ' })
                      .Append(edit.Line)
                      .Append('\n');
                Advance(edit, ref oldLine, ref newLine);
            }

            index = end;
        }

        return output.ToString();
    }

    private static string Range(int before, int count) =>
        count == 1 ? (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : count == 0 ? before.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",0"
        : (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Advance(Edit edit, ref int oldLine, ref int newLine)
    {
        if (edit.Kind != EditKind.Insert)
        {
            oldLine++;
        }

        if (edit.Kind != EditKind.Delete)
        {
            newLine++;
        }
    }
}
