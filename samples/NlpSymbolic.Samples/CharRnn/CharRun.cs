using System.Globalization;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Samples.Hosting;
using NlpSymbolic.Training;
using Spectre.Console;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>A point of a run's curve: the smoothed loss after an update, and the training time it took to get there.</summary>
public readonly record struct CurvePoint(long Iteration, double Seconds, double SmoothedLoss);

/// <summary>
/// The loop around <see cref="SequentialTrainer"/> that both commands share: live progress, a sample of text
/// every so often, the curve, Ctrl+C, and the checkpoint (weights, AdaGrad's state, and where the run was).
/// </summary>
public sealed class CharRun(SampleContext context, SequentialTrainer trainer, CharText text, CharRunOptions options)
{
    /// <summary>Every <see cref="CharRunOptions.LogEvery"/> updates (and after the first), as min-char-rnn prints it.</summary>
    public List<CurvePoint> Curve { get; } = [];

    public MetricHistory History { get; } = context.CreateHistory();

    public string SeriesName => trainer.Model.Name + "/smoothed_loss";

    /// <summary>Trains until <paramref name="iterations"/> updates have been made in all; false when Ctrl+C stopped it (a checkpoint was saved).</summary>
    public bool Train(long iterations, string checkpointPath)
    {
        var random = new Random(options.Seed);
        var title = $"{trainer.Model.Name} (hidden {trainer.Model.Hidden})";
        var cancelled = LiveProgress.Run(context, title, progress =>
        {
            var lastReport = trainer.Elapsed;
            var lastIteration = trainer.Iteration;
            while (trainer.Iteration < iterations)
            {
                if (context.Cancellation.IsCancellationRequested)
                {
                    return true;
                }

                var iteration = trainer.Iteration;
                if (options.SampleEvery > 0 && iteration % options.SampleEvery == 0)
                {
                    var sample = trainer.Sample(text.Characters, text.Ids[trainer.Position], options.SampleLength, random);
                    context.Console.WriteLine($"---- {trainer.Model.Name} sample at iteration {iteration:N0} (smoothed loss {trainer.SmoothedLoss:F2}) ----");
                    context.Console.WriteLine(sample);
                    context.Console.WriteLine("----");
                }

                trainer.Step();
                if (iteration == 0 || trainer.Iteration % options.LogEvery == 0)
                {
                    Curve.Add(new CurvePoint(iteration, trainer.Elapsed.TotalSeconds, trainer.SmoothedLoss));
                    History.Add(SeriesName, iteration, 1, trainer.SmoothedLoss);
                }

                if (iteration == 0)
                {
                    var expected = SequentialTrainer.InitialSmoothedLoss(trainer.Model.Vocabulary, trainer.ChunkLength);
                    context.Console.WriteLine($"{trainer.Model.Name}: iteration 0, smoothed loss {trainer.SmoothedLoss:F2} (−ln(1/{trainer.Model.Vocabulary})·{trainer.ChunkLength} = {expected:F2})");
                }

                if ((trainer.Elapsed - lastReport).TotalSeconds >= 0.25 || trainer.Iteration == iterations)
                {
                    var seconds = (trainer.Elapsed - lastReport).TotalSeconds;
                    var rate = seconds > 0 ? (trainer.Iteration - lastIteration) / seconds : 0;
                    progress.Report(new TrainingProgress
                    {
                        Step = trainer.Iteration,
                        Epoch = 1,
                        Loss = trainer.SmoothedLoss,
                        ExamplesPerSecond = rate,
                        TotalSteps = iterations,
                        Elapsed = trainer.Elapsed,
                        Eta = rate > 0 ? TimeSpan.FromSeconds((iterations - trainer.Iteration) / rate) : null,
                    });
                    lastReport = trainer.Elapsed;
                    lastIteration = trainer.Iteration;
                }
            }

            return false;
        });

        SaveCheckpoint(checkpointPath);
        if (cancelled)
        {
            context.Console.MarkupLine($"[yellow]cancelled[/] at iteration {trainer.Iteration:N0}; checkpoint saved to {Markup.Escape(checkpointPath)} (continue with --resume)");
        }

        return !cancelled;
    }

    public void SaveCheckpoint(string path) => Save(path, trainer, text);

    /// <summary>The weights, AdaGrad's state, where the run stopped and the carried hidden state.</summary>
    public static void Save(string path, SequentialTrainer trainer, CharText text) =>
        Checkpoint.Save(path, trainer.Model.Parameters, trainer.Optimizer, new Dictionary<string, string>
        {
            ["model"] = trainer.Model.Name,
            ["hidden"] = trainer.Model.Hidden.ToString(CultureInfo.InvariantCulture),
            ["vocabulary"] = text.Characters,
            ["iteration"] = trainer.Iteration.ToString(CultureInfo.InvariantCulture),
            ["position"] = trainer.Position.ToString(CultureInfo.InvariantCulture),
            ["smoothed_loss"] = trainer.SmoothedLoss.ToString("R", CultureInfo.InvariantCulture),
            ["seconds"] = trainer.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),

            // The carried hidden state, so that --resume continues the text where it stopped with the state it had.
            ["state"] = string.Join(",", trainer.State.Select(x => x.ToString("R", CultureInfo.InvariantCulture))),
        });

    /// <summary>
    /// Loads a checkpoint of this model (weights and AdaGrad's state) and where its run stopped. Another model's
    /// checkpoint, another hidden size or another character set exits 3 with the reason.
    /// </summary>
    public static void Resume(string path, SequentialTrainer trainer, CharText text)
    {
        if (!File.Exists(path))
        {
            throw new SampleException($"{path}: no such checkpoint", ExitCodes.MissingData);
        }

        var metadata = Checkpoint.Load(path, trainer.Model.Parameters, trainer.Optimizer);
        if (!metadata.TryGetValue("model", out var model) || model != trainer.Model.Name)
        {
            throw new SampleException($"{path}: not a {trainer.Model.Name} checkpoint (model: {model ?? "none"})");
        }

        if (!metadata.TryGetValue("vocabulary", out var characters) || characters != text.Characters)
        {
            throw new SampleException($"{path}: the checkpoint was trained on another character set ({characters?.Length ?? 0} characters; {text.Path} has {text.Vocabulary})");
        }

        var position = (int)Number(metadata, "position", path);
        trainer.Restore(
            (long)Number(metadata, "iteration", path),
            position < text.Ids.Length ? position : 0,
            Number(metadata, "smoothed_loss", path),
            TimeSpan.FromSeconds(Number(metadata, "seconds", path)),
            State(metadata, trainer.Model.Hidden, path));
    }

    /// <summary>The saved hidden state; null for a checkpoint written before it was saved (the state then restarts from zero).</summary>
    private static double[]? State(IReadOnlyDictionary<string, string> metadata, int hidden, string path)
    {
        if (!metadata.TryGetValue("state", out var text))
        {
            return null;
        }

        var values = text.Split(',');
        var state = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out state[i]) || !double.IsFinite(state[i]))
            {
                throw new SampleException($"{path}: the checkpoint's 'state' entry is not {hidden} numbers (entry {i}: '{values[i]}')");
            }
        }

        return state.Length == hidden
            ? state
            : throw new SampleException($"{path}: the checkpoint's 'state' has {state.Length} values, the hidden size is {hidden}");
    }

    private static double Number(IReadOnlyDictionary<string, string> metadata, string key, string path) =>
        metadata.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SampleException($"{path}: the checkpoint has no valid '{key}' entry in its metadata");
}

/// <summary>The recipe's settings, shared by <c>charrnn</c> and <c>gru</c>.</summary>
public sealed record CharRunOptions(int ChunkLength, double LearningRate, double Clip, int Seed, long SampleEvery, int SampleLength, long LogEvery);
