using System.Collections.Generic;
using NlpSymbolic.Metrics;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Metrics;

/// <summary>
/// conlleval.pl's startOfChunk and endOfChunk as its own table of prefix pairs, checked for every pair of the
/// prefixes it gives meaning to (B, I, E, O, ".", "[", "]") and one it does not (S), with the same and another type.
/// </summary>
public sealed class ConllevalRulesTests
{
    private static readonly string[] Prefixes = ["B", "I", "E", "O", ".", "[", "]", "S"];

    // conlleval.pl (2004-01-26), the "$chunkEnd = $true if ( $prevTag eq .. and $tag eq .. )" lines.
    private static readonly HashSet<string> EndPairs = ["B B", "B O", "I B", "I O", "E E", "E I", "E O"];

    // The "$chunkStart = $true if ( $prevTag eq .. and $tag eq .. )" lines.
    private static readonly HashSet<string> StartPairs = ["B B", "I B", "O B", "O I", "E E", "E I", "O E"];

    public static IEnumerable<object[]> Pairs()
    {
        foreach (string p in Prefixes)
        {
            foreach (string t in Prefixes)
            {
                yield return [p, t, true];
                yield return [p, t, false];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void AChunkEndsExactlyWhereConllevalSays(string previous, string current, bool sameType)
    {
        bool expected = EndPairs.Contains(previous + " " + current)
            || (!sameType && previous != "O" && previous != ".")
            || previous == "[" || previous == "]";
        Assert.Equal(expected, ConllevalRules.EndOfChunk(ConllTag.Parse(previous + "-X"), ConllTag.Parse(current + (sameType ? "-X" : "-Y"))));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void AChunkStartsExactlyWhereConllevalSays(string previous, string current, bool sameType)
    {
        bool expected = StartPairs.Contains(previous + " " + current)
            || (!sameType && current != "O" && current != ".")
            || current == "[" || current == "]";
        Assert.Equal(expected, ConllevalRules.StartOfChunk(ConllTag.Parse(previous + "-X"), ConllTag.Parse(current + (sameType ? "-X" : "-Y"))));
    }

    [Theory]
    [InlineData("B-PER", "B", "PER")]
    [InlineData("I-NAME-FIRST", "I", "NAME-FIRST")]
    [InlineData("O", "O", "")]
    [InlineData("B", "B", "")]
    [InlineData("B-", "B", "")]
    [InlineData("B-0", "B", "")] // Perl's "0" is false: conlleval's `$type ? $type : ""` drops it
    [InlineData("B-00", "B", "00")]
    [InlineData("-X", "", "X")]
    public void ATagSplitsAtItsFirstHyphen(string tag, string prefix, string type)
    {
        ConllTag parsed = ConllTag.Parse(tag);
        Assert.Equal(prefix, parsed.Prefix);
        Assert.Equal(type, parsed.Type);
    }

    [Fact]
    public void TwoTagsAreTheSameOnlyWithTheSamePrefixAndType()
    {
        Assert.True(ConllTag.Parse("B-X").SameAs(ConllTag.Parse("B-X")));
        Assert.False(ConllTag.Parse("B-X").SameAs(ConllTag.Parse("I-X")));
        Assert.False(ConllTag.Parse("B-X").SameAs(ConllTag.Parse("B-Y")));
        Assert.True(ConllTag.Parse("B-0").SameAs(ConllTag.Parse("B")));
    }
}
