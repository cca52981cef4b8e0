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
