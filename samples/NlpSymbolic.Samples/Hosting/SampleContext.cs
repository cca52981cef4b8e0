using NlpSymbolic.Training;
using Spectre.Console;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>
/// What every command shares: where the repository and the data are, where outputs go, the console, and
/// Ctrl+C (which cancels <see cref="Cancellation"/>; the trainer then saves a checkpoint and stops cleanly).
/// </summary>
public sealed class SampleContext
{
    private RunLog? log;

    public SampleContext(
        IAnsiConsole console, string outputDirectory, CancellationToken cancellation, bool quiet = false,
        string commandName = "samples", string? logFile = null, string? plotsDirectory = null)
    {
        Console = console;
        OutputDirectory = Ranks.Scratch ?? Path.GetFullPath(outputDirectory); // under mpiexec only rank 0 writes here
        Cancellation = cancellation;
        Quiet = quiet;
        CommandName = commandName;
        LogFile = Path.GetFullPath(logFile ?? Path.Combine(OutputDirectory, commandName + ".metrics.jsonl"));
        PlotsDirectory = Path.GetFullPath(plotsDirectory ?? OutputDirectory);
    }

    public IAnsiConsole Console { get; }

    /// <summary>The command being run (<c>pos</c>, <c>charrnn</c>, …): names the run log and the checkpoint.</summary>
    public string CommandName { get; }

    /// <summary>The JSON Lines run log (<c>--log</c>; default <c>{output}/{command}.metrics.jsonl</c>).</summary>
    public string LogFile { get; }

    /// <summary>Where the charts go (<c>--plots</c>; default the output folder).</summary>
    public string PlotsDirectory { get; }

    /// <summary>A metric history whose every point is appended to the run log as it is recorded.</summary>
    public MetricHistory CreateHistory() => (log ??= new RunLog(LogFile)).Attach(new MetricHistory());

    /// <summary>A chart's path (without extension) in the plots folder.</summary>
    public string PlotPath(string fileName)
    {
        Directory.CreateDirectory(PlotsDirectory);
        return Path.Combine(PlotsDirectory, fileName);
    }

    /// <summary>Checkpoints, plots and reports of this run.</summary>
    public string OutputDirectory { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>No live display (tests, redirected output): progress is printed as plain lines now and then.</summary>
    public bool Quiet { get; }

    /// <summary>The repository root (the folder holding NlpSymbolic.sln), searched upwards from the working folder and the program's folder.</summary>
    public static string? RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The data the repository ships: <c>samples/NlpSymbolic.Samples/data</c> (copied beside the program too).</summary>
    public static string ShippedData =>
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "data"))
            ? Path.Combine(AppContext.BaseDirectory, "data")
            : Path.Combine(RepositoryRoot ?? ".", "samples", "NlpSymbolic.Samples", "data");

    /// <summary><c>../shared/data</c> beside the repository, where the course's bigger data sets live (null when absent).</summary>
    public static string? SharedData =>
        RepositoryRoot is { } root && Directory.Exists(Path.Combine(root, "..", "shared", "data"))
            ? Path.GetFullPath(Path.Combine(root, "..", "shared", "data"))
            : null;

    /// <summary>A file in the output folder (made and proven writable before the command ran: <see cref="OutputFolder"/>).</summary>
    public string OutputPath(string fileName)
    {
        Directory.CreateDirectory(OutputDirectory);
        return Path.Combine(OutputDirectory, fileName);
    }

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "NlpSymbolic.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
