using System.CommandLine;
using NlpSymbolic.Samples.Hosting;
using Spectre.Console;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>
/// <c>gru</c>: a GRU character language model against the vanilla RNN at an equal parameter count, same data and
/// recipe (AdaGrad, clipping, chunks of 25, carried state): smoothed loss and perplexity after equal numbers of
/// updates and after equal training time.
/// </summary>
public static class GruCommand
{
    public static Command Create(Func<ParseResult, SampleContext> context)
    {
        var options = new CharOptions();
        var iterations = new Option<long>("--iterations") { Description = "Updates (chunks of 25 characters) for each model.", DefaultValueFactory = _ => 20_000 };
        var hidden = new Option<int>("--rnn-hidden") { Description = "Hidden units of the RNN.", DefaultValueFactory = _ => 100 };
        var gruHidden = new Option<int>("--gru-hidden") { Description = "Hidden units of the GRU (default: the size whose parameter count is closest to the RNN's)." };
        var command = new Command("gru",
            "A GRU language model (models.md §3, with biases) compared with the lecture's character RNN at an equal parameter count: "
            + "both train on the same characters with the same recipe (AdaGrad 0.1, clipping to [-5, 5], chunks of 25, hidden state carried across chunks), "
            + "then a table gives the smoothed loss and perplexity per character after equal numbers of updates and after equal training time.");
        options.AddTo(command);
        command.Options.Add(iterations);
        command.Options.Add(hidden);
        command.Options.Add(gruHidden);
        command.SetAction(parse =>
        {
            var sample = context(parse);
            return Program.Guard(sample.Console, () => Run(sample, options.DataPath(parse), options.Read(parse), parse.GetValue(iterations), parse.GetValue(hidden), parse.GetValue(gruHidden)));
        });
        return command;
    }

    private static int Run(SampleContext context, string dataPath, CharRunOptions options, long iterations, int rnnHidden, int gruHidden)
    {
        if (iterations < 1 || rnnHidden < 1 || gruHidden < 0)
        {
            throw new SampleException("--iterations and --rnn-hidden must be at least 1, --gru-hidden not negative", ExitCodes.Usage);
        }

        var text = CharText.Load(dataPath, options.ChunkLength);
        var rnn = new RnnLanguageModel(text.Vocabulary, rnnHidden, options.Seed);
        if (gruHidden == 0)
        {
            gruHidden = GruModel.HiddenMatching(text.Vocabulary, rnn.ParameterCount);
        }

        var gru = new GruLanguageModel(text.Vocabulary, gruHidden, options.Seed);
        context.Console.WriteLine($"gru: {text.Path}: {text.Ids.Length:N0} characters, V = {text.Vocabulary}");
        context.Console.WriteLine($"RNN hidden {rnnHidden}: {rnn.ParameterCount:N0} parameters; GRU hidden {gruHidden}: {gru.ParameterCount:N0} parameters ({100.0 * (gru.ParameterCount - rnn.ParameterCount) / rnn.ParameterCount:+0.0;-0.0}%)");

        // Untimed warm-up of throwaway copies, so the JIT's tiering is not charged to whichever model trains first.
        foreach (var model in new ICharLanguageModel[] { new RnnLanguageModel(text.Vocabulary, rnnHidden, options.Seed), new GruLanguageModel(text.Vocabulary, gruHidden, options.Seed) })
        {
            var warmup = new SequentialTrainer(model, text.Ids, options.ChunkLength, options.LearningRate, options.Clip);
            for (var i = 0; i < Math.Min(300, iterations); i++)
            {
                warmup.Step();
            }
        }

        var runs = new List<(ICharLanguageModel Model, SequentialTrainer Trainer, CharRun Run)>();
        foreach (var model in new ICharLanguageModel[] { rnn, gru })
        {
            var trainer = new SequentialTrainer(model, text.Ids, options.ChunkLength, options.LearningRate, options.Clip);
            var run = new CharRun(context, trainer, text, options);
            runs.Add((model, trainer, run));
            if (!run.Train(iterations, context.OutputPath($"gru-{model.Name}.safetensors")))
            {
                return ExitCodes.Cancelled;
            }
        }

        // Equal training time: the time the faster model took for all its updates; the slower one is read at that time.
        var budget = runs.Min(r => r.Trainer.Elapsed.TotalSeconds);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("", "RNN", "GRU");
        var at = runs.Select(r => r.Run.Curve.LastOrDefault(p => p.Seconds <= budget + 1e-9, r.Run.Curve[0])).ToArray();
        void Row(string name, Func<int, string> value) => table.AddRow(Markup.Escape(name), value(0), value(1));
        Row("hidden", i => runs[i].Model.Hidden.ToString("N0"));
        Row("parameters", i => runs[i].Model.ParameterCount.ToString("N0"));
        Row($"smoothed loss @ {iterations:N0} updates", i => runs[i].Trainer.SmoothedLoss.ToString("F2"));
        Row("perplexity per character", i => runs[i].Trainer.Perplexity(runs[i].Trainer.SmoothedLoss).ToString("F2"));
        Row("training time", i => $"{runs[i].Trainer.Elapsed.TotalSeconds:F1} s");
        Row("updates/s", i => (runs[i].Trainer.Iteration / runs[i].Trainer.Elapsed.TotalSeconds).ToString("N0"));
        Row($"smoothed loss @ {budget:F1} s (equal time)", i => at[i].SmoothedLoss.ToString("F2"));
        Row("perplexity @ equal time", i => runs[i].Trainer.Perplexity(at[i].SmoothedLoss).ToString("F2"));
        Row("updates by then", i => (at[i].Iteration + 1).ToString("N0"));
        context.Console.Write(table);

        var history = new NlpSymbolic.Training.MetricHistory();
        foreach (var (model, trainer, run) in runs)
        {
            foreach (var point in run.Curve)
            {
                history.Add(run.SeriesName, point.Iteration, 1, point.SmoothedLoss);
            }
        }

        var plots = Plots.Save(context, "gru", history, runs.Select(r => r.Run.SeriesName).ToArray()).ToList();
        plots.AddRange(SaveComparison(context, runs.Select(r => (r.Model.Name, r.Run.Curve)).ToList()));
        var (_, rnnTrainer, _) = runs[0];
        var (_, gruTrainer, _) = runs[1];
        new Report("gru", $"GRU smoothed loss @ iteration {iterations:N0}", gruTrainer.SmoothedLoss,
            $"RNN at equal parameters: {rnnTrainer.SmoothedLoss:F2}", rnnTrainer.Elapsed + gruTrainer.Elapsed)
        {
            Checkpoint = context.OutputPath("gru-gru.safetensors") + " (RNN: gru-rnn.safetensors)",
            Plots = plots,
            GeneratedSources = GeneratedSource.Find("GruModel"),
            Details =
            [
                ("data", $"{text.Path} ({text.Ids.Length:N0} characters, V = {text.Vocabulary})"),
                ("parameters", $"RNN {rnn.ParameterCount:N0} (hidden {rnnHidden}), GRU {gru.ParameterCount:N0} (hidden {gruHidden})"),
                ("perplexity per character", $"GRU {gruTrainer.Perplexity(gruTrainer.SmoothedLoss):F2}, RNN {rnnTrainer.Perplexity(rnnTrainer.SmoothedLoss):F2}"),
            ],
        }.Print(context.Console);
        return ExitCodes.Success;
    }

    /// <summary>Both smoothed-loss curves in one figure, against updates and against training time.</summary>
    private static IEnumerable<string> SaveComparison(SampleContext context, IReadOnlyList<(string Name, List<CurvePoint> Curve)> curves)
    {
        foreach (var (axis, x) in new (string, Func<CurvePoint, double>)[] { ("iteration", p => p.Iteration), ("seconds", p => p.Seconds) })
        {
            var plot = new ScottPlot.Plot();
            foreach (var (name, curve) in curves)
            {
                var scatter = plot.Add.Scatter(curve.Select(x).ToArray(), curve.Select(p => p.SmoothedLoss).ToArray());
                scatter.LegendText = name;
                scatter.MarkerSize = 0;
            }

            plot.ShowLegend();
            plot.Title($"RNN vs GRU at equal parameters: smoothed loss vs {axis}");
            plot.XLabel(axis == "iteration" ? "iteration" : "training time (s)");
            plot.YLabel("smoothed loss (nats per chunk)");
            var file = context.PlotPath($"gru-comparison-{axis}");
            plot.SavePng(file + ".png", 800, 500);
            plot.SaveSvg(file + ".svg", 800, 500);
            yield return file + ".png";
            yield return file + ".svg";
        }
    }
}
