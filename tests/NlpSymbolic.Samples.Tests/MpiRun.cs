using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary>
/// Runs the samples program as child processes: alone, or under MPICH's <c>mpiexec</c> on this machine.
/// </summary>
internal static class MpiRun
{
    /// <summary>The command that installs what these tests need.</summary>
    public const string Install = "apt-get install -y mpich";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>MPICH's launcher: <c>mpiexec.mpich</c> (Debian, beside Open MPI) or a plain <c>mpiexec</c> that is MPICH's hydra.</summary>
    public static string? Launcher { get; } = FindLauncher();

    /// <summary>Null when the tests can run; otherwise why not.</summary>
    public static string? WhyUnavailable { get; } =
        Launcher is null ? $"MPICH's mpiexec not found (install it: {Install})"
        : !MpiCommunicator.LibraryAvailable ? $"libmpich.so.12 not found (install it: {Install})"
        : null;

    private static string Program => Path.Combine(AppContext.BaseDirectory, "nlpsym-samples.dll");

    /// <summary>The samples program in one process.</summary>
    public static (int ExitCode, string Output, string Error) Alone(params string[] args) =>
        Start("dotnet", [Program, .. args]);

    /// <summary>The samples program as <paramref name="ranks"/> MPI ranks on this machine.</summary>
    public static (int ExitCode, string Output, string Error) Ranks(int ranks, params string[] args) =>
        Start(Launcher!, ["-n", ranks.ToString(), "dotnet", Program, .. args]);

    /// <summary>Two ranks with their own arguments (MPMD: <c>mpiexec -n 1 a : -n 1 b</c>).</summary>
    public static (int ExitCode, string Output, string Error) TwoRanks(string[] rank0, string[] rank1) =>
        Start(Launcher!, ["-n", "1", "dotnet", Program, .. rank0, ":", "-n", "1", "dotnet", Program, .. rank1]);

    /// <summary>The <c>weights sha256</c> line of a run's report.</summary>
    public static string Fingerprint((int ExitCode, string Output, string Error) run)
    {
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        var match = Regex.Match(run.Output, "weights sha256 ([0-9a-f]{64})");
        Assert.True(match.Success, run.Output);
        return match.Groups[1].Value;
    }

    private static (int, string, string) Start(string file, string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A child started from a test host must not think it is itself a rank of some outer run.
        foreach (var name in new[] { "PMI_RANK", "PMI_SIZE", "PMI_FD", "MPI_LOCALNRANKS", "MPI_LOCALRANKID" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} ran longer than {Limit}.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string? FindLauncher()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "mpiexec.mpich", "mpiexec.hydra" })
        {
            var found = path.Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }
}

/// <summary>A fact skipped, with the install command, when MPICH is not installed.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (MpiRun.WhyUnavailable is string reason)
        {
            Skip = $"MPI tests skipped: {reason}.";
        }
    }
}
