using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NlpSymbolic.Package.Tests;

/// <summary>
/// The other install path: `dotnet pack` the nlpsym tool into a folder feed, `dotnet tool install` it into a
/// tool path from that feed (isolated NUGET_PACKAGES, a version no earlier run used), and run
/// `nlpsym show` on the consumer's GRU cell: the installed tool prints the generated CellBackward and exits 0.
/// </summary>
[Collection(DotnetCli.Collection)]
public sealed class ToolInstallTests
{
    private readonly ITestOutputHelper output;

    public ToolInstallTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void TheInstalledToolShowsTheGeneratedBackwardOfAFile()
    {
        var repository = PackAndConsumeTests.RepositoryRoot();
        var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nlpsym-tool-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        try
        {
            var version = "0.0.0-tooltest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Guid.NewGuid().ToString("N")[..8];
            var machinePackages = new DotnetCli(new Dictionary<string, string>()).Run(work, "nuget", "locals", "global-packages", "--list");
            var fallback = machinePackages[(machinePackages.IndexOf(':') + 1)..].Trim();

            var feed = Path.Combine(work, "feed");
            new DotnetCli(new Dictionary<string, string>()).Run(repository, "pack", Path.Combine("src", "NlpSymbolic.Tool", "NlpSymbolic.Tool.csproj"), "-c", "Release", "-o", feed,
                "--artifacts-path", Path.Combine(work, "artifacts"), "-p:Version=" + version, "-nodeReuse:false");
            var nupkg = Path.Combine(feed, $"NlpSymbolic.Tool.{version}.nupkg");
            Assert.True(File.Exists(nupkg), "no tool package in " + feed);
            using (var package = System.IO.Compression.ZipFile.OpenRead(nupkg))
            {
                // nuget.org shows the README; without one, pack warns "missing a readme".
                Assert.Contains(package.Entries, e => e.FullName == "README.md");
                Assert.Contains(package.Entries, e => e.FullName == "LICENSE");
                using var nuspec = package.GetEntry("NlpSymbolic.Tool.nuspec")!.Open();
                Assert.Contains("<readme>README.md</readme>", new StreamReader(nuspec).ReadToEnd());
            }


            // The install reads the NuGet.Config of its working folder: the feed beside the machine's sources.
            PackAndConsumeTests.WriteNuGetConfig(work, feed, fallback);
            var cli = new DotnetCli(new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") });
            var tools = Path.Combine(work, "tools");
            output.WriteLine(cli.Run(work, "tool", "install", "NlpSymbolic.Tool", "--version", version, "--tool-path", tools));

            // The apphost `tools/nlpsym` would need DOTNET_ROOT on some machines; the same dll through this dotnet does not.
            var dll = Directory.EnumerateFiles(Path.Combine(tools, ".store"), "nlpsym.dll", SearchOption.AllDirectories).Single();
            Assert.True(File.Exists(Path.Combine(tools, OperatingSystem.IsWindows() ? "nlpsym.exe" : "nlpsym")), "no nlpsym command in " + tools);
            var file = Path.Combine(AppContext.BaseDirectory, "Consumer", "Gru.cs");
            var (exitCode, shown) = cli.Run(work, expectSuccess: false, dll, "show", file);
            output.WriteLine(shown);
            Assert.Equal(0, exitCode);
            Assert.Contains("CellBackward(", shown);
            Assert.Contains("//HintName:", shown);
        }
        finally
        {
            PackAndConsumeTests.TryDelete(work);
        }
    }
}
