namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>
/// How <c>word2vec</c> turns a whitespace-separated token of its text into words: lower-cased, and either with the
/// punctuation at its ends trimmed away (the default) or, with <c>--keep-punctuation</c>, with that punctuation
/// split off into words of its own, so that <c>.</c>, <c>,</c> and <c>(</c> get vectors like the taggers' tokens.
/// </summary>
public static class Word2VecTokens
{
    /// <summary>
    /// The words of one raw token. Trimming: <c>"Citizen:"</c> → <c>citizen</c>, <c>"``"</c> → nothing.
    /// Keeping: a token with no letter or digit stays whole (<c>.</c>, <c>--</c>, <c>``</c>); otherwise the
    /// punctuation before the first and after the last letter or digit becomes words of its own, a run of one
    /// character as one word (<c>"(Paris),"</c> → <c>( paris ) ,</c>; <c>"...so"</c> → <c>... so</c>), except an
    /// apostrophe that opens a clitic of at most three letters (<c>'s</c>, <c>'re</c> stay whole) and a period closing a word that has a
    /// period inside (<c>U.S.</c> → <c>u.s.</c>), as tokenised corpora write them.
    /// </summary>
    public static void Split(string raw, bool keepPunctuation, List<string> words)
    {
        int start = 0, end = raw.Length;
        while (start < end && !char.IsLetterOrDigit(raw[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetterOrDigit(raw[end - 1]))
        {
            end--;
        }

        if (!keepPunctuation)
        {
            if (end > start)
            {
                words.Add(raw[start..end].ToLowerInvariant());
            }

            return;
        }

        if (start == end)
        {
            if (raw.Length > 0)
            {
                words.Add(raw.ToLowerInvariant());
            }

            return;
        }

        if (start > 0 && raw[start - 1] == '\'' && (start == 1 || raw[start - 2] != '\'') && end - start <= 3 && IsLetters(raw.AsSpan(start, end - start)))
        {
            start--; // 's, 're, 'll: the apostrophe belongs to the clitic
        }

        if (end < raw.Length && raw[end] == '.' && raw.AsSpan(start, end - start).Contains('.'))
        {
            end++; // u.s., a.m.: the closing period belongs to the abbreviation
        }

        AddRuns(raw.AsSpan(0, start), words);
        words.Add(raw[start..end].ToLowerInvariant());
        AddRuns(raw.AsSpan(end), words);
    }

    private static bool IsLetters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Punctuation as words: each run of one repeated character is one word ("``", "...", "--").</summary>
    private static void AddRuns(ReadOnlySpan<char> punctuation, List<string> words)
    {
        var i = 0;
        while (i < punctuation.Length)
        {
            var j = i + 1;
            while (j < punctuation.Length && punctuation[j] == punctuation[i])
            {
                j++;
            }

            words.Add(punctuation[i..j].ToString());
            i = j;
        }
    }
}
