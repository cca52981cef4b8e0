using System;

namespace NlpSymbolic.Data;

/// <summary>Splits a line into column ranges without allocating.</summary>
internal static class Fields
{
    /// <summary>
    /// Splits on runs of spaces and tabs, ignoring leading and trailing ones. Stores up to
    /// <c>ranges.Length</c> fields and returns the total count, so "found 7" is exact even past capacity.
    /// </summary>
    public static int SplitOnWhitespace(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && IsSeparator(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                return count;
            }

            var start = i;
            while (i < line.Length && !IsSeparator(line[i]))
            {
                i++;
            }

            if (count < ranges.Length)
            {
                ranges[count] = new Range(start, i);
            }

            count++;
        }
    }

    /// <summary>Splits on every tab, keeping empty fields; same capacity rule as <see cref="SplitOnWhitespace"/>.</summary>
    public static int SplitOnTab(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var tab = line[start..].IndexOf('\t');
            var end = tab < 0 ? line.Length : start + tab;
            if (count < ranges.Length)
            {
                ranges[count] = new Range(start, end);
            }

            count++;
            if (tab < 0)
            {
                return count;
            }

            start = end + 1;
        }
    }

    public static bool IsSeparator(char c) => c == ' ' || c == '\t';
}
