using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

public sealed class TagSetTests
{
    private const string Train = "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\n";

    private static TagSet FromTraining() =>
        TagSet.FromSentences(Conll2003Reader.Read(new StringReader(Train)).Select(s => s.ToTaggedSentence()));

    [Fact]
    public void TagsAreDistinctAndSortedOrdinally()
    {
        var tags = FromTraining();

        Assert.Equal(new[] { "I-MISC", "I-ORG", "I-PER", "O" }, tags.Tags);
        Assert.Equal(4, tags.Count);
        Assert.Equal(1, tags.IndexOf("I-ORG"));
        Assert.Equal("O", tags.TagAt(3));
        Assert.Equal(new[] { "O", "I-PER" }, tags.Decode(new[] { 3, 2 }));
    }

    [Fact]
    public void EncodesSentences()
    {
        var tags = FromTraining();
        var sentence = Conll2003Reader.Read(new StringReader(Train)).First().ToTaggedSentence();

        Assert.Equal(new[] { 1, 3, 0 }, tags.Encode(sentence));
    }

    [Fact]
    public void AnUnknownTagInTestDataNamesTagFileAndLine()
    {
        var tags = FromTraining();
        var test = Conll2003Reader.Read(new StringReader("Paris NNP I-NP I-PER\n\nin IN I-PP O\nBerlin NNP I-NP I-LOC\n"), "eng.testb")
            .Select(s => s.ToTaggedSentence())
            .ToList();

        tags.Encode(test[0]);
        var error = Assert.Throws<UnknownTagException>(() => tags.Encode(test[1]));

        Assert.Equal("I-LOC", error.Tag);
        Assert.Equal("eng.testb", error.FilePath);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal("eng.testb:4: tag \"I-LOC\" is not in the tag set (4 tags: I-MISC, I-ORG, I-PER, O)", error.Message);
    }

    [Fact]
    public void AnUnknownTagWithoutASourceStillNamesTheTag()
    {
        var error = Assert.Throws<UnknownTagException>(() => FromTraining().IndexOf("B-LOC"));

        Assert.StartsWith("tag \"B-LOC\" is not in the tag set", error.Message);
        Assert.Null(error.FilePath);
        Assert.Equal(0, error.LineNumber);
    }

    [Fact]
    public void LongTagSetsAreShortenedInMessages()
    {
        var tags = TagSet.FromTags(Enumerable.Range(0, 30).Select(i => $"T{i:00}"));

        var error = Assert.Throws<UnknownTagException>(() => tags.IndexOf("X"));

        Assert.Contains("30 tags: T00, T01", error.Message);
        Assert.Contains("T19, … 10 more", error.Message);
    }

    [Fact]
    public void SaveAndLoadKeepTheOrder()
    {
        using var folder = new TempFolder();
        var path = folder.File("tags.txt");
        var tags = FromTraining();

        tags.Save(path);

        Assert.Equal(tags.Tags, TagSet.Load(path).Tags);
        Assert.Throws<DataFormatException>(() => TagSet.Load(folder.Write("dup.txt", "O\nO\n")));
    }
}
