using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// The lecture's models that build values inside the method (issue 9, §2), written the way a user writes them:
/// states collected in arrays, sums started from a zero vector, gates cut out of one stacked pre-activation.
/// Shapes (test-only [Shape]) differ so that a transposed gradient cannot pass: embedding d = 3, hidden 4,
/// vocabulary 5, tags/classes 2–5.
/// </summary>
public static partial class BuiltValueModels
{
    /// <summary>
    /// Dot-product attention over states computed in the method: an RNN fills hs, the query scores each state
    /// (q · hₜ, all at once as the row vector q times the stacked states), softmax weights, and the context —
    /// the weighted sum of the states, built from a zero vector — with the last state predicts the label.
    /// </summary>
    [Differentiable]
    public static double AttentionLoss(
        [Shape(3, 5)] Matrix<double> L, [Shape(4, 4)] Matrix<double> H, [Shape(4, 3)] Matrix<double> W, [Shape(4)] Vector<double> b,
        [Shape(4)] Vector<double> h0, [Shape(4)] Vector<double> q, [Shape(2, 8)] Matrix<double> U,
        [Value(2, 0, 4, 2, 1)] int[] tokens, [Value(1)] int label)
    {
        var T = tokens.Length;
        var hs = new Vector<double>[T];
        var h = h0;
        for (var t = 0; t < T; t++)
        {
            h = Tanh(H * h + W * L.Column(tokens[t]) + b);
            hs[t] = h;
        }

        var states = Matrix<double>.Build.DenseOfColumnVectors(hs);
        var alpha = Softmax(q * states);
        var context = Vector<double>.Build.Dense(h.Count);
        for (var t = 0; t < T; t++)
        {
            context += alpha[t] * hs[t];
        }

        return CrossEntropy(U * Concat(context, h), label);
    }

    /// <summary>
    /// CBOW (word2vec): the average of the context words' embedding columns, built from a zero vector, scores
    /// every word (the row vector v̂ times U), softmax cross-entropy against the centre word.
    /// </summary>
    [Differentiable]
    public static double CbowSoftmaxLoss(
        [Shape(3, 5)] Matrix<double> V, [Shape(3, 5)] Matrix<double> U, [Value(0, 2, 2, 4)] int[] context, [Value(3)] int center)
    {
        var vhat = Vector<double>.Build.Dense(V.RowCount);
        for (var i = 0; i < context.Length; i++)
        {
            vhat += V.Column(context[i]);
        }

        vhat /= context.Length;
        return CrossEntropy(vhat * U, center);
    }

    /// <summary>CBOW with negative sampling: −log σ(u_cᵀv̂) − Σₖ log σ(−u_kᵀv̂).</summary>
    [Differentiable]
    public static double CbowNegativeSamplingLoss(
        [Shape(3, 5)] Matrix<double> V, [Shape(3, 5)] Matrix<double> U, [Value(0, 2, 4)] int[] context, [Value(3)] int center,
        [Value(1, 4, 1)] int[] negatives)
    {
        var vhat = Vector<double>.Build.Dense(V.RowCount);
        for (var i = 0; i < context.Length; i++)
        {
            vhat += V.Column(context[i]);
        }

        vhat = vhat / context.Length;
        var J = -LogSigmoid(U.Column(center) * vhat);
        for (var k = 0; k < negatives.Length; k++)
        {
            J -= LogSigmoid(-(U.Column(negatives[k]) * vhat));
        }

        return J;
    }

    /// <summary>
    /// A bidirectional RNN tagger: a forward pass fills one array of states, a backward pass (right to left)
    /// another; each position's tag is predicted from both states concatenated; the loss is summed.
    /// </summary>
    [Differentiable]
    public static double BidirectionalTaggerLoss(
        [Shape(3, 5)] Matrix<double> L,
        [Shape(4, 3)] Matrix<double> Wf, [Shape(4, 4)] Matrix<double> Hf, [Shape(4)] Vector<double> bf,
        [Shape(4, 3)] Matrix<double> Wb, [Shape(4, 4)] Matrix<double> Hb, [Shape(4)] Vector<double> bb,
        [Shape(3, 8)] Matrix<double> U, [Shape(3)] Vector<double> c, [Shape(4)] Vector<double> h0,
        [Value(1, 3, 3, 0, 4)] int[] tokens, [Value(0, 2, 1, 1, 0)] int[] tags)
    {
        var T = tokens.Length;
        var forward = new Vector<double>[T];
        var backward = new Vector<double>[T];
        var h = h0;
        for (var t = 0; t < T; t++)
        {
            h = Tanh(Wf * L.Column(tokens[t]) + Hf * h + bf);
            forward[t] = h;
        }

        var g = h0;
        for (var t = T - 1; t >= 0; t--)
        {
            g = Tanh(Wb * L.Column(tokens[t]) + Hb * g + bb);
            backward[t] = g;
        }

        var J = 0.0;
        for (var t = 0; t < T; t++)
        {
            J += CrossEntropy(U * Concat(forward[t], backward[t]) + c, tags[t]);
        }

        return J;
    }

    /// <summary>
    /// An LSTM language model: the four gates are cut out of one stacked pre-activation
    /// z = W [x; h] + b with SubVector (input, forget, output, candidate), the cell state and hidden state are
    /// carried over the tokens, and each step predicts the next token.
    /// </summary>
    [Differentiable]
    public static double LstmLanguageModelLoss(
        [Shape(3, 5)] Matrix<double> L, [Shape(16, 7)] Matrix<double> W, [Shape(16)] Vector<double> b,
        [Shape(5, 4)] Matrix<double> U, [Shape(4)] Vector<double> h0, [Shape(4)] Vector<double> c0,
        [Value(2, 0, 4, 2, 1, 3)] int[] tokens)
    {
        var n = h0.Count;
        var h = h0;
        var c = c0;
        var J = 0.0;
        for (var t = 0; t < tokens.Length - 1; t++)
        {
            var z = W * Concat(L.Column(tokens[t]), h) + b;
            var input = Sigmoid(z.SubVector(0, n));
            var forget = Sigmoid(z.SubVector(n, n));
            var output = Sigmoid(z.SubVector(2 * n, n));
            var candidate = Tanh(z.SubVector(3 * n, n));
            c = forget.PointwiseMultiply(c) + input.PointwiseMultiply(candidate);
            h = output.PointwiseMultiply(Tanh(c));
            J += CrossEntropy(U * h, tokens[t + 1]);
        }

        return J;
    }

    /// <summary>A convolution over a sentence with max-over-time pooling (Kim 2014): one filter per row of F.</summary>
    [Differentiable]
    public static double ConvolutionMaxPoolingLoss(
        [Shape(3, 5)] Matrix<double> L, [Shape(4, 6)] Matrix<double> F, [Shape(4)] Vector<double> bF,
        [Shape(2, 4)] Matrix<double> U, [Value(1, 3, 0, 4, 2)] int[] tokens, [Value(1)] int label)
    {
        var windows = tokens.Length - 1;
        var features = new Vector<double>[windows];
        for (var t = 0; t < windows; t++)
        {
            features[t] = Relu(F * Concat(L.Column(tokens[t]), L.Column(tokens[t + 1])) + bF);
        }

        var map = Matrix<double>.Build.DenseOfRowVectors(features);
        var pooled = Vector<double>.Build.Dense(F.RowCount);
        for (var k = 0; k < F.RowCount; k++)
        {
            pooled += map.Column(k).Maximum() * OneHot(F.RowCount, k);
        }

        return CrossEntropy(U * pooled, label);
    }
}

/// <summary>A model that reads an element of a built array before writing it (not gradient-checked: it throws).</summary>
public static partial class BuiltValueMisuse
{
    /// <summary>Reads hs[t + 1] before the loop has written it: only the runtime can know.</summary>
    [Differentiable]
    public static double ReadsAhead(Vector<double> v, int T)
    {
        var hs = new Vector<double>[T];
        var s = 0.0;
        for (var t = 0; t < T; t++)
        {
            hs[t] = v * (t + 1.0);
            if (t + 1 < T)
            {
                s += hs[t] * hs[t + 1];
            }
        }

        return s;
    }

    /// <summary>Overwrites an element with a vector of another length: the reverse sweep cannot shape its gradient.</summary>
    [Differentiable]
    public static double OverwritesWithAnotherLength(Vector<double> v)
    {
        var hs = new Vector<double>[1];
        hs[0] = v;
        var first = hs[0].Sum();
        hs[0] = Concat(v, v);
        return first * hs[0].Sum();
    }
}
