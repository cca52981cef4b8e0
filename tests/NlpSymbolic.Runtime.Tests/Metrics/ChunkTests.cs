using NlpSymbolic.Metrics;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Metrics;

public sealed class ChunkTests
{
    [Fact]
    public void FindsIob1Chunks()
    {
        var chunks = Chunk.FindAll("I-PER I-PER B-PER O I-LOC I-ORG".Split(' '));

        Assert.Equal(new[] { new Chunk("PER", 0, 2), new Chunk("PER", 2, 3), new Chunk("LOC", 4, 5), new Chunk("ORG", 5, 6) }, chunks);
        Assert.Equal(2, chunks[0].Length);
    }

    [Fact]
    public void FindsIob2ChunksIncludingOnesThatStartWithI()
    {
        var chunks = Chunk.FindAll("B-PER I-PER O I-LOC I-LOC B-LOC".Split(' '));

        Assert.Equal(new[] { new Chunk("PER", 0, 2), new Chunk("LOC", 3, 5), new Chunk("LOC", 5, 6) }, chunks);
    }

    [Fact]
    public void AllOutsideHasNoChunks()
    {
        Assert.Empty(Chunk.FindAll(new[] { "O", "O" }));
        Assert.Empty(Chunk.FindAll(System.Array.Empty<string>()));
    }
}
