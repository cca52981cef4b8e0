using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// The NLPSYM202 warning can be silenced as any compiler warning, in a real <c>dotnet build</c> (the compiler applies
/// pragmas and .editorconfig severities; an in-memory driver run does not): <c>#pragma warning disable NLPSYM202</c>
/// around the method, <c>dotnet_diagnostic.NLPSYM202.severity = none</c> for a file in .editorconfig, and the severity
/// raised to error. A file with neither still gets the warning, so the test can fail.
/// </summary>
public sealed class SuppressionTests : IDisposable
{
    private readonly ITestOutputHelper output;
    private readonly string folder = Directory.CreateTempSubdirectory("nlpsym-suppress-").FullName;

    public SuppressionTests(ITestOutputHelper output) => this.output = output;

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Model(string type, string before = "", string after = "") => $$"""
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;

        public static partial class {{type}}
        {
        {{before}}
            [Differentiable]
            public static double Loss(Vector<double> w, Vector<double> x, double threshold) => threshold > 0 ? w * x : 0.0;
        {{after}}
        }
        """;

    [Fact]
    public void PragmaAndEditorconfigSilenceOrRaiseNlpsym202InARealBuild()
    {
        var references = new[]
        {
            typeof(NlpSymbolic.Workspace).Assembly.Location,
            typeof(MathNet.Numerics.LinearAlgebra.Vector<double>).Assembly.Location,
        };
        File.WriteAllText(Path.Combine(folder, "Suppress.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                {{string.Join("\n    ", references.Select(r => $"<Reference Include=\"{Path.GetFileNameWithoutExtension(r)}\" HintPath=\"{r}\" />"))}}
                <Analyzer Include="{{typeof(DifferentiableGenerator).Assembly.Location}}" />
              </ItemGroup>
            </Project>
            """);
        foreach (var empty in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(folder, empty), "<Project />\n");
        }

        File.WriteAllText(Path.Combine(folder, ".editorconfig"), """
            root = true

            [Configured.cs]
            dotnet_diagnostic.NLPSYM202.severity = none

            [Raised.cs]
            dotnet_diagnostic.NLPSYM202.severity = error
            """);
        File.WriteAllText(Path.Combine(folder, "Plain.cs"), Model("Plain"));
        File.WriteAllText(Path.Combine(folder, "Pragma.cs"), Model("Pragma", "#pragma warning disable NLPSYM202", "#pragma warning restore NLPSYM202"));
        File.WriteAllText(Path.Combine(folder, "Configured.cs"), Model("Configured"));
        File.WriteAllText(Path.Combine(folder, "Raised.cs"), Model("Raised"));

        var (exitCode, text) = Dotnet(folder, "build", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        output.WriteLine(text);
        var reported = text.Split('\n').Where(l => l.Contains("NLPSYM202", StringComparison.Ordinal)).ToList();

        Assert.Contains(reported, l => l.Contains("Plain.cs", StringComparison.Ordinal) && l.Contains("warning NLPSYM202", StringComparison.Ordinal));
        Assert.Contains(reported, l => l.Contains("Raised.cs", StringComparison.Ordinal) && l.Contains("error NLPSYM202", StringComparison.Ordinal));
        Assert.DoesNotContain(reported, l => l.Contains("Pragma.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(reported, l => l.Contains("Configured.cs", StringComparison.Ordinal));
        Assert.NotEqual(0, exitCode);   // the raised one is an error
    }

    private static (int ExitCode, string Output) Dotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
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

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build did not finish in 5 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
