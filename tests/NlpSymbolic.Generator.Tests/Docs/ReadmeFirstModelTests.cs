using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Tool;
using Xunit;

namespace NlpSymbolic.Generator.Tests.Docs;

/// <summary>
/// The README's first screen, as a newcomer runs it: its "A first model" Program.cs is compiled as a console program
/// with the generator (the SDK's implicit usings, as <c>dotnet new console</c> has them), run, and must print exactly
/// the output the README shows; <c>nlpsym show</c> on that file must succeed and contain the excerpt the README quotes.
/// </summary>
[Collection(ConsoleOutput.Name)]
public sealed class ReadmeFirstModelTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlpsym-readme-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Section(string heading)
    {
        var readme = DocsFiles.Read("README.md");
        var start = readme.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section '## {heading}'");
        var end = readme.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    private static string Block(string section, string language, int index = 0)
    {
        var blocks = Regex.Matches(section, "```" + language + "\n(.*?)```", RegexOptions.Singleline);
        Assert.True(blocks.Count > index, $"expected a ```{language} block #{index} in the section");
        return blocks[index].Groups[1].Value;
    }

    [Fact]
    public void TheFirstModelCompilesRunsAndPrintsWhatTheReadmeSays()
    {
        var section = Section("A first model");
        var program = Block(section, "csharp");
        var expected = Block(section, "text");

        var compilation = InMemoryCompilation.Create("Program.cs", program);
        var run = GeneratorHarness.Run(compilation);
        Assert.Empty(run.GeneratorDiagnostics);
        var errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        using var stream = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("readme-first-model", isCollectible: true);
        try
        {
            var entry = context.LoadFromStream(stream).EntryPoint!;
            var printed = ConsoleOutput.Capture(() => entry.Invoke(null, entry.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() }));
            Assert.Equal(expected.Replace("\r\n", "\n"), printed.Replace("\r\n", "\n"));
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void NlpsymShowOnTheFirstModelPrintsTheQuotedExcerpt()
    {
        var program = Block(Section("A first model"), "csharp");
        var excerpt = Block(Section("See the generated code"), "csharp");
        var file = Path.Combine(folder, "Program.cs");
        File.WriteAllText(file, program);

        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(new[] { "show", file, "--method", "Score" }, output, error);

        Assert.True(code == ExitCodes.Success, $"exit {code}: {error}");
        Assert.Contains(Normalize(excerpt), Normalize(output.ToString()), StringComparison.Ordinal);
    }

    private static string Normalize(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));
}

/// <summary>Tests that redirect <see cref="Console.Out"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleOutput
{
    public const string Name = "Console output";

    public static string Capture(Action action)
    {
        var previous = Console.Out;
        var culture = CultureInfo.CurrentCulture;
        var writer = new StringWriter();
        Console.SetOut(writer);
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            action();
        }
        finally
        {
            Console.SetOut(previous);
            CultureInfo.CurrentCulture = culture;
        }

        return writer.ToString();
    }
}
