using System;
using System.Linq;
using NlpSymbolic.Data;
using NlpSymbolic.Metrics;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

public sealed class IobSchemeTests
{
    private static string[] Tags(string text) => text.Split(' ');

    [Fact]
    public void ConvertsIob1ToIob2()
    {
        Assert.Equal(
            Tags("B-PER I-PER B-PER O B-LOC B-ORG I-ORG"),
            IobScheme.ToIob2(Tags("I-PER I-PER B-PER O I-LOC I-ORG I-ORG")));
    }

    [Fact]
    public void ConvertsIob2ToIob1()
    {
        Assert.Equal(
            Tags("I-PER I-PER B-PER O I-LOC I-ORG I-ORG"),
            IobScheme.ToIob1(Tags("B-PER I-PER B-PER O B-LOC B-ORG I-ORG")));
    }

    [Fact]
    public void RoundTripsKeepTheScoredChunks()
    {
        var random = new Random(5);
        var alphabet = Tags("O O B-X I-X B-Y I-Y");
        for (var trial = 0; trial < 200; trial++)
        {
            var tags = Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();

            var iob2 = IobScheme.ToIob2(tags);
            var iob1 = IobScheme.ToIob1(tags);

            Assert.Equal(Chunk.FindAll(tags), Chunk.FindAll(iob2));
            Assert.Equal(Chunk.FindAll(tags), Chunk.FindAll(iob1));
            Assert.Equal(iob1, IobScheme.ToIob1(iob2));
            Assert.Equal(iob2, IobScheme.ToIob2(iob1));
        }
    }

    [Theory]
    [InlineData("E-PER")]
    [InlineData("PER")]
    [InlineData("B-")]
    public void RejectsOtherSchemes(string tag)
    {
        var error = Assert.Throws<ArgumentException>(() => IobScheme.ToIob2(new[] { "O", tag }));

        Assert.Contains($"tag 1 (\"{tag}\")", error.Message);
    }
}
