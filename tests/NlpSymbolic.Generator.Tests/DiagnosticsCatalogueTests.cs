using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Diagnostics;
using Xunit;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// docs/diagnostics.md, its summary table and the descriptors must tell the same story: one section per id
/// with the descriptor's title and severity, a help link to that section, and an example that really
/// produces the id.
/// </summary>
public class DiagnosticsCatalogueTests
{
    private static readonly string[] Retired = { "NLPSYM105", "NLPSYM106" };

    private static readonly string Root = FindRoot();

    private static readonly string Catalogue = File.ReadAllText(Path.Combine(Root, "docs", "diagnostics.md"));

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachIdHasOneSectionWithItsTitleAndSeverity(string id)
    {
        var descriptor = DiagnosticDescriptors.ById(id);
        var sections = Sections().Where(s => s.Id == id).ToList();
        Assert.Single(sections);
        var severity = descriptor.DefaultSeverity == DiagnosticSeverity.Warning ? "Warning" : "Error";
        Assert.Contains($"**{descriptor.Title}** — severity: {severity}", sections[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachHelpLinkPointsAtItsSection(string id)
    {
        var descriptor = DiagnosticDescriptors.ById(id);
        Assert.Equal(DiagnosticDescriptors.HelpBase + "#" + id.ToLowerInvariant(), descriptor.HelpLinkUri);
        Assert.Contains("\n## " + id + "\n", Catalogue, StringComparison.Ordinal);
    }

    [Fact]
    public void EverySectionIsADescriptor()
    {
        var known = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet();
        var unknown = Sections().Select(s => s.Id).Where(id => !known.Contains(id)).ToList();
        Assert.Empty(unknown);
        foreach (var retired in Retired)
        {
            Assert.DoesNotContain(retired, known);
            Assert.Contains(retired, Catalogue, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachExampleProducesItsId(string id)
    {
        if (id == GeneratorHarness.InternalErrorId)
        {
            return;
        }

        var section = Sections().Single(s => s.Id == id);
        var example = Regex.Match(section.Text, "```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(example.Success, $"{id} has no C# example.");
        var run = GeneratorHarness.Run(example.Groups[1].Value);
        Assert.True(run.GeneratorDiagnostics.Any(d => d.Id == id), $"The example of {id} does not produce it:\n{run.Describe()}");
    }

    /// <summary>A section's second C# block is the fixed example: it must generate without any error.</summary>
    [Theory]
    [MemberData(nameof(Ids))]
    public void EachFixedExampleGeneratesCleanly(string id)
    {
        var section = Sections().Single(s => s.Id == id);
        var blocks = Regex.Matches(section.Text, "```csharp\n(.*?)```", RegexOptions.Singleline);
        if (blocks.Count < 2)
        {
            return;
        }

        var run = GeneratorHarness.Run(blocks[1].Groups[1].Value);
        Assert.False(run.GeneratorReportedError, $"The fixed example of {id} still has errors:\n{run.Describe()}");
        Assert.NotEmpty(run.GeneratedSources);
        run.AssertCompiles();
    }

    [Fact]
    public void TheSummaryTableListsTheSameIds()
    {
        var readme = Catalogue;   // the table at the top of docs/diagnostics.md
        var listed = Regex.Matches(readme, @"^\| (NLPSYM\d{3}) \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal), listed.OrderBy(i => i, StringComparer.Ordinal));
    }

    private static IEnumerable<(string Id, string Text)> Sections()
    {
        var parts = Regex.Split(Catalogue, @"^## ", RegexOptions.Multiline).Skip(1);
        foreach (var part in parts)
        {
            var newline = part.IndexOf('\n');
            yield return (part.Substring(0, newline).Trim(), part);
        }
    }

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
