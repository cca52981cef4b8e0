using NlpSymbolic.Data;
using NlpSymbolic.Samples.Window;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary>The generated backward of both losses, into the sparse parameter set the trainer uses, against central differences.</summary>
public class WindowTaggerGradientTests
{
    [Theory]
    [InlineData(WindowLoss.Softmax)]
    [InlineData(WindowLoss.Hinge)]
    public void Generated_gradient_matches_central_differences(WindowLoss loss)
    {
        var train = new[]
        {
            new TaggedSentence(["The", "dog", "barks", "loudly", "."], ["DET", "NOUN", "VERB", "ADV", "PUNCT"]),
            new TaggedSentence(["The", "Dog", "barks", "."], ["DET", "PROPN", "VERB", "PUNCT"]),
        };
        var features = WindowFeatures.Build(train, TagSet.FromSentences(train), suffixLength: 2);
        var model = new WindowTagger(features.Shape(wordDimension: 4, hidden: 6), seed: 3);
        var parameters = model.CreateSparseParameterSet();
        var example = new WindowExample(features.Encode(train[0]), WindowExample.Pad + 1);
        var s = example.Sentence;
        double Loss() => loss == WindowLoss.Softmax
            ? model.SoftmaxLoss(s.Words, s.Caps, s.Suffixes, example.Position, example.Tag)
            : model.HingeLoss(s.Words, s.Caps, s.Suffixes, example.Position, example.Tag);
        Assert.True(Loss() > 0);

        var report = GradientCheck.Run(
            parameters,
            loss: Loss,
            computeGradients: () =>
            {
                WindowTagger.TouchWindow(parameters, example);
                _ = loss == WindowLoss.Softmax
                    ? model.SoftmaxLossBackward(s.Words, s.Caps, s.Suffixes, example.Position, example.Tag, 1.0, parameters)
                    : model.HingeLossBackward(s.Words, s.Caps, s.Suffixes, example.Position, example.Tag, 1.0, parameters);
            },
            samplesPerParameter: 20, seed: 0, epsilon: 1e-6);
        Assert.True(report.Passed(1e-5), report.ToString());
    }
}
