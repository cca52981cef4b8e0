using System;
using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Data;

namespace WindowNer;

/// <summary>A window of a padded sentence: the sentence's word ids and the position of the center word.</summary>
internal readonly record struct Window(int[] Tokens, int T);

/// <summary>Turns CoNLL-2003 sentences into the windows the max-margin model is trained on.</summary>
internal static class Windows
{
    /// <summary>Padding ids on each side of a sentence: the window is 2k+1 = 5 words, k = 2.</summary>
    public const int PadWidth = 2;

    /// <summary>The sentence's word ids with <see cref="PadWidth"/> <c>&lt;pad&gt;</c> ids on each side.</summary>
    public static int[] Pad(Conll2003Sentence sentence, Vocabulary vocabulary)
    {
        var tokens = new int[sentence.Count + 2 * PadWidth];
        Array.Fill(tokens, vocabulary.PaddingIndex);
        vocabulary.Encode(sentence.Words, tokens.AsSpan(PadWidth, sentence.Count));
        return tokens;
    }

    /// <summary>One window per word tagged as part of an entity (NER tag ≠ O), in padded coordinates.</summary>
    public static List<Window> CenteredOnEntities(IReadOnlyList<Conll2003Sentence> sentences, Vocabulary vocabulary)
    {
        var windows = new List<Window>();
        foreach (var sentence in sentences)
        {
            var tokens = Pad(sentence, vocabulary);
            for (var i = 0; i < sentence.Count; i++)
            {
                if (sentence.EntityTags[i] != "O")
                {
                    windows.Add(new Window(tokens, i + PadWidth));
                }
            }
        }

        return windows;
    }
}

/// <summary>
/// Draws corrupt center words with their training frequency (so &lt;unk&gt; is drawn as often as rare words
/// occur and "the center is &lt;unk&gt;" gives nothing away).
/// </summary>
internal sealed class CorruptWordSampler(int[] unigrams)
{
    public static CorruptWordSampler FromTraining(IReadOnlyList<Conll2003Sentence> sentences, Vocabulary vocabulary) =>
        new(sentences.SelectMany(s => vocabulary.Encode(s.Words)).ToArray());

    /// <summary>A random word id other than <paramref name="except"/>.</summary>
    public int Draw(Random random, int except)
    {
        while (true)
        {
            var id = unigrams[random.Next(unigrams.Length)];
            if (id != except)
            {
                return id;
            }
        }
    }
}
