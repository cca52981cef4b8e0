using System;
using System.Collections.Generic;
using NlpSymbolic.Training;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>One labelled sentence: word ids and a class.</summary>
internal sealed record Sentence(int[] Words, int Label);

/// <summary>
/// A small model with a hand-written backward for trainer tests: average the sentence's embedding columns
/// (a sparse d × V matrix E), then softmax regression s = W h + b with cross-entropy loss. Scratch space is
/// on the stack, so the backward is thread-safe and allocates nothing.
/// </summary>
internal static class BagOfWordsClassifier
{
    public const int E = 0, W = 1, B = 2;

    public static ParameterSet Create(int vocabulary = 40, int dimension = 6, int classes = 3, int seed = 1)
    {
        var set = new ParameterSet();
        set.Add("E", Init.Uniform(dimension, vocabulary, -0.5, 0.5, seed), sparseColumns: true);
        set.Add("W", Init.XavierUniform(classes, dimension, seed: seed + 1));
        set.Add("b", Init.Zeros(classes));
        return set;
    }

    /// <summary>Sentences whose label is the most frequent "word class" (word id mod classes), ties to the lower class.</summary>
    public static List<Sentence> Data(int count, int vocabulary = 40, int classes = 3, int seed = 7)
    {
        var random = new Random(seed);
        var data = new List<Sentence>(count);
        Span<int> votes = stackalloc int[classes];
        for (int n = 0; n < count; n++)
        {
            var words = new int[random.Next(3, 8)];
            votes.Clear();
            for (int i = 0; i < words.Length; i++)
            {
                words[i] = random.Next(vocabulary);
                votes[words[i] % classes]++;
            }

            int label = 0;
            for (int c = 1; c < classes; c++)
            {
                label = votes[c] > votes[label] ? c : label;
            }

            data.Add(new Sentence(words, label));
        }

        return data;
    }

    /// <summary>Adds the sentence's gradient into <paramref name="g"/> (ADD semantics) and returns its loss.</summary>
    public static double Backward(Sentence sentence, ParameterSet g)
    {
        Parameter e = g[E], w = g[W], b = g[B];
        int d = e.Rows, k = w.Rows;
        Span<double> h = stackalloc double[d];
        Span<double> p = stackalloc double[k];
        double loss = Forward(sentence, e, w, b, h, p);

        // ds = p − onehot(y); dW += ds hᵀ; db += ds; dh = Wᵀ ds; dE[:, word] += dh / n.
        p[sentence.Label] -= 1;
        Span<double> dh = stackalloc double[d];
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            for (int i = 0; i < k; i++)
            {
                w.Gradients[j * k + i] += p[i] * h[j];
                sum += w.Values[j * k + i] * p[i];
            }

            dh[j] = sum / sentence.Words.Length;
        }

        for (int i = 0; i < k; i++)
        {
            b.Gradients[i] += p[i];
        }

        foreach (int word in sentence.Words)
        {
            Span<double> column = e.GradientColumn(word);
            for (int j = 0; j < d; j++)
            {
                column[j] += dh[j];
            }

            e.TouchColumn(word);
        }

        return loss;
    }

    public static double Loss(Sentence sentence, ParameterSet parameters)
    {
        Span<double> h = stackalloc double[parameters[E].Rows];
        Span<double> p = stackalloc double[parameters[W].Rows];
        return Forward(sentence, parameters[E], parameters[W], parameters[B], h, p);
    }

    public static double Accuracy(IReadOnlyList<Sentence> data, ParameterSet parameters)
    {
        Span<double> h = stackalloc double[parameters[E].Rows];
        Span<double> p = stackalloc double[parameters[W].Rows];
        int correct = 0;
        foreach (Sentence sentence in data)
        {
            Forward(sentence, parameters[E], parameters[W], parameters[B], h, p);
            int best = 0;
            for (int i = 1; i < p.Length; i++)
            {
                best = p[i] > p[best] ? i : best;
            }

            correct += best == sentence.Label ? 1 : 0;
        }

        return correct / (double)data.Count;
    }

    public static double MeanLoss(IReadOnlyList<Sentence> data, ParameterSet parameters)
    {
        double sum = 0;
        foreach (Sentence sentence in data)
        {
            sum += Loss(sentence, parameters);
        }

        return sum / data.Count;
    }

    /// <summary>Fills h (the mean embedding) and p (the softmax); returns −log p[label].</summary>
    private static double Forward(Sentence sentence, Parameter e, Parameter w, Parameter b, Span<double> h, Span<double> p)
    {
        int d = e.Rows, k = w.Rows;
        h.Clear();
        foreach (int word in sentence.Words)
        {
            Span<double> column = e.ValueColumn(word);
            for (int j = 0; j < d; j++)
            {
                h[j] += column[j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            h[j] /= sentence.Words.Length;
        }

        double max = double.NegativeInfinity;
        for (int i = 0; i < k; i++)
        {
            double s = b.Values[i];
            for (int j = 0; j < d; j++)
            {
                s += w.Values[j * k + i] * h[j];
            }

            p[i] = s;
            max = Math.Max(max, s);
        }

        double total = 0;
        for (int i = 0; i < k; i++)
        {
            p[i] = Math.Exp(p[i] - max);
            total += p[i];
        }

        for (int i = 0; i < k; i++)
        {
            p[i] /= total;
        }

        return -Math.Log(p[sentence.Label]);
    }
}
