using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

public sealed class BrownReaderTests
{
    private const string Sample =
        "\n\n\tThe/at Fulton/np-tl County/nn-tl said/vbd ``/`` no/at ./.\n" +
        "\n\n" +
        "\tHe/pps paid/vbd 1/2/cd of/in it/ppo //in him/ppo ./. \n";

    [Fact]
    public void EachNonBlankLineIsASentence()
    {
        var sentences = BrownReader.Read(new StringReader(Sample), "ca01").ToList();

        Assert.Equal(2, sentences.Count);
        Assert.Equal(new[] { "The", "Fulton", "County", "said", "``", "no", "." }, sentences[0].Words);
        Assert.Equal(new[] { "at", "np-tl", "nn-tl", "vbd", "``", "at", "." }, sentences[0].Tags);
        Assert.All(sentences[0].SourceLines!, line => Assert.Equal(3, line));
        Assert.Equal(6, sentences[1].LineOf(0));
    }

    [Fact]
    public void TheTagFollowsTheLastSlash()
    {
        var sentence = BrownReader.Read(new StringReader(Sample)).Last();

        Assert.Equal("1/2", sentence.Words[2]);
        Assert.Equal("cd", sentence.Tags[2]);
        Assert.Equal("/", sentence.Words[5]);
        Assert.Equal("in", sentence.Tags[5]);
    }

    [Theory]
    [InlineData("The/at jury", "token \"jury\" has no /tag")]
    [InlineData("The/at jury/", "token \"jury/\" has an empty tag")]
    [InlineData("The/at /nn", "token \"/nn\" has an empty word")]
    public void AMalformedTokenNamesFileAndLine(string line, string expected)
    {
        var error = Assert.Throws<DataFormatException>(() => BrownReader.Read(new StringReader("\n" + line + "\n"), "cb07").ToList());

        Assert.StartsWith("cb07:2: " + expected, error.Message);
    }

    [Fact]
    public void ReadsTheCorpusFilesOfADirectoryInNameOrder()
    {
        using var folder = new TempFolder();
        folder.Write("cb01", "\tB/b\n");
        folder.Write("ca02", "\tA2/a\n");
        folder.Write("ca01", "\tA1/a\n\n\tA1b/a\n");
        folder.Write("README", "not/a corpus file");
        folder.Write("cats.txt", "ca01 news\n");

        var words = BrownReader.ReadDirectory(folder.Path).Select(s => s.Words[0]).ToList();

        Assert.Equal(new[] { "A1", "A1b", "A2", "B" }, words);
    }

    [Fact]
    public void AMissingDirectoryThrows()
    {
        Assert.Throws<DirectoryNotFoundException>(() => BrownReader.ReadDirectory("/no/such/brown/folder"));
    }
}
