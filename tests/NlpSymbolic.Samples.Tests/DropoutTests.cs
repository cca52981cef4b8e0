using System;
using System.Linq;
using NlpSymbolic.Data;
using NlpSymbolic.Samples.Window;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary>Dropout on the window tagger's hidden layer (<c>--dropout</c> with <c>--loss sll</c>): the mask and the generated gradient.</summary>
public class DropoutTests
{
    private static readonly TaggedSentence[] Train =
    [
        new(["John", "Smith", "went", "to", "Paris", "."], ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]),
        new(["Mary", "lives", "in", "New", "York"], ["B-PER", "O", "O", "B-LOC", "I-LOC"]),
    ];

    [Fact]
    public void The_mask_drops_about_the_rate_and_scales_the_kept_units_so_the_mean_is_one()
    {
        var mask = Dropout.Mask(300, 100, 0.25, seed: 7);
        var values = mask.Enumerate().ToArray();
        Assert.All(values, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75) < 1e-15));
        var dropped = values.Count(v => v == 0) / (double)values.Length;
        Assert.InRange(dropped, 0.23, 0.27); // 30,000 draws: the standard deviation is 0.0025
        Assert.InRange(values.Average(), 0.97, 1.03);
        Assert.Equal(mask, Dropout.Mask(300, 100, 0.25, seed: 7));
        Assert.NotEqual(mask, Dropout.Mask(300, 100, 0.25, seed: 8));
        Assert.All(Dropout.Mask(4, 3, 0, seed: 1).Enumerate(), v => Assert.Equal(1, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dropout.Mask(2, 2, 1, seed: 1));
    }

    [Fact]
    public void With_nothing_dropped_the_loss_is_the_sentence_loss_and_a_dropped_unit_changes_it()
    {
        var (model, features) = Tagger();
        var s = features.Encode(Train[0]);
        var ones = Dropout.Mask(model.W.RowCount, s.Count, 0, seed: 1);
        var loss = model.SentenceLoss(s.Words, s.Caps, s.Suffixes, s.Tags);
        Assert.Equal(loss, model.SentenceLossWithDropout(s.Words, s.Caps, s.Suffixes, s.Tags, ones), 12);
        ones[2, 1] = 0;
        Assert.NotEqual(loss, model.SentenceLossWithDropout(s.Words, s.Caps, s.Suffixes, s.Tags, ones), 6);
    }

    [Fact]
    public void Generated_gradient_with_a_dropout_mask_matches_central_differences()
    {
        var (model, features) = Tagger();
        var parameters = model.CreateSparseParameterSet();
        var s = features.Encode(Train[0]);
        var keep = Dropout.Mask(model.W.RowCount, s.Count, 0.5, seed: 11);
        Assert.Contains(0.0, keep.Enumerate());
        Assert.Contains(2.0, keep.Enumerate());
        double Loss() => model.SentenceLossWithDropout(s.Words, s.Caps, s.Suffixes, s.Tags, keep);

        var report = GradientCheck.Run(
            parameters,
            loss: Loss,
            computeGradients: () =>
            {
                WindowTagger.TouchSentence(parameters, s);
                _ = model.SentenceLossWithDropoutBackward(s.Words, s.Caps, s.Suffixes, s.Tags, keep, 1.0, parameters);
            },
            samplesPerParameter: 20, seed: 0, epsilon: 1e-6);
        Assert.True(report.Passed(1e-5), report.ToString());
    }

    private static (WindowTagger Model, WindowFeatures Features) Tagger()
    {
        var features = WindowFeatures.Build(Train, TagSet.FromSentences(Train), suffixLength: 2);
        var model = new WindowTagger(features.Shape(wordDimension: 4, hidden: 6), seed: 3);
        var random = new Random(5);
        model.A.MapInplace(_ => random.NextDouble() - 0.5);
        return (model, features);
    }
}
