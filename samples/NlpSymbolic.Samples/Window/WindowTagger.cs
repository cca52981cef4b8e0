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

    /// <summary>Tag transition scores for the sentence-level loss: row 0 the start, row i + 1 after tag i ((K + 1) × K).</summary>
    public Matrix<double> A;

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
        A = Init.Zeros(shape.Tags + 1, shape.Tags);
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
    /// The hidden layer for every word of a sentence at once (hidden × T): the T windows' inputs as the columns
    /// of one matrix, so the layer is one matrix product per sentence.
    /// </summary>
    [Differentiable]
    public Matrix<double> SentenceHidden(int[] words, int[] caps, int[] suffixes, int count)
    {
        var xs = new Vector<double>[count];
        for (var i = 0; i < count; i++)
        {
            var t = i + 2;
            xs[i] = Concat(
                Concat(L.Column(words[t - 2]), L.Column(words[t - 1]), L.Column(words[t]), L.Column(words[t + 1]), L.Column(words[t + 2])),
                Concat(C.Column(caps[t - 2]), C.Column(caps[t - 1]), C.Column(caps[t]), C.Column(caps[t + 1]), C.Column(caps[t + 2])),
                Concat(S.Column(suffixes[t - 2]), S.Column(suffixes[t - 1]), S.Column(suffixes[t]), S.Column(suffixes[t + 1]), S.Column(suffixes[t + 2])));
        }

        return Tanh(AddColumnwise(W * Matrix<double>.Build.DenseOfColumnVectors(xs), b));
    }

    /// <summary>The network's scores for every word of a sentence at once (K × T): one product per layer per sentence.</summary>
    [Differentiable]
    public Matrix<double> SentenceScores(int[] words, int[] caps, int[] suffixes, int count) =>
        AddColumnwise(U * SentenceHidden(words, caps, suffixes, count), c);

    /// <summary>
    /// The sentence-level log-likelihood of Collobert et al. (§3.4.2): the forward algorithm over the network's
    /// scores and the transitions <see cref="A"/>, minus the gold path's score. <paramref name="tags"/> has one
    /// tag per word (unpadded).
    /// </summary>
    [Differentiable]
    public double SentenceLoss(int[] words, int[] caps, int[] suffixes, int[] tags) =>
        SentenceLevel.Loss(SentenceScores(words, caps, suffixes, tags.Length), A, tags);

    /// <summary>
    /// <see cref="SentenceLoss"/> with dropout on the hidden layer: <paramref name="keep"/> (hidden × T, data) holds
    /// 0 for a dropped unit and 1 / (1 − p) for a kept one (<see cref="Dropout.Mask"/>), so the expected hidden layer is
    /// the one <see cref="SentenceScores"/> and prediction use, without dropout.
    /// </summary>
    [Differentiable]
    public double SentenceLossWithDropout(int[] words, int[] caps, int[] suffixes, int[] tags, [NoDerivative] Matrix<double> keep) =>
        SentenceLevel.Loss(AddColumnwise(U * SentenceHidden(words, caps, suffixes, tags.Length).PointwiseMultiply(keep), c), A, tags);

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
    /// The tags of every word of a sentence: the highest-scoring tag of each word, or with
    /// <paramref name="viterbi"/> the best path under the scores and the transitions <see cref="A"/>
    /// (what a model trained with <see cref="SentenceLoss"/> predicts). Only reads the model, so sentences can
    /// be tagged in parallel.
    /// </summary>
    public int[] Predict(EncodedSentence sentence, bool viterbi = false)
    {
        var tags = U.RowCount;
        var scores = ScoreColumns(sentence);
        if (viterbi)
        {
            return SentenceLevel.Viterbi(scores, Storage(A), tags);
        }

        var predicted = new int[sentence.Count];
        for (var i = 0; i < predicted.Length; i++)
        {
            predicted[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(scores.AsSpan(i * tags, tags));
        }

        return predicted;
    }

    /// <summary>
    /// The forward pass of <see cref="Scores"/> for every word (column-major K × T) over the column-major
    /// storage with SIMD spans and no allocation per word (MathNet's operators allocate and were 30× slower here).
    /// </summary>
    public double[] ScoreColumns(EncodedSentence sentence)
    {
        var (d, dc, ds, hidden, tags) = (L.RowCount, C.RowCount, S.RowCount, W.RowCount, U.RowCount);
        var (l, cm, sm, w, u) = (Storage(L), Storage(C), Storage(S), Storage(W), Storage(U));
        Span<double> h = stackalloc double[hidden];
        var all = new double[sentence.Count * tags];
        for (var i = 0; i < sentence.Count; i++)
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
            var scores = all.AsSpan(i * tags, tags);
            c.AsArray().CopyTo(scores);
            for (var j = 0; j < hidden; j++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(u.AsSpan(j * tags, tags), h[j], scores, scores);
            }
        }

        return all;
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
        set.Add(nameof(A), A);
        return set;
    }

    /// <summary>Records the embedding columns a whole sentence's windows read.</summary>
    public static void TouchSentence(ParameterSet gradients, EncodedSentence sentence)
    {
        gradients[0].TouchColumns(sentence.Words);
        gradients[2].TouchColumns(sentence.Suffixes);
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
