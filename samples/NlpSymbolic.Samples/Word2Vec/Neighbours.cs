using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Data;

namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>Nearest neighbours by cosine similarity of the input vectors (what word2vec publishes as "the" vectors).</summary>
internal sealed class Neighbours
{
    private readonly Vocabulary vocabulary;
    private readonly long[] counts;
    private readonly double[] unit;
    private readonly int dimension;

    public Neighbours(Matrix<double> vectors, Vocabulary vocabulary, long[] counts)
    {
        this.vocabulary = vocabulary;
        this.counts = counts;
        dimension = vectors.RowCount;
        // Column-major storage: column j is unit[j*d .. (j+1)*d].
        unit = vectors.ToColumnMajorArray();
        for (int j = 0; j < vectors.ColumnCount; j++)
        {
            var column = unit.AsSpan(j * dimension, dimension);
            double norm = TensorPrimitives.Norm(column);
            if (norm > 0)
            {
                TensorPrimitives.Divide(column, norm, column);
            }
        }
    }

    /// <summary>The <paramref name="top"/> words closest to <paramref name="word"/> (never itself or an unseen word), or null when it is not in the vocabulary.</summary>
    public IReadOnlyList<(string Word, double Cosine)>? Of(string word, int top)
    {
        if (!vocabulary.TryGetIndex(word, out int query) || query == vocabulary.UnknownIndex || counts[query] == 0)
        {
            return null;
        }

        var q = unit.AsSpan(query * dimension, dimension);
        var best = new List<(string Word, double Cosine)>(top + 1);
        for (int j = 0; j < vocabulary.Count; j++)
        {
            if (j == query || counts[j] == 0)
            {
                continue;
            }

            double cosine = TensorPrimitives.Dot(q, unit.AsSpan(j * dimension, dimension));
            if (best.Count < top || cosine > best[^1].Cosine)
            {
                int at = best.FindIndex(b => cosine > b.Cosine);
                best.Insert(at < 0 ? best.Count : at, (vocabulary.WordAt(j), cosine));
                if (best.Count > top)
                {
                    best.RemoveAt(top);
                }
            }
        }

        return best;
    }
}
