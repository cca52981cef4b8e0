using System.CommandLine;
using NlpSymbolic.Samples.Hosting;
using Spectre.Console;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>
/// <c>charrnn</c>: the lecture's character-level RNN (min-char-rnn) trained as in the notes, printing samples
/// as it learns. On big.txt the notes report a smoothed loss of 113.3 at iteration 0 and 49.7 at 185,000.
/// </summary>
public static class CharRnnCommand
{
    public const string Reference = "113.3 @0, 49.7 @185,000 (lecture notes, big.txt, V = 93, hidden 100)";

    public static Command Create(Func<ParseResult, SampleContext> context)
    {
        var options = new CharOptions();
        var iterations = new Option<long>("--iterations") { Description = "Updates (chunks) to train; the lecture reports 185,000.", DefaultValueFactory = _ => 185_000 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units.", DefaultValueFactory = _ => 100 };
        var resume = new Option<string?>("--resume") { Description = "Continue from a charrnn checkpoint (weights, AdaGrad state, position)." };
        var command = new Command("charrnn",
            "The lecture's character-level RNN (min-char-rnn): hidden 100, tanh, chunks of 25 characters with the hidden state carried "
            + "across chunks, AdaGrad 0.1, gradients clipped to [-5, 5], smoothed loss 0.999·s + 0.001·loss from -ln(1/V)·25. "
            + "Sequential training, one chunk per update; prints samples of generated text as it trains. "
            + "Reference (big.txt, 93 characters): 113.3 at iteration 0, 49.7 at 185,000.");
        options.AddTo(command);
        command.Options.Add(iterations);
        command.Options.Add(hidden);
        command.Options.Add(resume);
        command.SetAction(parse =>
        {
            var sample = context(parse);
            return Program.Guard(sample.Console, () => Run(sample, options.DataPath(parse), options.Read(parse), parse.GetValue(iterations), parse.GetValue(hidden), parse.GetValue(resume)));
        });
        return command;
    }

    private static int Run(SampleContext context, string dataPath, CharRunOptions options, long iterations, int hidden, string? resume)
    {
        if (iterations < 1 || hidden < 1)
        {
            throw new SampleException("--iterations and --hidden must be at least 1", ExitCodes.Usage);
        }

        var text = CharText.Load(dataPath, options.ChunkLength);
        var model = new RnnLanguageModel(text.Vocabulary, hidden, options.Seed);
        var trainer = new SequentialTrainer(model, text.Ids, options.ChunkLength, options.LearningRate, options.Clip);
        if (resume is not null)
        {
            CharRun.Resume(resume, trainer, text);
            context.Console.WriteLine($"resumed from iteration {trainer.Iteration:N0} ({Path.GetFullPath(resume)})");
        }

        context.Console.WriteLine($"charrnn: {text.Path}: {text.Ids.Length:N0} characters, V = {text.Vocabulary}; hidden {hidden}, {model.ParameterCount:N0} parameters");
        var run = new CharRun(context, trainer, text, options);
        var checkpoint = context.OutputPath("charrnn.safetensors");
        var initial = trainer.SmoothedLoss;
        var startIteration = trainer.Iteration;
        // On a shared machine wall time counts other jobs' turns; this process's CPU time is the figure the
        // NumPy reference (tests/NlpSymbolic.Benchmarks/numpy) also prints, so the two compare under load.
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        if (!run.Train(iterations, checkpoint))
        {
            return ExitCodes.Cancelled;
        }

        var seconds = trainer.Elapsed.TotalSeconds;
        var cpuSeconds = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        new Report("charrnn", $"smoothed loss @ iteration {trainer.Iteration:N0}", trainer.SmoothedLoss, Reference, trainer.Elapsed)
        {
            Checkpoint = checkpoint,
            Plots = Plots.Save(context, "charrnn", run.History, run.SeriesName),
            GeneratedSources = GeneratedSource.Find("CharRnnModel"),
            Details =
            [
                ("data", $"{text.Path} ({text.Ids.Length:N0} characters, V = {text.Vocabulary})"),
                ("model", $"hidden {hidden}, {model.ParameterCount:N0} parameters"),
                resume is null && run.Curve.Count > 0
                    ? ("smoothed loss @ iteration 0", $"{run.Curve[0].SmoothedLoss:F2} (−ln(1/V)·{options.ChunkLength} = {SequentialTrainer.InitialSmoothedLoss(text.Vocabulary, options.ChunkLength):F2})")
                    : ($"resumed at iteration {startIteration:N0}", $"smoothed loss {initial:F2}"),
                ("perplexity per character", $"{trainer.Perplexity(trainer.SmoothedLoss):F2}"),
                ("iterations/s", $"{trainer.Iteration / Math.Max(seconds, 1e-9):N0} (training time {seconds:F1} s)"),
                ("iterations per CPU second", $"{(trainer.Iteration - startIteration) / Math.Max(cpuSeconds, 1e-9):N0} ({cpuSeconds:F1} s of this process's CPU, checkpoints included)"),
            ],
        }.Print(context.Console);
        return ExitCodes.Success;
    }
}
