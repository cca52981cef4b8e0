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

    /// <summary>The root mean square per value of the random initialisation U[−0.1, 0.1]: 0.1 / √3.</summary>
    public static readonly double InitialRms = 0.1 / Math.Sqrt(3);

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
    /// initialisation. With <paramref name="rms"/> &gt; 0 the copied vectors are then multiplied by one factor so
    /// that their root mean square per value is <paramref name="rms"/> (their directions and relative lengths are
    /// kept). Returns what was found, with the share of the training tokens it covers, and the vectors' RMS per value
    /// in the file.
    /// </summary>
    public static (WordVectorCoverage Coverage, double FileRms) Load(
        WindowTagger model, WindowFeatures features, string path, IEnumerable<string> trainingWords, double rms = 0)
    {
        using var reader = WordVectorFile.Open(path);
        if (reader.Dimension != model.L.RowCount)
        {
            throw new ArgumentException($"{path} has {reader.Dimension}-dimensional vectors, the model {model.L.RowCount}");
        }

        var found = new List<int>();
        var coverage = WordVectorAlignment.Align(features.Words, reader.Vectors(), (index, values) =>
        {
            found.Add(index);
            for (var r = 0; r < values.Length; r++)
            {
                model.L[r, index] = values[r];
            }
        }, trainingWords);
        var fileRms = Rms(model.L, found);
        if (rms > 0 && fileRms > 0)
        {
            foreach (var column in found)
            {
                for (var r = 0; r < model.L.RowCount; r++)
                {
                    model.L[r, column] *= rms / fileRms;
                }
            }
        }

        return (coverage, fileRms);
    }

    /// <summary>The root mean square per value of the given columns (0 for none).</summary>
    public static double Rms(MathNet.Numerics.LinearAlgebra.Matrix<double> embeddings, IReadOnlyCollection<int> columns)
    {
        double sum = 0;
        foreach (var column in columns)
        {
            for (var r = 0; r < embeddings.RowCount; r++)
            {
                sum += embeddings[r, column] * embeddings[r, column];
            }
        }

        return columns.Count == 0 ? 0 : Math.Sqrt(sum / ((double)columns.Count * embeddings.RowCount));
    }
}
