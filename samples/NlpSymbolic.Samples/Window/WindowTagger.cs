using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Samples.Window;

/// <summary>
/// The Collobert &amp; Weston window tagger (models.md §1) as a model class: the word at t is tagged from the
/// five words t−2 … t+2, each given by its lower-cased word embedding (a column of <see cref="L"/>), a small
/// embedding of its capitalisation (<see cref="C"/>) and one of its suffix (<see cref="S"/>), concatenated;
/// a tanh hidden layer; one score per tag. The generator writes the backward of both losses (see Generated/).
/// </summary>
public sealed partial class WindowTagger
{
    // The order of the fields is the order of CreateParameterSet, which the generated ParameterSet overloads
    // check; CreateSparseParameterSet keeps it.
    public Matrix<double> L, C, S, W, U;
    public Vector<double> b, c;

    public WindowTagger(WindowShape shape, int seed)
    {
        Shape = shape;
        var random = new Random(seed);
        // Embeddings U[−0.1, 0.1]; layers Xavier-uniform; biases zero.
        L = Init.Uniform(shape.WordDimension, shape.Words, -0.1, 0.1, random);
        C = Init.Uniform(shape.CapsDimension, shape.CapsValues, -0.1, 0.1, random);
        S = Init.Uniform(shape.SuffixDimension, shape.Suffixes, -0.1, 0.1, random);
        W = Init.XavierUniform(shape.Hidden, shape.InputSize, random);
        U = Init.XavierUniform(shape.Tags, shape.Hidden, random);
        b = Init.Zeros(shape.Hidden);
        c = Init.Zeros(shape.Tags);
    }

    public WindowShape Shape { get; }

    /// <summary>One score per tag for the word at padded position <paramref name="t"/>.</summary>
    [Differentiable]
    public Vector<double> Scores(int[] words, int[] caps, int[] suffixes, int t)
    {
        // Three groups of five: the generated code has fixed-arity concatenations (up to 8 parts) but no 15.
        var x = Concat(
            Concat(L.Column(words[t - 2]), L.Column(words[t - 1]), L.Column(words[t]), L.Column(words[t + 1]), L.Column(words[t + 2])),
            Concat(C.Column(caps[t - 2]), C.Column(caps[t - 1]), C.Column(caps[t]), C.Column(caps[t + 1]), C.Column(caps[t + 2])),
            Concat(S.Column(suffixes[t - 2]), S.Column(suffixes[t - 1]), S.Column(suffixes[t]), S.Column(suffixes[t + 1]), S.Column(suffixes[t + 2])));
        var h = Tanh(W * x + b);
        return U * h + c;
    }

    /// <summary>Softmax cross-entropy over the tags (the word-level likelihood of Collobert et al. 2011).</summary>
    [Differentiable]
    public double SoftmaxLoss(int[] words, int[] caps, int[] suffixes, int t, int tag) =>
        CrossEntropy(Scores(words, caps, suffixes, t), tag);

    /// <summary>
    /// The lecture's max-margin J = max(0, 1 − s_gold + s_best wrong) as a multiclass hinge: the gold tag's score
    /// against the best-scoring wrong tag. The gradient flows through the two scores that won.
    /// </summary>
    [Differentiable]
    public double HingeLoss(int[] words, int[] caps, int[] suffixes, int t, int tag)
    {
        var s = Scores(words, caps, suffixes, t);
        var best = s[tag == 0 ? 1 : 0];
        for (var k = 0; k < s.Count; k++)
        {
            if (k != tag)
            {
                best = Math.Max(best, s[k]);
            }
        }

        return Math.Max(0, 1 - s[tag] + best);
    }

    /// <summary>
    /// The highest-scoring tag of every word of a sentence: the forward pass of <see cref="Scores"/> over the
    /// column-major storage with SIMD spans and no allocation per word (MathNet's operators allocate and were 30×
    /// slower here). Only reads the model, so sentences can be tagged in parallel.
    /// </summary>
    public int[] Predict(EncodedSentence sentence)
    {
        var (d, dc, ds, hidden, tags) = (L.RowCount, C.RowCount, S.RowCount, W.RowCount, U.RowCount);
        var (l, cm, sm, w, u) = (Storage(L), Storage(C), Storage(S), Storage(W), Storage(U));
        Span<double> h = stackalloc double[hidden];
        Span<double> scores = stackalloc double[tags];
        var predicted = new int[sentence.Count];
        for (var i = 0; i < predicted.Length; i++)
        {
            var t = i + WindowExample.Pad;
            b.AsArray().CopyTo(h);
            var column = 0;
            // h = b + Σ_j W[:, j] x_j, one input block (an embedding column) at a time.
            for (var k = -2; k <= 2; k++)
            {
                column = Accumulate(h, w, hidden, column, l.AsSpan(sentence.Words[t + k] * d, d));
            }

            for (var k = -2; k <= 2; k++)
            {
                column = Accumulate(h, w, hidden, column, cm.AsSpan(sentence.Caps[t + k] * dc, dc));
            }

            for (var k = -2; k <= 2; k++)
            {
                column = Accumulate(h, w, hidden, column, sm.AsSpan(sentence.Suffixes[t + k] * ds, ds));
            }

            System.Numerics.Tensors.TensorPrimitives.Tanh(h, h);
            c.AsArray().CopyTo(scores);
            for (var j = 0; j < hidden; j++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(u.AsSpan(j * tags, tags), h[j], scores, scores);
            }

            predicted[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(scores);
        }

        return predicted;
    }

    private static int Accumulate(Span<double> h, double[] w, int rows, int column, ReadOnlySpan<double> x)
    {
        for (var j = 0; j < x.Length; j++, column++)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(w.AsSpan(column * rows, rows), x[j], h, h);
        }

        return column;
    }

    private static double[] Storage(Matrix<double> matrix) => matrix.AsColumnMajorArray()
        ?? throw new InvalidOperationException("the window tagger's matrices are dense");

    /// <summary>
    /// The parameters for the trainer, with the word and suffix embeddings as sparse columns: a step then
    /// clears, clips and updates only the columns of its windows instead of all |V| (measured on pos:
    /// see Window/README.md). Same order and buffers as the generated CreateParameterSet.
    /// </summary>
    public ParameterSet CreateSparseParameterSet()
    {
        var set = new ParameterSet();
        set.Add(nameof(L), L, sparseColumns: true);
        set.Add(nameof(C), C);
        set.Add(nameof(S), S, sparseColumns: true);
        set.Add(nameof(W), W);
        set.Add(nameof(U), U);
        set.Add(nameof(b), b);
        set.Add(nameof(c), c);
        return set;
    }

    /// <summary>Records the embedding columns one window reads (the sparse parameters' contract).</summary>
    public static void TouchWindow(ParameterSet gradients, WindowExample example)
    {
        var t = example.Position;
        gradients[0].TouchColumns(example.Sentence.Words.AsSpan(t - 2, 5));
        gradients[2].TouchColumns(example.Sentence.Suffixes.AsSpan(t - 2, 5));
    }
}

/// <summary>The sizes of a window tagger.</summary>
public sealed record WindowShape(int Words, int Suffixes, int Tags, int WordDimension = 50, int CapsDimension = 5, int SuffixDimension = 10, int Hidden = 300)
{
    public int CapsValues => NlpSymbolic.Data.CapitalizationFeature.Count;

    public int InputSize => WindowExample.Size * (WordDimension + CapsDimension + SuffixDimension);
}
