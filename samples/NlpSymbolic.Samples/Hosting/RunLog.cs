using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>
/// A run's metrics as JSON Lines, appended as training records them (a resumed run appends to the same file), one
/// object per point: <c>{"step":120,"epoch":1,"split":"train","name":"loss","value":0.53,"elapsed":4.2,"run":"…"}</c>.
/// <c>split</c> and <c>name</c> are the metric's name split at its first '/' (<c>dev/accuracy</c>); <c>elapsed</c> is
/// seconds since the command started; <c>run</c> tells runs appended to one file apart. Load it with pandas'
/// <c>read_json(path, lines=True)</c>.
/// </summary>
public sealed class RunLog
{
    private readonly string path;
    private readonly string run = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly object gate = new();

    public RunLog(string path)
    {
        this.path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
    }

    public string File => path;

    /// <summary>Writes every point <paramref name="history"/> records from now on.</summary>
    public MetricHistory Attach(MetricHistory history)
    {
        history.Recorded += Append;
        return history;
    }

    public void Append(string metric, MetricPoint point)
    {
        var slash = metric.IndexOf('/');
        var (split, name) = slash > 0 ? (metric[..slash], metric[(slash + 1)..]) : ("", metric);
        var line = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["step"] = point.Step,
            ["epoch"] = point.Epoch,
            ["split"] = split,
            ["name"] = name,
            ["value"] = double.IsFinite(point.Value) ? point.Value : null,
            ["elapsed"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["run"] = run,
        });
        lock (gate)
        {
            try
            {
                System.IO.File.AppendAllText(path, line + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SampleException($"--log {path}: cannot append to the run log ({e.Message})", ExitCodes.CannotWrite);
            }
        }
    }
}
