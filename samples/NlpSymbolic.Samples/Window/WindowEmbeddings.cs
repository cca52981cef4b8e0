using NlpSymbolic.Data;

namespace NlpSymbolic.Samples.Window;

/// <summary>Word embeddings of the window tagger initialised from a word-vector file (<c>--embeddings</c>).</summary>
public static class WindowEmbeddings
{
    /// <summary>The dimension the file's header (or GloVe's first line) gives.</summary>
    public static int DimensionOf(FileInfo file)
    {
        using var reader = WordVectorFile.Open(file.FullName);
        return reader.Dimension;
    }

    /// <summary>How many of a file's words (its first, the most frequent in word2vec's and GloVe's files) join the vocabulary.</summary>
    public const int MaxVocabularyWords = 100_000;

    /// <summary>
    /// The first <see cref="MaxVocabularyWords"/> words of the file (none without a file), for
    /// <see cref="WindowFeatures.Build"/>: Collobert et al. likewise tag with the 100,000 most frequent words of their
    /// language model's dictionary, not only the words of the training set.
    /// </summary>
    public static IReadOnlyList<string> WordsOf(FileInfo? file)
    {
        if (file is null)
        {
            return [];
        }

        using var reader = WordVectorFile.Open(file.FullName);
        return reader.Vectors().Take(MaxVocabularyWords).Select(v => v.Word).ToList();
    }

    /// <summary>
    /// Copies the file's vector of every vocabulary word it has into the columns of <see cref="WindowTagger.L"/>
    /// (words normalised as the vocabulary is: lower case, digits → 0); the others keep their random
    /// initialisation. Returns what was found, with the share of the training tokens it covers.
    /// </summary>
    public static WordVectorCoverage Load(WindowTagger model, WindowFeatures features, string path, IEnumerable<string> trainingWords)
    {
        using var reader = WordVectorFile.Open(path);
        if (reader.Dimension != model.L.RowCount)
        {
            throw new ArgumentException($"{path} has {reader.Dimension}-dimensional vectors, the model {model.L.RowCount}");
        }

        return WordVectorAlignment.Align(features.Words, reader.Vectors(), (index, values) =>
        {
            for (var r = 0; r < values.Length; r++)
            {
                model.L[r, index] = values[r];
            }
        }, trainingWords);
    }
}
