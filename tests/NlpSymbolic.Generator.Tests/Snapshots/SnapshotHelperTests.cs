using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>The snapshot helper itself: the diff, normalisation, .received/.verified handling and accept mode, in a temporary folder.</summary>
public sealed class SnapshotHelperTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("nlpsym-snapshots-").FullName;

    /// <summary>A test source "file" in the temporary folder: snapshots land beside it.</summary>
    private string CallerFile => Path.Combine(directory, "FakeTests.cs");

    private string PathOf(string fileName) => Path.Combine(directory, fileName);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // ---------------------------------------------------------------- diff

    [Fact]
    public void EqualTextsHaveNoDiff() => Assert.Equal(string.Empty, UnifiedDiff.Of("a\nb\n", "a\nb\n", "old", "new"));

    [Fact]
    public void UnifiedDiffHasHeaderHunksAndThreeLinesOfContext()
    {
        var old = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
        var changed = old.Replace("line 5\n", "line five\n").Replace("line 17\n", string.Empty) + "line 21\n";

        var diff = UnifiedDiff.Of(old, changed, "X.verified.cs", "X.received.cs");

        Assert.Equal(
            """
            --- X.verified.cs
            +++ X.received.cs
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8
            @@ -14,7 +14,7 @@
             line 14
             line 15
             line 16
            -line 17
             line 18
             line 19
             line 20
            +line 21

            """.Replace("\r\n", "\n"),
            diff);
    }

    /// <summary>DiffPlex numbers the empty side of a hunk from 1 (GNU diff writes <c>-0,0</c>).</summary>
    [Fact]
    public void DiffAgainstNothingIsAllInsertions()
    {
        var diff = UnifiedDiff.Of(string.Empty, "a\nb\n", "/dev/null", "new");
        Assert.Equal("--- /dev/null\n+++ new\n@@ -1,0 +1,2 @@\n+a\n+b\n", diff);
    }

    /// <summary>Indentation is part of generated code: DiffPlex's default comparison would ignore it.</summary>
    [Fact]
    public void AnIndentationChangeIsAChangedLine()
    {
        var diff = UnifiedDiff.Of("{\n    x;\n}\n", "{\n        x;\n}\n", "old", "new");
        Assert.Equal("--- old\n+++ new\n@@ -1,3 +1,3 @@\n {\n-    x;\n+        x;\n }\n", diff);
    }

    /// <summary>
    /// The diff names exactly the changed lines at the right line numbers: applying its hunks to the old text gives
    /// the new one, and it marks no more lines - or + than the edit needs (exactly n + m − 2·LCS of them).
    /// The lines differ only in leading spaces too, so a comparison that ignored whitespace would fail here.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ApplyingTheDiffToTheOldTextGivesTheNewOne(int seed)
    {
        var random = new Random(seed);
        string[] alphabet = { "a", "b", "  a", "c" };
        for (var round = 0; round < 200; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            var b = Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            var oldText = string.Concat(a.Select(l => l + "\n"));
            var newText = string.Concat(b.Select(l => l + "\n"));

            var diff = UnifiedDiff.Of(oldText, newText, "old", "new");

            Assert.Equal(a.SequenceEqual(b), diff.Length == 0);
            Assert.Equal(b, Apply(a, diff));
            var changed = UnifiedDiff.Split(diff).Skip(2).Count(l => l[0] is '-' or '+');
            Assert.Equal(a.Length + b.Length - 2 * Lcs(a, b), changed);
        }
    }

    /// <summary>Applies a unified diff's hunks to <paramref name="old"/>, checking each context and removed line against it.</summary>
    private static string[] Apply(string[] old, string diff)
    {
        var result = new List<string>();
        var next = 0; // the first line of old not yet copied
        var lines = UnifiedDiff.Split(diff);
        for (var i = 2; i < lines.Count; i++)
        {
            var header = System.Text.RegularExpressions.Regex.Match(lines[i], @"^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$");
            Assert.True(header.Success, $"expected a hunk header, got '{lines[i]}'");
            int oldStart = int.Parse(header.Groups[1].Value), oldCount = int.Parse(header.Groups[2].Value);
            int newStart = int.Parse(header.Groups[3].Value), newCount = int.Parse(header.Groups[4].Value);

            // With 3 lines of context a hunk has no old line only when the old text is empty (then DiffPlex says -1,0).
            var at = oldCount == 0 ? 0 : oldStart - 1;
            Assert.True(oldCount > 0 || old.Length == 0, $"a hunk without context in a text of {old.Length} lines");
            result.AddRange(old[next..at]);
            Assert.Equal(result.Count + 1, newStart);
            next = at;
            int seenOld = 0, seenNew = 0;
            while (i + 1 < lines.Count && !lines[i + 1].StartsWith("@@", StringComparison.Ordinal))
            {
                var line = lines[++i];
                var text = line[1..];
                switch (line[0])
                {
                    case ' ':
                        Assert.Equal(old[next++], text);
                        result.Add(text);
                        seenOld++;
                        seenNew++;
                        break;
                    case '-':
                        Assert.Equal(old[next++], text);
                        seenOld++;
                        break;
                    case '+':
                        result.Add(text);
                        seenNew++;
                        break;
                    default:
                        throw new XunitException($"unexpected diff line '{line}'");
                }
            }

            Assert.Equal(oldCount, seenOld);
            Assert.Equal(newCount, seenNew);
        }

        result.AddRange(old[next..]);
        return result.ToArray();
    }

    private static int Lcs(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Length, b.Length];
    }

    // ---------------------------------------------------------------- normalisation

    [Fact]
    public void LineEndingsAndTrailingWhitespaceDoNotMatter()
    {
        Assert.Equal("a\n  b\n\nc\n", Snapshot.Normalize("a  \r\n  b\t\r\n\r\nc\r\n\r\n  \n"));
        File.WriteAllText(PathOf("FakeTests.Test.verified.txt"), "one \r\ntwo\r\n");
        Snapshot.VerifyText(null, "one\ntwo", "txt", accept: false, CallerFile, "Test");
    }

    [Fact]
    public void HintNamesKeepTheirCharactersAndLoseTheirCsExtension() =>
        Assert.Equal("Demo.Window.Score(Matrix,Vector,Vector,Vector).g", Snapshot.FileNameOf("Demo.Window.Score(Matrix,Vector,Vector,Vector).g.cs"));

    // ---------------------------------------------------------------- verified / received

    [Fact]
    public void MismatchWritesReceivedAndFailsWithADiff()
    {
        File.WriteAllText(PathOf("FakeTests.Test#part.verified.txt"), "a\nb\nc\n");

        var failure = Assert.Throws<XunitException>(() => Snapshot.VerifyText("part", "a\nB\nc\n", "txt", accept: false, CallerFile, "Test"));

        Assert.Contains("Snapshot FakeTests.Test#part.verified.txt differs.", failure.Message);
        Assert.Contains("--- FakeTests.Test#part.verified.txt\n+++ FakeTests.Test#part.received.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n", failure.Message);
        Assert.Contains(Snapshot.AcceptVariable + "=1", failure.Message);
        Assert.Equal("a\nB\nc\n", File.ReadAllText(PathOf("FakeTests.Test#part.received.txt")));
        Assert.Equal("a\nb\nc\n", File.ReadAllText(PathOf("FakeTests.Test#part.verified.txt")));
    }

    [Fact]
    public void MissingVerifiedFileFailsAndWritesReceived()
    {
        var failure = Assert.Throws<XunitException>(() => Snapshot.VerifyText(null, "new\n", "txt", accept: false, CallerFile, "Test"));

        Assert.Contains("No verified snapshot FakeTests.Test.verified.txt yet.", failure.Message);
        Assert.Contains("+new\n", failure.Message);
        Assert.True(File.Exists(PathOf("FakeTests.Test.received.txt")));
        Assert.False(File.Exists(PathOf("FakeTests.Test.verified.txt")));
    }

    [Fact]
    public void MatchDeletesAStaleReceivedFile()
    {
        File.WriteAllText(PathOf("FakeTests.Test.verified.txt"), "same\n");
        File.WriteAllText(PathOf("FakeTests.Test.received.txt"), "old failure\n");

        Snapshot.VerifyText(null, "same", "txt", accept: false, CallerFile, "Test");

        Assert.False(File.Exists(PathOf("FakeTests.Test.received.txt")));
    }

    [Fact]
    public void AcceptModeOverwritesVerifiedAndPasses()
    {
        File.WriteAllText(PathOf("FakeTests.Test.verified.txt"), "old\n");
        File.WriteAllText(PathOf("FakeTests.Test.received.txt"), "old failure\n");

        Snapshot.VerifyText(null, "new  \r\n", "txt", accept: true, CallerFile, "Test");
        Snapshot.VerifyText(null, "created", "txt", accept: true, CallerFile, "Other");

        Assert.Equal("new\n", File.ReadAllText(PathOf("FakeTests.Test.verified.txt")));
        Assert.False(File.Exists(PathOf("FakeTests.Test.received.txt")));
        Assert.Equal("created\n", File.ReadAllText(PathOf("FakeTests.Other.verified.txt")));
    }

    // ---------------------------------------------------------------- generated files

    private const string Source = """
        using NlpSymbolic;

        namespace Demo;

        public static partial class C
        {
            [Differentiable]
            public static double Square(double x) => x * x;
        }
        """;

    [Fact]
    public void GeneratedFilesAreNamedLikeVerifySourceGenerators()
    {
        var run = SnapshotRuns.Clean(Source);
        var failure = Assert.Throws<XunitException>(() => Snapshot.VerifyGenerated(run, accept: false, CallerFile, "Generated"));

        Assert.Contains("No verified snapshot FakeTests.Generated#Demo.C.Square(Scalar).g.verified.cs yet.", failure.Message);
        Assert.True(File.Exists(PathOf("FakeTests.Generated#Demo.C.Square(Scalar).g.received.cs")));

        Snapshot.VerifyGenerated(run, accept: true, CallerFile, "Generated");
        Snapshot.VerifyGenerated(run, accept: false, CallerFile, "Generated");
        Assert.Equal(new[] { "FakeTests.Generated#Demo.C.Square(Scalar).g.verified.cs" }, Directory.GetFiles(directory).Select(Path.GetFileName));
        Assert.StartsWith("//HintName: Demo.C.Square(Scalar).g.cs\n// <auto-generated/>\n", File.ReadAllText(PathOf("FakeTests.Generated#Demo.C.Square(Scalar).g.verified.cs")));
    }

    [Fact]
    public void AVerifiedFileNoLongerGeneratedFails()
    {
        var run = SnapshotRuns.Clean(Source);
        Snapshot.VerifyGenerated(run, accept: true, CallerFile, "Generated");
        var orphan = PathOf("FakeTests.Generated#Demo.C.Cube(Scalar).g.verified.cs");
        File.WriteAllText(orphan, "// a method that was renamed\n");

        var failure = Assert.Throws<XunitException>(() => Snapshot.VerifyGenerated(run, accept: false, CallerFile, "Generated"));
        Assert.Contains("FakeTests.Generated#Demo.C.Cube(Scalar).g.verified.cs has no generated file any more", failure.Message);

        Snapshot.VerifyGenerated(run, accept: true, CallerFile, "Generated");
        Assert.False(File.Exists(orphan));
    }
}
