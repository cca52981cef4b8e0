using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Data;
using NlpSymbolic.Samples.Window;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary>
/// The sentence-level loss: the forward algorithm and Viterbi against every tag path enumerated, the generated
/// gradient against central differences, and the transitions learning what a corpus never shows.
/// </summary>
public class SentenceLevelTests
{
    public static IEnumerable<object[]> Sizes() =>
        from t in new[] { 1, 2, 3, 5 } from k in new[] { 1, 2, 3, 4 } select new object[] { t, k };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Forward_algorithm_is_the_log_sum_over_every_path_minus_the_gold_one(int length, int tags)
    {
        var random = new Random(length * 10 + tags);
        for (var trial = 0; trial < 5; trial++)
        {
            var (f, a, gold) = RandomSentence(random, length, tags);
            var paths = AllPaths(length, tags).Select(p => SentenceLevel.PathScore(f, a, p)).ToArray();
            var max = paths.Max();
            var logZ = max + Math.Log(paths.Sum(s => Math.Exp(s - max)));
            var expected = logZ - SentenceLevel.PathScore(f, a, gold);
            Assert.Equal(expected, SentenceLevel.Loss(f, a, gold), 10);
            Assert.True(SentenceLevel.Loss(f, a, gold) >= -1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Viterbi_finds_the_best_path_of_the_enumeration(int length, int tags)
    {
        var random = new Random(100 + length * 10 + tags);
        for (var trial = 0; trial < 5; trial++)
        {
            var (f, a, _) = RandomSentence(random, length, tags);
            var best = AllPaths(length, tags).MaxBy(p => SentenceLevel.PathScore(f, a, p))!;
            var decoded = SentenceLevel.Viterbi(f.AsColumnMajorArray(), a.AsColumnMajorArray(), tags);
            Assert.Equal(best, decoded);
        }
    }

    [Fact]
    public void Generated_gradient_of_the_loss_matches_central_differences_in_scores_and_transitions()
    {
        var random = new Random(7);
        var (f, a, gold) = RandomSentence(random, 5, 4);
        var df = Matrix<double>.Build.Dense(f.RowCount, f.ColumnCount);
        var da = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount);
        var value = SentenceLevel.LossBackward(f, a, gold, 1.0, df, da);
        Assert.Equal(SentenceLevel.Loss(f, a, gold), value, 12);
        foreach (var (m, dm) in new[] { (f, df), (a, da) })
        {
            for (var i = 0; i < m.RowCount; i++)
            {
                for (var j = 0; j < m.ColumnCount; j++)
                {
                    var keep = m[i, j];
                    m[i, j] = keep + 1e-6;
                    var plus = SentenceLevel.Loss(f, a, gold);
                    m[i, j] = keep - 1e-6;
                    var minus = SentenceLevel.Loss(f, a, gold);
                    m[i, j] = keep;
                    Assert.True(Math.Abs((plus - minus) / 2e-6 - dm[i, j]) < 1e-6, $"[{i},{j}]: {(plus - minus) / 2e-6} vs {dm[i, j]}");
                }
            }
        }

        // Each column of dF is the tag marginals minus the gold one-hot: it sums to 0.
        for (var t = 0; t < f.ColumnCount; t++)
        {
            Assert.Equal(0, df.Column(t).Sum(), 9);
        }
    }

    [Fact]
    public void Generated_gradient_of_the_tagger_sentence_loss_matches_central_differences()
    {
        var train = new[]
        {
            new TaggedSentence(["John", "Smith", "went", "to", "Paris", "."], ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]),
            new TaggedSentence(["Mary", "lives", "in", "New", "York"], ["B-PER", "O", "O", "B-LOC", "I-LOC"]),
        };
        var features = WindowFeatures.Build(train, TagSet.FromSentences(train), suffixLength: 2);
        var model = new WindowTagger(features.Shape(wordDimension: 4, hidden: 6), seed: 3);
        var random = new Random(5);
        model.A.MapInplace(_ => random.NextDouble() - 0.5);
        var parameters = model.CreateSparseParameterSet();
        var s = features.Encode(train[1]);
        double Loss() => model.SentenceLoss(s.Words, s.Caps, s.Suffixes, s.Tags);
        Assert.True(Loss() > 0);

        var report = GradientCheck.Run(
            parameters,
            loss: Loss,
            computeGradients: () =>
            {
                WindowTagger.TouchSentence(parameters, s);
                _ = model.SentenceLossBackward(s.Words, s.Caps, s.Suffixes, s.Tags, 1.0, parameters);
            },
            samplesPerParameter: 20, seed: 0, epsilon: 1e-6);
        Assert.True(report.Passed(1e-5), report.ToString());
    }

    [Fact]
    public void Matrix_form_scores_match_the_window_scores_and_the_fast_forward_pass()
    {
        var train = new[] { new TaggedSentence(["The", "dog", "barks", "loudly", "."], ["DET", "NOUN", "VERB", "ADV", "PUNCT"]) };
        var features = WindowFeatures.Build(train, TagSet.FromSentences(train), suffixLength: 2);
        var model = new WindowTagger(features.Shape(wordDimension: 4, hidden: 6), seed: 3);
        var s = features.Encode(train[0]);
        var matrix = model.SentenceScores(s.Words, s.Caps, s.Suffixes, s.Count);
        var fast = model.ScoreColumns(s);
        for (var i = 0; i < s.Count; i++)
        {
            var window = model.Scores(s.Words, s.Caps, s.Suffixes, i + WindowExample.Pad);
            for (var k = 0; k < window.Count; k++)
            {
                Assert.Equal(window[k], matrix[k, i], 12);
                Assert.Equal(window[k], fast[i * window.Count + k], 12);
            }
        }
    }

    [Fact]
    public void Transitions_learn_that_inside_never_follows_outside()
    {
        string[][] people = [["John", "Smith"], ["Mary", "Jones"], ["Anna", "Lee"]];
        string[][] places = [["New", "York"], ["Paris"], ["San", "Francisco"]];
        var train = new List<TaggedSentence>();
        foreach (var person in people)
        {
            foreach (var place in places)
            {
                var words = person.Concat(["went", "to"]).Concat(place).Append(".").ToArray();
                var tags = person.Select((_, i) => i == 0 ? "B-PER" : "I-PER").Concat(["O", "O"])
                    .Concat(place.Select((_, i) => i == 0 ? "B-LOC" : "I-LOC")).Append("O").ToArray();
                train.Add(new TaggedSentence(words, tags));
            }
        }

        var tagSet = TagSet.FromTags(["B-LOC", "B-PER", "I-LOC", "I-PER", "O"]);
        var features = WindowFeatures.Build(train, tagSet, suffixLength: 2);
        var model = new WindowTagger(features.Shape(wordDimension: 5, hidden: 10), seed: 1);
        var parameters = model.CreateSparseParameterSet();
        var sentences = features.Encode(train);
        var trainer = new Trainer<EncodedSentence>(parameters, new Adam(0.01), (s, gradients) =>
        {
            WindowTagger.TouchSentence(gradients, s);
            return model.SentenceLossBackward(s.Words, s.Caps, s.Suffixes, s.Tags, 1.0, gradients);
        }, new TrainerOptions { BatchSize = 3, MaxEpochs = 40, Seed = 1 });
        trainer.Train(sentences);

        int Tag(string tag) => tagSet.IndexOf(tag);
        var outside = Tag("O") + 1;
        const int start = 0;
        foreach (var entity in new[] { "LOC", "PER" })
        {
            var inside = Tag("I-" + entity);
            var begin = Tag("B-" + entity);
            // O → I-X and start → I-X never occur: their scores fall below every transition the corpus shows.
            Assert.True(model.A[outside, inside] < model.A[outside, begin], $"O→I-{entity} {model.A[outside, inside]:F3} vs O→B-{entity} {model.A[outside, begin]:F3}");
            Assert.True(model.A[outside, inside] < model.A[begin + 1, inside], $"O→I-{entity} vs B-{entity}→I-{entity}");
            Assert.True(model.A[start, inside] < model.A[start, Tag("B-PER")], $"start→I-{entity} vs start→B-PER");
            Assert.True(model.A[outside, inside] < -0.1, $"O→I-{entity} {model.A[outside, inside]:F3} did not fall");
        }

        foreach (var s in sentences)
        {
            Assert.Equal(s.Tags, model.Predict(s, viterbi: true));
        }
    }

    private static (Matrix<double> F, Matrix<double> A, int[] Gold) RandomSentence(Random random, int length, int tags)
    {
        var f = Matrix<double>.Build.Dense(tags, length, (_, _) => 3 * random.NextDouble() - 1.5);
        var a = Matrix<double>.Build.Dense(tags + 1, tags, (_, _) => 2 * random.NextDouble() - 1);
        var gold = Enumerable.Range(0, length).Select(_ => random.Next(tags)).ToArray();
        return (f, a, gold);
    }

    private static IEnumerable<int[]> AllPaths(int length, int tags)
    {
        var count = (int)Math.Pow(tags, length);
        for (var n = 0; n < count; n++)
        {
            var path = new int[length];
            var rest = n;
            for (var t = 0; t < length; t++)
            {
                path[t] = rest % tags;
                rest /= tags;
            }

            yield return path;
        }
    }
}
