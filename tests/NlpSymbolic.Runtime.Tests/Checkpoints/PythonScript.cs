using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>Runs the standard-library-only <c>safetensors_interop.py</c> that sits beside this file.</summary>
internal static class PythonScript
{
    private static readonly Lazy<string?> Unavailable = new(FindReason);

    /// <summary>Why the interop tests cannot run here, or null when python3 and the script are both present.</summary>
    internal static string? WhyUnavailable => Unavailable.Value;

    internal static string Path { get; } = System.IO.Path.Combine(SourceFolder(), "safetensors_interop.py");

    /// <summary>Runs the script with <paramref name="arguments"/>, feeding <paramref name="stdin"/>; returns stdout or fails the test with stderr.</summary>
    internal static string Run(string stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "python3 did not finish within a minute");
        Assert.True(process.ExitCode == 0, $"python3 {string.Join(' ', arguments)} failed:\n{stderr}");
        return stdout.Result;
    }

    private static string? FindReason()
    {
        if (!File.Exists(Path))
        {
            return $"the interop script is not at {Path} (tests built elsewhere than they run?)";
        }

        try
        {
            using Process? process = Process.Start(new ProcessStartInfo("python3", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            return process is not null && process.WaitForExit(10_000) && process.ExitCode == 0 ? null : "python3 did not run";
        }
        catch (Win32Exception)
        {
            return "python3 is not installed";
        }
    }

    // The script is found from the source tree rather than copied to the output (which would need a
    // project-file change); a build moved to another machine skips these tests instead of failing.
    private static string SourceFolder([CallerFilePath] string thisFile = "") => System.IO.Path.GetDirectoryName(thisFile) ?? "";
}

/// <summary>A fact that is skipped, with the reason, when python3 or the interop script is missing.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the interop script cannot run.</summary>
    public PythonFactAttribute()
    {
        if (PythonScript.WhyUnavailable is string reason)
        {
            Skip = $"Python interop skipped: {reason}.";
        }
    }
}
