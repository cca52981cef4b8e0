using System;
using System.Collections.Generic;
using System.Linq;

namespace NlpSymbolic.Data;

/// <summary>How much of a vocabulary a word-vector file covered (<see cref="WordVectorAlignment.Align"/>).</summary>
/// <param name="VocabularyWords">Words of the vocabulary that could be found (its reserved tokens excluded).</param>
/// <param name="Found">Vocabulary words that received a vector.</param>
/// <param name="TrainingTokens">Tokens of the training text given (0 if none was given).</param>
/// <param name="TrainingTokensFound">Of those, the tokens whose word received a vector.</param>
/// <param name="FileWords">Words read from the file.</param>
/// <param name="Missing">Vocabulary words without a vector, most frequent first (at most 20).</param>
public sealed record WordVectorCoverage(int VocabularyWords, int Found, long TrainingTokens, long TrainingTokensFound, long FileWords, IReadOnlyList<string> Missing)
{
    /// <summary>Share of the training tokens whose word has a vector, in percent.</summary>
    public double TokenSharePercent => TrainingTokens == 0 ? 0 : 100.0 * TrainingTokensFound / TrainingTokens;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Found:N0} of {VocabularyWords:N0} vocabulary words found ({VocabularyWords - Found:N0} missing, keeping their random initialisation)"
        + (TrainingTokens > 0 ? $", covering {TokenSharePercent:F1} % of {TrainingTokens:N0} training tokens" : "")
        + $"; {FileWords:N0} words in the file"
        + (Missing.Count > 0 ? $"; missing e.g. {string.Join(", ", Missing.Take(8))}" : "");
}

/// <summary>Puts a word-vector file's vectors into the embedding columns of a vocabulary.</summary>
public static class WordVectorAlignment
{
    /// <summary>
    /// Reads <paramref name="vectors"/> and, for every vocabulary word the file has, calls
    /// <paramref name="assign"/>(index, values). The file's words go through the vocabulary's normaliser first
    /// (a vocabulary built lower-cased with digits → 0 meets <c>Paris</c> as <c>paris</c> and <c>1996</c> as
    /// <c>0000</c>); when several file words normalise to one word, the first in the file wins (files list
    /// frequent words first). Reserved tokens (<c>&lt;unk&gt;</c>, <c>&lt;pad&gt;</c>) are never assigned.
    /// </summary>
    /// <param name="vocabulary">The model's vocabulary.</param>
    /// <param name="vectors">The file's vectors (streamed once).</param>
    /// <param name="assign">Receives the vocabulary index and the values.</param>
    /// <param name="trainingTokens">The raw training words, to report the share of tokens covered (optional).</param>
    public static WordVectorCoverage Align(
        Vocabulary vocabulary, IEnumerable<WordVector> vectors, Action<int, float[]> assign, IEnumerable<string>? trainingTokens = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(assign);
        var reserved = new HashSet<int> { vocabulary.UnknownIndex };
        foreach (var token in new[] { Vocabulary.PaddingToken, Vocabulary.SentenceStartToken, Vocabulary.SentenceEndToken })
        {
            if (vocabulary.Words.Contains(token))
            {
                reserved.Add(vocabulary.IndexOf(token));
            }
        }

        var found = new bool[vocabulary.Count];
        long fileWords = 0;
        foreach (var vector in vectors)
        {
            fileWords++;
            if (vocabulary.TryGetIndex(vector.Word, out var index) && !reserved.Contains(index) && !found[index])
            {
                found[index] = true;
                assign(index, vector.Values);
            }
        }

        var counts = new long[vocabulary.Count];
        long tokens = 0, tokensFound = 0;
        foreach (var word in trainingTokens ?? [])
        {
            var index = vocabulary.IndexOf(word);
            tokens++;
            counts[index]++;
            tokensFound += found[index] ? 1 : 0;
        }

        var missing = Enumerable.Range(0, vocabulary.Count)
            .Where(i => !found[i] && !reserved.Contains(i))
            .OrderByDescending(i => counts[i]).ThenBy(i => i)
            .Take(20).Select(vocabulary.WordAt).ToList();
        return new WordVectorCoverage(
            vocabulary.Count - reserved.Count, found.Count(f => f), tokens, tokensFound, fileWords, missing);
    }
}
