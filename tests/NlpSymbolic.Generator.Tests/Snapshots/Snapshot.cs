using System;
using System.Collections.Immutable;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// A small in-repo equivalent of Verify.SourceGenerators (see Snapshots/README.md). Each text is compared
/// with a committed <c>&lt;TestClass&gt;.&lt;TestName&gt;[#&lt;name&gt;].verified.&lt;ext&gt;</c> next to the
/// test's source file, after normalising line endings to <c>\n</c> and trimming trailing whitespace. A
/// mismatch writes <c>….received.&lt;ext&gt;</c> beside it and fails with a unified diff; a match deletes any
/// stale <c>.received</c> file. With <c>NLPSYM_ACCEPT_SNAPSHOTS=1</c> a mismatch overwrites the
/// <c>.verified</c> file instead and passes.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "NLPSYM_ACCEPT_SNAPSHOTS";

    /// <summary>Whether this test run rewrites mismatching snapshots (never set in CI).</summary>
    public static bool AcceptMode => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>
    /// Every file the generator produced, one snapshot each, named and headed like Verify.SourceGenerators:
    /// <c>&lt;TestClass&gt;.&lt;TestName&gt;#&lt;hint name without .cs&gt;.verified.cs</c>, whose first line is
    /// <c>//HintName: &lt;hint name&gt;</c>. A verified file of this test whose hint name was not generated any
    /// more also fails (accept mode deletes it).
    /// </summary>
    public static void VerifyGenerated(GeneratorRun run, [CallerFilePath] string file = "", [CallerMemberName] string test = "") =>
        VerifyGenerated(run, AcceptMode, file, test);

    /// <summary>
    /// Only the generated files whose hint name contains <paramref name="hintContains"/> (Verify's
    /// IgnoreGeneratedResult): a model that calls another is snapshotted without the callee, which has its own.
    /// </summary>
    public static void VerifyGeneratedFiles(GeneratorRun run, string hintContains, [CallerFilePath] string file = "", [CallerMemberName] string test = "") =>
        VerifyGenerated(run, AcceptMode, file, test, hint => hint.Contains(hintContains, StringComparison.Ordinal));

    /// <summary>One text snapshot: <c>&lt;TestClass&gt;.&lt;TestName&gt;[#name].verified.&lt;extension&gt;</c>.</summary>
    public static void VerifyText(string? name, string text, string extension = "txt", [CallerFilePath] string file = "", [CallerMemberName] string test = "") =>
        VerifyText(name, text, extension, AcceptMode, file, test);

    internal static void VerifyGenerated(GeneratorRun run, bool accept, string file, string test, Func<string, bool>? include = null)
    {
        var sources = run.GeneratedSources.Where(s => include is null || include(s.HintName)).ToImmutableArray();
        if (sources.IsEmpty)
        {
            throw new XunitException("The generator produced no file to snapshot.\n" + run.Describe());
        }

        var location = Locate(file, test);
        var targets = sources
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => (Name: FileNameOf(s.HintName), Text: "//HintName: " + s.HintName + "\n" + s.SourceText, Extension: "cs"))
            .ToList();
        var failures = targets.Select(t => Compare(location, t.Name, t.Text, t.Extension, accept)).OfType<string>().ToList();

        // Verified files of this test that no generated file matches any more (a renamed method, a changed hint name).
        var expected = new HashSet<string>(targets.Select(t => location.VerifiedPath(t.Name, t.Extension)), StringComparer.Ordinal);
        var orphans = Directory.EnumerateFiles(location.Directory, location.Prefix + "#*.verified.cs")
            .Where(path => !expected.Contains(path))
            .OrderBy(path => path, StringComparer.Ordinal);
        foreach (var orphan in orphans)
        {
            if (accept)
            {
                File.Delete(orphan);
            }
            else
            {
                failures.Add($"Snapshot {Path.GetFileName(orphan)} has no generated file any more (generated: "
                    + string.Join(", ", sources.Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal))
                    + $"). Delete it, or run with {AcceptVariable}=1.");
            }
        }

        Fail(failures);
    }

    internal static void VerifyText(string? name, string text, string extension, bool accept, string file, string test)
    {
        var failure = Compare(Locate(file, test), string.IsNullOrEmpty(name) ? null : name, text, extension, accept);
        Fail(failure is null ? new List<string>() : new List<string> { failure });
    }

    /// <summary>Line endings <c>\n</c>, no trailing whitespace on a line, no trailing blank lines, one final newline.</summary>
    public static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
            .Select(line => line.TrimEnd())
            .ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines.Count == 0 ? string.Empty : string.Join("\n", lines) + "\n";
    }

    /// <summary>Verify's rule: the hint name's <c>.cs</c> becomes <c>.verified.cs</c> (<c>A.g.cs</c> → <c>#A.g.verified.cs</c>).</summary>
    public static string FileNameOf(string hintName) =>
        hintName.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? hintName[..^3] : hintName;

    internal readonly record struct SnapshotLocation(string Directory, string Prefix)
    {
        private string BaseName(string? name) => name is null ? Prefix : Prefix + "#" + name;

        public string VerifiedPath(string? name, string extension) => Path.Combine(Directory, BaseName(name) + ".verified." + extension);

        public string ReceivedPath(string? name, string extension) => Path.Combine(Directory, BaseName(name) + ".received." + extension);
    }

    /// <summary>The test source's folder and <c>&lt;TestClass&gt;.&lt;TestName&gt;</c>, the class named by the file (one class per file).</summary>
    internal static SnapshotLocation Locate(string file, string test)
    {
        if (string.IsNullOrEmpty(file) || string.IsNullOrEmpty(test))
        {
            throw new ArgumentException("Call this from a test method: the caller's file and name locate the snapshot.");
        }

        var directory = Path.GetDirectoryName(file);
        if (directory is null || !System.IO.Directory.Exists(directory))
        {
            throw new XunitException(
                $"The test's source folder '{directory}' (from [CallerFilePath]) does not exist on this machine; snapshots "
                + "are kept next to the test source, so run the tests from the source tree they were built from.");
        }

        return new SnapshotLocation(directory, Path.GetFileNameWithoutExtension(file) + "." + test);
    }

    /// <summary>Null when the snapshot matches (or was accepted), else a failure message with the diff.</summary>
    private static string? Compare(SnapshotLocation location, string? name, string text, string extension, bool accept)
    {
        var verifiedPath = location.VerifiedPath(name, extension);
        var receivedPath = location.ReceivedPath(name, extension);
        var received = Normalize(text);
        var exists = File.Exists(verifiedPath);
        var verified = exists ? Normalize(File.ReadAllText(verifiedPath, Encoding.UTF8)) : null;

        if (verified == received || accept)
        {
            if (verified != received)
            {
                Write(verifiedPath, received);
            }

            if (File.Exists(receivedPath))
            {
                File.Delete(receivedPath);
            }

            return null;
        }

        Write(receivedPath, received);
        var fileName = Path.GetFileName(verifiedPath);
        var how = $"Accept with {AcceptVariable}=1 (or move the .received file over the .verified one) if the new text is right.";
        if (!exists)
        {
            return $"No verified snapshot {fileName} yet.\n  received: {receivedPath}\n  {how}\n"
                + Truncate(UnifiedDiff.Of(string.Empty, received, "/dev/null", Path.GetFileName(receivedPath)), 40);
        }

        return $"Snapshot {fileName} differs.\n  verified: {verifiedPath}\n  received: {receivedPath}\n  {how}\n"
            + Truncate(UnifiedDiff.Of(verified!, received, fileName, Path.GetFileName(receivedPath)), 400);
    }

    private static void Write(string path, string text) => File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    private static string Truncate(string diff, int maxLines)
    {
        var lines = UnifiedDiff.Split(diff);
        return lines.Count <= maxLines
            ? diff
            : string.Join("\n", lines.Take(maxLines)) + $"\n… {lines.Count - maxLines} more diff lines; see the .received file.\n";
    }

    private static void Fail(List<string> failures)
    {
        if (failures.Count > 0)
        {
            throw new XunitException(string.Join("\n", failures));
        }
    }
}
