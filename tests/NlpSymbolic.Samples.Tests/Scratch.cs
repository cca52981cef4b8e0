using System;
using System.Diagnostics;
using System.IO;

namespace NlpSymbolic.Samples.Tests;

/// <summary>
/// Folders the sample tests write into: all under one root per test process, deleted when the process exits, so a
/// test run leaves nothing behind in the system's temp folder (it used to leave one folder per sample run). The test
/// host is not always given the chance to run exit handlers, so each new process also removes the roots of test
/// processes that are no longer running (the root's name carries its process id).
/// </summary>
internal static class Scratch
{
    private const string RootPrefix = "nlpsym-sample-tests-";

    private static readonly Lazy<string> Root = new(CreateRoot);

    /// <summary>A fresh, empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public static string Folder(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Root.Value, prefix + Guid.NewGuid().ToString("N")[..12])).FullName;

    private static string CreateRoot()
    {
        DeleteRootsOfEndedProcesses();
        var root = Directory.CreateTempSubdirectory($"{RootPrefix}{Environment.ProcessId}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(root);
        return root;
    }

    private static void DeleteRootsOfEndedProcesses()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), RootPrefix + "*"))
        {
            var rest = Path.GetFileName(folder)[RootPrefix.Length..];
            var dash = rest.IndexOf('-');
            if (dash > 0 && int.TryParse(rest[..dash], out var processId) && !IsRunning(processId))
            {
                DeleteQuietly(folder);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void DeleteQuietly(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; an exception while the test host exits is not.
        }
        catch (UnauthorizedAccessException)
        {
            // A test made a file read-only on purpose (unwritable output): leave the folder.
        }
    }
}
