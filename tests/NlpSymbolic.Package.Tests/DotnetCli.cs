using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using Xunit.Sdk;

namespace NlpSymbolic.Package.Tests;

/// <summary>
/// Runs the .NET CLI as a user's shell would: the same dotnet as this test, none of the MSBuild variables the
/// test host inherited from `dotnet test`, and the given extra environment (an isolated NUGET_PACKAGES).
/// </summary>
internal sealed class DotnetCli
{
    /// <summary>
    /// The tests that run the CLI share one xUnit collection, so they run one after another: two packs restoring
    /// the same projects at once can fail NuGet's restore without an error message (seen once).
    /// </summary>
    public const string Collection = "dotnet CLI";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly IReadOnlyDictionary<string, string> environment;

    public DotnetCli(IReadOnlyDictionary<string, string> environment) => this.environment = environment;

    /// <summary>The dotnet executable running this test (testhost runs as <c>dotnet testhost.dll</c>), else the one on PATH.</summary>
    public static string Executable
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            var self = Environment.ProcessPath;
            return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        }
    }

    /// <summary>Runs <c>dotnet arguments…</c> in <paramref name="directory"/>; its output, or a failure with all of it.</summary>
    public string Run(string directory, params string[] arguments) => Run(directory, expectSuccess: true, arguments).Output;

    public (int ExitCode, string Output) Run(string directory, bool expectSuccess, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` hands its MSBuild location to the test host; a child CLI must find its own.
        foreach (var name in new List<string>(EnvironmentNames(start)))
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"dotnet {string.Join(' ', arguments)} did not finish in {Timeout.TotalMinutes} minutes:\n{output}");
        }

        process.WaitForExit();
        var text = output.ToString();
        if (expectSuccess && process.ExitCode != 0)
        {
            throw new XunitException($"dotnet {string.Join(' ', arguments)} (in {directory}) exited with {process.ExitCode}:\n{text}");
        }

        return (process.ExitCode, text);
    }

    private static IEnumerable<string> EnvironmentNames(ProcessStartInfo start)
    {
        foreach (var name in start.Environment.Keys)
        {
            yield return name;
        }
    }
}
