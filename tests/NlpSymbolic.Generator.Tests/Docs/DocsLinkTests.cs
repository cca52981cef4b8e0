using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NlpSymbolic.Generator.Tests.Docs;

/// <summary>The user-facing Markdown files of the repository.</summary>
internal static class DocsFiles
{
    public static readonly string Root = FindRoot();

    /// <summary>README.md, CONTRIBUTING.md, docs/*.md and the samples' READMEs, as paths relative to the root.</summary>
    public static IEnumerable<string> All()
    {
        yield return "README.md";
        yield return "CONTRIBUTING.md";
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md")
                     .Concat(Directory.EnumerateFiles(Path.Combine(Root, "samples"), "README.md", SearchOption.AllDirectories))
                     .Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar)
                              && !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                     .OrderBy(p => p, StringComparer.Ordinal))
        {
            yield return Path.GetRelativePath(Root, path).Replace('\\', '/');
        }
    }

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative)).Replace("\r\n", "\n");

    /// <summary>GitHub's anchors of a Markdown file's headings (lower case, punctuation dropped, spaces to '-', repeats numbered).</summary>
    public static HashSet<string> Anchors(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }

            var heading = Regex.Match(line, "^#{1,6} (.*)$");
            if (inCode || !heading.Success)
            {
                continue;
            }

            var slug = Regex.Replace(heading.Groups[1].Value.Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\- _]", "").Replace(' ', '-');
            var count = seen.TryGetValue(slug, out var n) ? n : 0;
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : slug + "-" + count);
        }

        return anchors;
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

/// <summary>
/// Every relative link of the user-facing Markdown resolves (the file exists, and so does the heading an anchor names),
/// the README stays short, and the docs speak to users: nothing outside the repository, no issue numbers.
/// </summary>
public sealed class DocsLinkTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in DocsFiles.All())
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryRelativeLinkResolves(string file)
    {
        var text = DocsFiles.Read(file);
        var broken = new List<string>();
        foreach (Match link in Regex.Matches(Regex.Replace(text, "```.*?```", "", RegexOptions.Singleline), @"\]\(([^)\s]+)\)"))
        {
            var target = link.Groups[1].Value;
            if (Regex.IsMatch(target, "^[a-z]+:", RegexOptions.IgnoreCase))
            {
                continue;   // https:, mailto:
            }

            var hash = target.IndexOf('#');
            var path = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var resolved = path.Length == 0 ? file : Path.GetRelativePath(DocsFiles.Root, Path.GetFullPath(Path.Combine(DocsFiles.Root, Path.GetDirectoryName(file)!, path))).Replace('\\', '/');
            var full = Path.Combine(DocsFiles.Root, resolved);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                broken.Add($"{target}: no file {resolved}");
            }
            else if (anchor is not null && (!resolved.EndsWith(".md", StringComparison.Ordinal) || !DocsFiles.Anchors(DocsFiles.Read(resolved)).Contains(anchor)))
            {
                broken.Add($"{target}: no heading #{anchor} in {resolved}");
            }
        }

        Assert.True(broken.Count == 0, $"{file}:\n" + string.Join("\n", broken));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void NothingOutsideTheRepositoryNoIssueNumbers(string file)
    {
        var text = DocsFiles.Read(file);
        // The samples' READMEs may name the folder their commands look in by default; users' pages may not.
        var outside = file.StartsWith("samples/", StringComparison.Ordinal) ? Array.Empty<string>() : new[] { @"\.\./shared" };
        var words = outside.Concat(new[] { @"\bissue \d+", @"\bissues? #?\d+", @"\bthe lecture\b", @"\blecture's\b", @"(?<![/(])\bmodels\.md\b" });
        var found = words.SelectMany(w => Regex.Matches(text, w, RegexOptions.IgnoreCase).Select(m => m.Value)).ToList();
        Assert.True(found.Count == 0, $"{file} mentions: " + string.Join(", ", found));
    }

    [Fact]
    public void TheReadmeIsAtMost250LinesAndKeepsTheTestCommand()
    {
        var readme = DocsFiles.Read("README.md");
        Assert.True(readme.Split('\n').Length <= 251, $"README.md has {readme.Split('\n').Length} lines");
        Assert.Contains("dotnet test NlpSymbolic.sln", readme, StringComparison.Ordinal);
    }
}
