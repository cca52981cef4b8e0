using NlpSymbolic.Checkpoints;
using Spectre.Console;
using NlpSymbolic.Samples.Hosting;
using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.Window;

/// <summary>Which loss trains the tagger.</summary>
public enum WindowLoss
{
    Softmax,
    Hinge,

    /// <summary>Sentence-level log-likelihood: the forward algorithm over tag paths with learned transitions; Viterbi decoding.</summary>
    Sll,
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
        SampleContext context, string name, WindowSettings settings, WindowFeatures features, IReadOnlyList<EncodedSentence> train,
        WindowLoss loss, string devMetric, Func<WindowTagger, double> evaluateDev)
    {
        if (settings.Dropout > 0 && loss != WindowLoss.Sll)
        {
            throw new SampleException("--dropout applies to --loss sll only", ExitCodes.Usage);
        }

        var model = new WindowTagger(features.Shape(settings.Dimension, settings.Hidden), settings.Seed);
        if (settings.Embeddings is { } file)
        {
            var (coverage, fileRms) = WindowEmbeddings.Load(model, features, file.FullName, train.SelectMany(s => s.Source.Words), settings.EmbeddingsRms);
            var scale = settings.EmbeddingsRms > 0 ? $"scaled from RMS {fileRms:G3} to {settings.EmbeddingsRms:G3} per value" : $"RMS {fileRms:G3} per value, as in the file";
            context.Console.WriteLine($"word vectors from {file.FullName}: {coverage}; {scale}");
        }

        if (loss == WindowLoss.Sll)
        {
            // One example per sentence: the loss and its gradient cover every word and transition of it.
            // With --dropout, each sentence draws its hidden-layer mask from the trainer's per-example seed.
            return Run(context, name, settings, model, train, devMetric, evaluateDev, (sentence, gradients, example) =>
            {
                WindowTagger.TouchSentence(gradients, sentence);
                if (settings.Dropout == 0)
                {
                    return model.SentenceLossBackward(sentence.Words, sentence.Caps, sentence.Suffixes, sentence.Tags, 1.0, gradients);
                }

                var keep = Dropout.Mask(model.W.RowCount, sentence.Count, settings.Dropout, example.Seed);
                return model.SentenceLossWithDropoutBackward(sentence.Words, sentence.Caps, sentence.Suffixes, sentence.Tags, keep, 1.0, gradients);
            });
        }

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
        return Run(context, name, settings, model, WindowFeatures.Examples(train), devMetric, evaluateDev, (example, gradients, _) => backward(example, gradients));
    }

    private static WindowRun Run<TExample>(
        SampleContext context, string name, WindowSettings settings, WindowTagger model, IReadOnlyList<TExample> train,
        string devMetric, Func<WindowTagger, double> evaluateDev, Func<TExample, ParameterSet, ExampleContext, double> backward)
    {
        var parameters = model.CreateSparseParameterSet();
        var checkpoint = context.OutputPath(name + ".safetensors");
        var history = context.CreateHistory();
        var result = LiveProgress.Run(context, name, progress =>
        {
            var trainer = new Trainer<TExample>(parameters, new Adam(settings.LearningRate), backward, new TrainerOptions
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
    public static int[][] Predict(WindowTagger model, IReadOnlyList<EncodedSentence> sentences, WindowLoss loss)
    {
        var predicted = new int[sentences.Count][];
        Parallel.For(0, sentences.Count, i => predicted[i] = model.Predict(sentences[i], viterbi: loss == WindowLoss.Sll));
        return predicted;
    }

    /// <summary>The curves of a run (training loss and the dev metric).</summary>
    public static IReadOnlyList<string> SavePlots(SampleContext context, string name, WindowRun run, string devMetric) =>
        [.. Plots.SaveRun(context, name, run.History, run.Result.BestEpoch, devMetric), .. Plots.Save(context, name, run.History, "train/loss", "train/epoch_loss", devMetric)];
}
