using NlpSymbolic.Training;
using Spectre.Console;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>
/// The trainer's progress on the console: a live Spectre.Console bar (loss, examples/s, ETA) on a terminal,
/// plain lines every few seconds otherwise. Synchronous (<see cref="IProgress{T}"/> called on the training
/// thread), so lines never come out of order.
/// </summary>
public sealed class LiveProgress : IProgress<TrainingProgress>
{
    private readonly SampleContext context;
    private readonly string title;
    private ProgressTask? task;
    private DateTime lastLine;

    private LiveProgress(SampleContext context, string title)
    {
        this.context = context;
        this.title = title;
    }

    /// <summary>Runs <paramref name="train"/> with a live display and returns its result.</summary>
    public static T Run<T>(SampleContext context, string title, Func<IProgress<TrainingProgress>, T> train)
    {
        var progress = new LiveProgress(context, title);
        if (context.Quiet || !context.Console.Profile.Capabilities.Interactive)
        {
            return train(progress);
        }

        return context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                progress.task = ctx.AddTask(title, maxValue: 1.0);
                return train(progress);
            });
    }

    public void Report(TrainingProgress value)
    {
        var text = $"{title}: epoch {value.Epoch}, step {value.Step:N0}, loss {value.Loss:F4}, {value.ExamplesPerSecond:N0} ex/s"
            + (value.Eta is { } eta ? $", ETA {eta:hh\\:mm\\:ss}" : string.Empty)
            + (value.Metrics is { } metrics ? ", " + string.Join(", ", metrics.Select(m => $"{m.Key} {m.Value:F4}")) : string.Empty);
        if (task is not null)
        {
            task.Description = Markup.Escape(text);
            if (value.TotalSteps is { } total && total > 0)
            {
                task.Value = Math.Min(1.0, value.Step / (double)total);
            }

            return;
        }

        if (value.Metrics is not null || DateTime.UtcNow - lastLine > TimeSpan.FromSeconds(5))
        {
            lastLine = DateTime.UtcNow;
            context.Console.WriteLine(text);
        }
    }
}
