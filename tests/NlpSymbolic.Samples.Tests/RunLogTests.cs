using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary>Every training command leaves a JSON Lines log beside its checkpoint and one chart of the run; --log and --plots move them.</summary>
public class RunLogTests
{
    private static JsonElement[] Lines(string path) =>
        File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement).ToArray();

    [Fact]
    public void Pos_appends_train_and_dev_metrics_and_draws_one_chart_of_the_run()
    {
        var output = SampleRun.TempOutput();
        var run = SampleRun.Of("--output", output, "pos", "--max-sentences", "60", "--epochs", "2", "--hidden", "8", "--patience", "5");
        Assert.True(run.ExitCode == 0, run.Output);

        var log = Path.Combine(output, "pos.metrics.jsonl");
        var lines = Lines(log);
        foreach (var field in new[] { "step", "epoch", "split", "name", "value", "elapsed" })
        {
            Assert.All(lines, line => Assert.True(line.TryGetProperty(field, out _), $"no {field} in {line}"));
        }

        var dev = lines.Where(l => l.GetProperty("split").GetString() == "dev" && l.GetProperty("name").GetString() == "accuracy").ToList();
        Assert.Equal(new[] { 1, 2 }, dev.Select(l => l.GetProperty("epoch").GetInt32()));
        Assert.Contains(lines, l => l.GetProperty("split").GetString() == "train" && l.GetProperty("name").GetString() == "epoch_loss");
        Assert.True(File.Exists(Path.Combine(output, "pos-run.png")), run.Output);
        Assert.True(File.Exists(Path.Combine(output, "pos-run.svg")), run.Output);
        Assert.Contains("best epoch", File.ReadAllText(Path.Combine(output, "pos-run.svg")));

        // A resumed run appends to the same log.
        var resumed = SampleRun.Of("--output", output, "pos", "--max-sentences", "60", "--epochs", "3", "--hidden", "8", "--patience", "5",
            "--resume", Path.Combine(output, "pos.safetensors"));
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        var after = Lines(log);
        Assert.True(after.Length > lines.Length);
        Assert.Contains(after.Skip(lines.Length), l => l.GetProperty("split").GetString() == "dev" && l.GetProperty("epoch").GetInt32() == 3);
    }

    [Fact]
    public void Log_and_plots_options_choose_where()
    {
        var output = SampleRun.TempOutput();
        var elsewhere = SampleRun.TempOutput();
        var log = Path.Combine(elsewhere, "my-run.jsonl");
        var charts = Path.Combine(elsewhere, "charts");
        var run = SampleRun.Of("--output", output, "--log", log, "--plots", charts, "charrnn",
            "--data", NlpSymbolic.Samples.CharRnn.CharText.ShippedTinyShakespeare, "--iterations", "200", "--sample-every", "0");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains(Lines(log), l => l.GetProperty("name").GetString() == "smoothed_loss");
        Assert.True(File.Exists(Path.Combine(charts, "charrnn-rnn-smoothed_loss.png")), run.Output);
        Assert.False(File.Exists(Path.Combine(output, "charrnn.metrics.jsonl")));
    }
}
