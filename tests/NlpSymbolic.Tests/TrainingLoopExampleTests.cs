using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Tests.Models;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// The training loop of docs/training.md ("Training with the trainer"), run as written on a small synthetic tagging task (the tag is a function of the
/// word and its left neighbour), with the model class's generated backward, the data-parallel trainer,
/// evaluation with early stopping and a safetensors checkpoint.
/// </summary>
public sealed class TrainingLoopExampleTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlpsym-loop-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static List<Window> Windows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var tokens = Enumerable.Range(0, 9).Select(_ => random.Next(2, 40)).ToArray();
            tokens[0] = tokens[1] = tokens[7] = tokens[8] = 0;   // padding
            var t = 2 + random.Next(5);
            return new Window(tokens, t, (tokens[t] + tokens[t - 1] % 2) % 5);
        }).ToList();
    }

    private static (TrainingResult Result, WindowTagger Model) Train(List<Window> train, List<Window> dev, int workers, string? checkpoint)
    {
        // ---- the loop of docs/training.md (vocabulary.Count = 40, tags.Count = 5) ----
        var model = new WindowTagger(40, 5, seed: 1, dimension: 8, hidden: 16);          // fields L, W, b, U, c
        var parameters = model.CreateParameterSet(new WindowTagger.Gradients(model));
        var trainer = new Trainer<Window>(parameters, new Adam(0.01),
            (w, gradients) => model.LossBackward(w.Tokens, w.Position, w.Tag, 1.0, gradients),
            new TrainerOptions
            {
                BatchSize = 16, MaxEpochs = 40, Seed = 1, ClipGradientNorm = 5, WorkerCount = workers,
                Evaluate = () => new Dictionary<string, double> { ["dev/accuracy"] = model.Accuracy(dev) },
                EarlyStopping = new EarlyStopping("dev/accuracy", higherIsBetter: true, patience: 5),
                Checkpoints = checkpoint is null ? null : new SafeTensorsCheckpointSink(checkpoint),
            });
        var result = trainer.Train(train);
        return (result, model);
    }

    [Fact]
    public void TheReadmeLoopTrainsTheWindowTagger()
    {
        var (train, dev) = (Windows(600, 1), Windows(200, 2));
        var before = new WindowTagger(40, 5, seed: 1, dimension: 8, hidden: 16).Accuracy(dev);
        var path = Path.Combine(folder, "tagger.safetensors");
        var (result, model) = Train(train, dev, workers: 2, path);

        Assert.True(result.BestMetric > before + 0.3, $"dev accuracy {before:P1} → {result.BestMetric:P1}");
        Assert.Equal(result.BestMetric!.Value, model.Accuracy(dev), 12);   // early stopping restored the best values
        Assert.True(File.Exists(path));

        var reloaded = new WindowTagger(40, 5, seed: 7, dimension: 8, hidden: 16);
        Checkpoint.Load(path, reloaded.CreateParameterSet(new WindowTagger.Gradients(reloaded)));
        Assert.True(reloaded.Accuracy(dev) > before + 0.2);
    }

    [Fact]
    public void OneAndTwoWorkersGiveBitIdenticalWeights()
    {
        var (train, dev) = (Windows(200, 3), Windows(50, 4));
        var one = Train(train, dev, workers: 1, null).Model;
        var two = Train(train, dev, workers: 2, null).Model;
        foreach (var (a, b) in new[] { (one.L, two.L), (one.W, two.W), (one.U, two.U) })
        {
            Assert.Equal(a.ToColumnMajorArray(), b.ToColumnMajorArray());
        }

        Assert.Equal(one.b.ToArray(), two.b.ToArray());
    }

    [Fact]
    public void TheParameterSetOverloadRejectsAnotherModelsSet()
    {
        var model = new WindowTagger(40, 5, seed: 1, dimension: 8, hidden: 16);
        var other = new WindowTagger(40, 5, seed: 2, dimension: 8, hidden: 16);
        var set = other.CreateParameterSet(new WindowTagger.Gradients(other));
        var window = Windows(1, 5)[0];
        var error = Assert.Throws<ArgumentException>(() => model.LossBackward(window.Tokens, window.Position, window.Tag, 1.0, set));
        Assert.Contains("does not hold this model's parameters", error.Message);
    }

    [Fact]
    public void TheParameterSetOverloadAddsTheSameGradientAsTheGradientsOverload()
    {
        var model = new WindowTagger(40, 5, seed: 1, dimension: 8, hidden: 16);
        var gradients = new WindowTagger.Gradients(model);
        var set = model.CreateParameterSet(new WindowTagger.Gradients(model));
        var window = Windows(1, 6)[0];
        var viaGradients = model.LossBackward(window.Tokens, window.Position, window.Tag, 1.0, gradients);
        var viaSet = model.LossBackward(window.Tokens, window.Position, window.Tag, 1.0, set);
        Assert.Equal(viaGradients, viaSet);
        Assert.Equal(gradients.W.ToColumnMajorArray(), set[1].GradientMatrix!.ToColumnMajorArray());
        Assert.Equal(gradients.L.ToColumnMajorArray(), set[0].GradientMatrix!.ToColumnMajorArray());
    }
}
