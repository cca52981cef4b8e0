using NlpSymbolic.Checkpoints;
using NlpSymbolic.Samples.Hosting;
using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.Window;

/// <summary>Which loss trains the tagger.</summary>
public enum WindowLoss
{
    Softmax,
    Hinge,
}

/// <summary>A finished (or cancelled) run of <see cref="WindowTraining.Train"/>.</summary>
public sealed record WindowRun(WindowTagger Model, TrainingResult Result, MetricHistory History, string Checkpoint)
{
    /// <summary>SHA-256 of the trained parameters, equal across runs (and MPI ranks) that computed the same numbers.</summary>
    public string Fingerprint { get; init; } = "";
}

/// <summary>
/// The training both commands share: the model, the trainer (Adam, minibatches on all cores, dev evaluation
/// each epoch with early stopping, a safetensors checkpoint each epoch and on Ctrl+C), the live display.
/// </summary>
public static class WindowTraining
{
    public static WindowRun Train(
        SampleContext context, string name, WindowSettings settings, WindowFeatures features, IReadOnlyList<WindowExample> train,
        WindowLoss loss, string devMetric, Func<WindowTagger, double> evaluateDev)
    {
        var model = new WindowTagger(features.Shape(settings.Dimension, settings.Hidden), settings.Seed);
        var parameters = model.CreateSparseParameterSet();
        var checkpoint = context.OutputPath(name + ".safetensors");
        Func<WindowExample, ParameterSet, double> backward = loss == WindowLoss.Softmax
            ? (example, gradients) =>
            {
                WindowTagger.TouchWindow(gradients, example);
                var s = example.Sentence;
                return model.SoftmaxLossBackward(s.Words, s.Caps, s.Suffixes, example.Position, example.Tag, 1.0, gradients);
            }
            : (example, gradients) =>
            {
                WindowTagger.TouchWindow(gradients, example);
                var s = example.Sentence;
                return model.HingeLossBackward(s.Words, s.Caps, s.Suffixes, example.Position, example.Tag, 1.0, gradients);
            };

        var history = context.CreateHistory();
        var result = LiveProgress.Run(context, name, progress =>
        {
            var trainer = new Trainer<WindowExample>(parameters, new Adam(settings.LearningRate), backward, new TrainerOptions
            {
                BatchSize = settings.BatchSize,
                MaxEpochs = settings.Epochs,
                Seed = settings.Seed,
                Communicator = Ranks.Current,
                WorkerCount = Ranks.Workers,
                ClipGradientNorm = 5,
                Evaluate = () => new Dictionary<string, double> { [devMetric] = evaluateDev(model) },
                EarlyStopping = new EarlyStopping(devMetric, higherIsBetter: true, patience: settings.Patience),
                Progress = progress,
                Checkpoints = new SafeTensorsCheckpointSink(checkpoint),
                History = history,
            });
            if (settings.Resume is { } resume)
            {
                Resumed.From(context, resume.FullName, trainer);
            }

            return trainer.Train(train, context.Cancellation);
        });
        return new WindowRun(model, result, history, checkpoint) { Fingerprint = ParameterFingerprint.Sha256Hex(parameters) };
    }

    /// <summary>The predicted tag ids of every sentence (sentences in parallel; the forward pass only reads the model).</summary>
    public static int[][] Predict(WindowTagger model, IReadOnlyList<EncodedSentence> sentences)
    {
        var predicted = new int[sentences.Count][];
        Parallel.For(0, sentences.Count, i => predicted[i] = model.Predict(sentences[i]));
        return predicted;
    }

    /// <summary>The curves of a run (training loss and the dev metric).</summary>
    public static IReadOnlyList<string> SavePlots(SampleContext context, string name, WindowRun run, string devMetric) =>
        [.. Plots.SaveRun(context, name, run.History, run.Result.BestEpoch, devMetric), .. Plots.Save(context, name, run.History, "train/loss", "train/epoch_loss", devMetric)];
}
