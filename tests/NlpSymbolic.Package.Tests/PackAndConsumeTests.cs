using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NlpSymbolic.Package.Tests;

/// <summary>
/// The install path a user takes: `dotnet pack` the repository into a folder feed, then a fresh project in a
/// temporary folder outside the repository references the package by version (no ProjectReference), writes a
/// [Differentiable] GRU cell, builds, runs and checks the generated gradient against central differences;
/// built again with NlpSymbolicEmitBackwardSources=false, the BackwardSources text is gone.
/// Isolation: a version no earlier run used, and a NUGET_PACKAGES of its own (the machine's package folder only
/// as a read-only fallback for MathNet and friends), so a cached older package is never what gets tested.
/// </summary>
[Collection(DotnetCli.Collection)]
public sealed class PackAndConsumeTests
{
    private readonly ITestOutputHelper output;

    public PackAndConsumeTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void ThePackageFromAFolderFeedGivesAConsumerCorrectGradients()
    {
        var repository = RepositoryRoot();
        var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nlpsym-package-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        try
        {
            var version = "0.0.0-packagetest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Guid.NewGuid().ToString("N")[..8];
            var machinePackages = new DotnetCli(new Dictionary<string, string>()).Run(work, "nuget", "locals", "global-packages", "--list");
            var fallback = machinePackages[(machinePackages.IndexOf(':') + 1)..].Trim();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            void Timed(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");

            // The pack restores the repository's own references from the machine's folder as a contributor's
            // build does (its bin and obj go to the artifacts folder); only the consumer is isolated.
            var feed = Path.Combine(work, "feed");
            new DotnetCli(new Dictionary<string, string>()).Run(repository, "pack", Path.Combine("src", "NlpSymbolic", "NlpSymbolic.csproj"), "-c", "Release", "-o", feed,
                "--artifacts-path", Path.Combine(work, "artifacts"), "-p:Version=" + version, "-nodeReuse:false");
            Timed("packed");
            CheckPackage(Path.Combine(feed, $"NlpSymbolic.{version}.nupkg"), Path.Combine(feed, $"NlpSymbolic.{version}.snupkg"), version);

            var cli = new DotnetCli(new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") });
            WrongFrameworkConsumersGetNuGetsError(cli, work, feed, fallback, version);
            Timed("net8.0 and net9.0 consumers refused");

            var consumer = CreateConsumer(work, feed, fallback, version);
            cli.Run(consumer, "build", "-c", "Release", "-nodeReuse:false");
            Timed("consumer restored and built");
            var run = cli.Run(consumer, "run", "--no-build", "-c", "Release", "--", "with-sources");
            Timed("consumer ran");
            output.WriteLine(run);
            Assert.Contains("BackwardSources: present", run);
            Assert.EndsWith("OK", run.TrimEnd());

            // The generator is a compiler input only: nothing of it reaches the consumer's output.
            var bin = Path.Combine(consumer, "bin", "Release", "net10.0");
            Assert.True(File.Exists(Path.Combine(bin, "NlpSymbolic.dll")));
            Assert.False(File.Exists(Path.Combine(bin, "NlpSymbolic.Generator.dll")));
            Assert.DoesNotContain("NlpSymbolic.Generator", File.ReadAllText(Path.Combine(bin, "Consumer.deps.json")));

            cli.Run(consumer, "build", "-c", "Release", "-nodeReuse:false", "-p:NlpSymbolicEmitBackwardSources=false");
            var optedOut = cli.Run(consumer, "run", "--no-build", "-c", "Release", "--", "without-sources");
            Timed("consumer rebuilt without sources and ran");
            output.WriteLine(optedOut);
            Assert.Contains("BackwardSources: absent", optedOut);
            Assert.EndsWith("OK", optedOut.TrimEnd());
        }
        finally
        {
            TryDelete(work);
        }
    }

    /// <summary>What nuget.org would show: id, version, licence, readme, dependencies, and the files in their folders.</summary>
    private static void CheckPackage(string nupkg, string snupkg, string version)
    {
        Assert.True(File.Exists(snupkg), "no symbol package " + snupkg);
        using (var symbols = ZipFile.OpenRead(snupkg))
        {
            Assert.Contains(symbols.Entries, e => e.FullName == "lib/net10.0/NlpSymbolic.pdb");
        }

        using var package = ZipFile.OpenRead(nupkg);
        var files = package.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
                 {
                     "lib/net10.0/NlpSymbolic.dll", "lib/net10.0/NlpSymbolic.xml", "analyzers/dotnet/cs/NlpSymbolic.Generator.dll", "analyzers/dotnet/cs/NlpSymbolic.CodeFixes.dll",
                     "build/net10.0/NlpSymbolic.props", "buildTransitive/net10.0/NlpSymbolic.props", "README.md", "LICENSE",
                 })
        {
            Assert.Contains(expected, files);
        }

        // Nothing framework-neutral in build/ or buildTransitive/: NuGet would then think the package fits any framework.
        Assert.DoesNotContain(files, f => Regex.IsMatch(f, "^(build|buildTransitive)/[^/]+$"));

        Assert.DoesNotContain(files, f => f.StartsWith("lib/", StringComparison.Ordinal) && f.Contains("Generator", StringComparison.Ordinal));

        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        using var stream = package.GetEntry("NlpSymbolic.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Element(ns + "metadata")!;
        Assert.Equal("NlpSymbolic", metadata.Element(ns + "id")!.Value);
        Assert.Equal(version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.Contains("source-generator", metadata.Element(ns + "tags")!.Value);
        Assert.Equal("git", metadata.Element(ns + "repository")?.Attribute("type")?.Value);
        Assert.Equal("https://github.com/nlpsymbolic/nlpsymbolic", metadata.Element(ns + "repository")?.Attribute("url")?.Value);

        var dependencies = metadata.Descendants(ns + "dependency")
            .Select(d => (Id: d.Attribute("id")!.Value, Version: d.Attribute("version")!.Value))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(new[] { ("MathNet.Numerics", "5.0.0"), ("System.Numerics.Tensors", "10.0.0") }, dependencies);
        Assert.Equal("net10.0", metadata.Descendants(ns + "group").Single().Attribute("targetFramework")!.Value);
    }

    /// <summary>
    /// A user whose project targets an older framework: restore must stop with NuGet's own error NU1202 ("not
    /// compatible with net8.0"), not succeed and leave the user with CS0246 at every use of the package.
    /// </summary>
    private void WrongFrameworkConsumersGetNuGetsError(DotnetCli cli, string work, string feed, string fallback, string version)
    {
        foreach (var framework in new[] { "net8.0", "net9.0" })
        {
            var consumer = CreateConsumer(Path.Combine(work, framework), feed, fallback, version, framework);
            var (exitCode, restored) = cli.Run(consumer, expectSuccess: false, "restore", "-nodeReuse:false");
            output.WriteLine(restored);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("NU1202", restored);
            Assert.Contains(framework, restored);
        }
    }

    /// <summary>
    /// A new console project in <paramref name="work"/>/consumer: its own NuGet.Config (the folder feed added to
    /// the machine's sources; the machine's package folder as a fallback) and empty Directory.Build files so
    /// nothing above the temporary folder leaks in.
    /// </summary>
    private static string CreateConsumer(string work, string feed, string fallback, string version, string framework = "net10.0")
    {
        var consumer = Directory.CreateDirectory(Path.Combine(work, "consumer")).FullName;
        var template = Path.Combine(AppContext.BaseDirectory, "Consumer");
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"),
            File.ReadAllText(Path.Combine(template, "Consumer.csproj.template"))
                .Replace("$VERSION$", version, StringComparison.Ordinal)
                .Replace("<TargetFramework>net10.0</TargetFramework>", $"<TargetFramework>{framework}</TargetFramework>", StringComparison.Ordinal));
        File.Copy(Path.Combine(template, "Gru.cs"), Path.Combine(consumer, "Gru.cs"));
        File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(consumer, "Program.cs"));
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"), "<Project />\n");
        WriteNuGetConfig(consumer, feed, fallback);
        return consumer;
    }

    /// <summary>A NuGet.Config in <paramref name="folder"/>: the folder feed added to the machine's sources, the machine's package folder as a fallback.</summary>
    internal static void WriteNuGetConfig(string folder, string feed, string fallback)
    {
        var fallbackFolders = Directory.Exists(fallback)
            ? $"""
              <fallbackPackageFolders>
                <add key="machine" value="{fallback}" />
              </fallbackPackageFolders>
              """
            : string.Empty;
        File.WriteAllText(Path.Combine(folder, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="nlpsymbolic-test-feed" value="{feed}" />
              </packageSources>
              {fallbackFolders}
            </configuration>
            """);
    }

    internal static string RepositoryRoot([CallerFilePath] string here = "")
    {
        for (var directory = Path.GetDirectoryName(here); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "NlpSymbolic.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("NlpSymbolic.sln not found above " + here);
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not hide the test's own result; the folder is in the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
