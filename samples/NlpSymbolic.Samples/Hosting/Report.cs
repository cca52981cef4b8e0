using Spectre.Console;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>
/// The end of every command: the metric next to the reference figure, the wall time, and where the
/// checkpoint, the curves and the generated backward source were written.
/// </summary>
public sealed record Report(string Command, string Metric, double Value, string Reference, TimeSpan WallTime)
{
    public string? Checkpoint { get; init; }

    public IReadOnlyList<string> Plots { get; init; } = [];

    /// <summary>Generated source files of the command's model (see <see cref="GeneratedSource.Find"/>).</summary>
    public IReadOnlyList<string> GeneratedSources { get; init; } = [];

    public IReadOnlyList<(string Name, string Value)> Details { get; init; } = [];

    /// <summary>The trained parameters' SHA-256 (<see cref="NlpSymbolic.Training.ParameterFingerprint"/>), printed on a line of its own so runs can be compared.</summary>
    public string? Fingerprint { get; init; }

    public void Print(IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn("");
        table.AddRow("command", Markup.Escape(Command));
        table.AddRow(Markup.Escape(Metric), double.IsNaN(Value) ? "—" : $"[bold]{Value:F2}[/]");
        table.AddRow("reference", Markup.Escape(Reference));
        table.AddRow("wall time", $"{WallTime:hh\\:mm\\:ss}");
        foreach (var (name, value) in Details)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        if (Checkpoint is not null)
        {
            table.AddRow("checkpoint", Markup.Escape(Checkpoint));
        }

        foreach (var plot in Plots.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
        {
            table.AddRow("curve", Markup.Escape(plot) + " (and .svg)");
        }

        foreach (var source in GeneratedSources)
        {
            table.AddRow("generated backward", Markup.Escape(source));
        }

        if (Ranks.Current.Size > 1)
        {
            table.AddRow("processes", $"{Ranks.Current.Size} MPI ranks × {Ranks.Workers} workers");
        }

        console.Write(table);
        if (Fingerprint is not null)
        {
            console.WriteLine($"weights sha256 {Fingerprint}"); // one line of under 80 characters, to compare runs
        }
    }
}

/// <summary>Where the generator wrote a model's backward (the project sets EmitCompilerGeneratedFiles).</summary>
public static class GeneratedSource
{
    /// <summary>The generated files whose names contain <paramref name="typeName"/> (e.g. "WindowTagger"), or a hint where to look.</summary>
    public static IReadOnlyList<string> Find(string typeName)
    {
        var folder = Path.Combine(SampleContext.RepositoryRoot ?? ".", "samples", "NlpSymbolic.Samples", "Generated");
        if (!Directory.Exists(folder))
        {
            return [$"{folder} (after a build)"];
        }

        var files = Directory.EnumerateFiles(folder, "*.g.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Contains("." + typeName + ".", StringComparison.Ordinal))
            // The BackwardSources file repeats the same text as string constants: list the code itself.
            .Where(f => !f.EndsWith(".BackwardSources.g.cs", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(SampleContext.RepositoryRoot ?? ".", f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : [$"{folder} (no file for {typeName} yet: build the samples)"];
    }
}
