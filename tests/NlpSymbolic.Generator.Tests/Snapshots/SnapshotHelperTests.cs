using System;
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
    public void EqualTextsHaveNoDiff() => Assert.Equal(string.Empty, LineDiff.Unified("a\nb\n", "a\nb\n", "old", "new"));

    [Fact]
    public void UnifiedDiffHasHeaderHunksAndThreeLinesOfContext()
    {
        var old = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
        var changed = old.Replace("line 5\n", "line five\n").Replace("line 17\n", string.Empty) + "line 21\n";

        var diff = LineDiff.Unified(old, changed, "X.verified.cs", "X.received.cs");

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

    [Fact]
    public void DiffAgainstNothingIsAllInsertions()
    {
        var diff = LineDiff.Unified(string.Empty, "a\nb\n", "/dev/null", "new");
        Assert.Equal("--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n", diff);
    }

    /// <summary>The edit script rebuilds both texts and is minimal: its length is n + m − 2·LCS.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void EditScriptIsShortestAndRebuildsBothTexts(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 15)).Select(_ => "abcd"[random.Next(4)].ToString()).ToArray();
            var b = Enumerable.Range(0, random.Next(0, 15)).Select(_ => "abcd"[random.Next(4)].ToString()).ToArray();
            var edits = LineDiff.Compute(a, b);

            Assert.Equal(a, edits.Where(e => e.Kind != LineDiff.EditKind.Insert).Select(e => e.Line));
            Assert.Equal(b, edits.Where(e => e.Kind != LineDiff.EditKind.Delete).Select(e => e.Line));
            Assert.Equal(a.Length + b.Length - 2 * Lcs(a, b), edits.Count(e => e.Kind != LineDiff.EditKind.Equal));
        }
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
