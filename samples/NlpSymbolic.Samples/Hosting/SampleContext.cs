using Spectre.Console;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>
/// What every command shares: where the repository and the data are, where outputs go, the console, and
/// Ctrl+C (which cancels <see cref="Cancellation"/>; the trainer then saves a checkpoint and stops cleanly).
/// </summary>
public sealed class SampleContext
{
    public SampleContext(IAnsiConsole console, string outputDirectory, CancellationToken cancellation, bool quiet = false)
    {
        Console = console;
        OutputDirectory = Path.GetFullPath(outputDirectory);
        Cancellation = cancellation;
        Quiet = quiet;
    }

    public IAnsiConsole Console { get; }

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
