using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// The generator's size limits, read from its source with Roslyn: no file over 400 lines, no class over 800 lines
/// summed over its partial declarations, no method (constructor, local function, accessor) over 80 lines. What is
/// over a limit today is listed in <see cref="StillOversized"/> with its current size: an entry may only shrink, a
/// new one fails, and an entry that is back under the limit must be removed, so the list only gets shorter.
/// </summary>
public sealed class GeneratorSizeTests(ITestOutputHelper output)
{
    private const int FileLimit = 400;
    private const int ClassLimit = 800;
    private const int MethodLimit = 80;

    /// <summary>"file …", "class …" or "method Type.Member" → its size today, in lines.</summary>
    private static readonly Dictionary<string, int> StillOversized = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void NothingNewIsOverTheLimitsAndNothingListedGrew()
    {
        var measured = Measure(Path.Combine(FindRoot(), "generator", "NlpSymbolic.Generator"));
        foreach (var (name, lines) in measured.OrderByDescending(m => m.Value))
        {
            output.WriteLine($"{lines,5}  {name}");
        }

        var problems = new List<string>();
        foreach (var (name, lines) in measured)
        {
            if (StillOversized.TryGetValue(name, out var listed))
            {
                if (lines > listed)
                {
                    problems.Add($"{name} grew to {lines} lines (listed at {listed}; the limit is {LimitOf(name)}).");
                }
            }
            else
            {
                problems.Add($"{name} has {lines} lines, over the limit of {LimitOf(name)}.");
            }
        }

        problems.AddRange(StillOversized.Keys.Where(k => !measured.ContainsKey(k))
            .Select(k => $"{k} is no longer over its limit (or was renamed): remove it from StillOversized."));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TheMeasureFindsAnOversizedMethodClassAndFile()
    {
        var directory = Directory.CreateTempSubdirectory("nlpsym-size-");
        try
        {
            var body = string.Join(Environment.NewLine, Enumerable.Range(0, 85).Select(i => $"        var x{i} = {i};"));
            var method = $"    void Long()\n    {{\n{body}\n    }}\n";
            File.WriteAllText(Path.Combine(directory.FullName, "A.cs"), $"partial class Big\n{{\n{string.Concat(Enumerable.Repeat(method.Replace("Long", "Long1"), 5))}}}\n");
            File.WriteAllText(Path.Combine(directory.FullName, "B.cs"), $"partial class Big\n{{\n{string.Concat(Enumerable.Range(2, 5).Select(i => method.Replace("Long", "Long" + i)))}}}\n");
            var measured = Measure(directory.FullName);
            Assert.Contains("method Big.Long1", measured.Keys);
            Assert.Contains("class Big", measured.Keys);
            Assert.Contains("file A.cs", measured.Keys);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static int LimitOf(string name) =>
        name.StartsWith("file ", StringComparison.Ordinal) ? FileLimit : name.StartsWith("class ", StringComparison.Ordinal) ? ClassLimit : MethodLimit;

    /// <summary>Everything over a limit under <paramref name="root"/> (bin and obj left out), with its size in lines.</summary>
    private static Dictionary<string, int> Measure(string root)
    {
        var over = new Dictionary<string, int>(StringComparer.Ordinal);
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var tree = CSharpSyntaxTree.ParseText(text, path: file);
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var fileLines = tree.GetText().Lines.Count - (text.EndsWith('\n') ? 1 : 0);
            if (fileLines > FileLimit)
            {
                over["file " + relative] = fileLines;
            }

            foreach (var type in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                var name = TypeName(type);
                classes[name] = classes.GetValueOrDefault(name) + Lines(type);
            }

            foreach (var member in tree.GetRoot().DescendantNodes().Where(IsMethodLike))
            {
                var lines = Lines(member);
                if (lines > MethodLimit)
                {
                    over[$"method {TypeName(member.Ancestors().OfType<TypeDeclarationSyntax>().First())}.{MemberName(member)}"] = lines;
                }
            }
        }

        foreach (var (name, lines) in classes.Where(c => c.Value > ClassLimit))
        {
            over["class " + name] = lines;
        }

        return over;
    }

    private static bool IsMethodLike(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax;

    private static int Lines(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
    }

    private static string TypeName(TypeDeclarationSyntax type) =>
        string.Join(".", type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Reverse().Select(t => t.Identifier.ValueText));

    private static string MemberName(SyntaxNode member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText + " (constructor)",
        LocalFunctionStatementSyntax local => local.Identifier.ValueText + " (local function)",
        AccessorDeclarationSyntax accessor => accessor.Keyword.ValueText + " accessor",
        OperatorDeclarationSyntax op => "operator " + op.OperatorToken.ValueText,
        _ => member.Kind().ToString(),
    };

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NlpSymbolic.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (NlpSymbolic.sln) was not found above " + AppContext.BaseDirectory);
    }
}
