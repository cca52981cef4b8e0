using System;
using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>The fine print of the corpus formats: which files are Brown corpus files, CoNLL-U comments and IDs, IOB tag shapes.</summary>
public sealed class FormatDetailTests
{
    private static string Line(params string[] columns) => string.Join('\t', columns) + "\n";

    private static string Word(int id, string form) => Line(id.ToString(), form, form, "X", "X", "_", "0", "dep", "_", "_");

    [Fact]
    public void ABrownDirectoryReadsOnlyFilesNamedCLetterDigitDigit()
    {
        using var folder = new TempFolder();
        folder.Write("ca01", "kept/nn\n");
        folder.Write("cr09", "also/rb\n");
        foreach (var decoy in new[] { "caa1", "ca0x", "xa01", "cA01", "c101", "ca01.bak", "cats.txt", "README" })
        {
            folder.Write(decoy, $"{decoy.Replace('.', '_')}/nn\n");
        }

        var words = BrownReader.ReadDirectory(folder.Path).SelectMany(s => s.Words).ToArray();

        Assert.Equal(["kept", "also"], words);
    }

    [Fact]
    public void AMissingBrownDirectoryIsNamed()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => BrownReader.ReadDirectory("/no/such/brown"));
        Assert.Equal("Brown corpus directory not found: /no/such/brown", e.Message);
    }

    [Fact]
    public void OnlyTheSentIdAndTextCommentsFillTheirFields()
    {
        var text =
            "# newpar = p1\n" +      // "newpar" + one space is as long as "sent_id": not a sent_id
            "# text_en = English\n" + // starts with "text" but is another key
            "# sent_id without an equals sign\n" +
            "# sent_id = s1\n" +
            "# text = Real text\n" +
            Word(1, "Hi");

        var sentence = Assert.Single(ConlluReader.Read(new StringReader(text)));

        Assert.Equal("s1", sentence.SentenceId);
        Assert.Equal("Real text", sentence.Text);
    }

    [Fact]
    public void WordIdsPastNineAreReadAsNumbers()
    {
        var text = string.Concat(Enumerable.Range(1, 12).Select(i => Word(i, $"w{i}")));

        var sentence = Assert.Single(ConlluReader.Read(new StringReader(text)));

        Assert.Equal(12, sentence.Words.Length);
        Assert.Equal("w12", sentence.Words[11]);
    }

    [Fact]
    public void AnIdOfNineDigitsIsANumberAndOfTenIsRejected()
    {
        var nine = Assert.Single(ConlluReader.Read(new StringReader(Line("000000001", "a", "a", "X", "X", "_", "0", "dep", "_", "_"))));
        Assert.Equal(["a"], nine.Words);

        var e = Assert.Throws<DataFormatException>(() =>
            ConlluReader.Read(new StringReader(Line("0000000001", "a", "a", "X", "X", "_", "0", "dep", "_", "_"))).ToList());
        Assert.Contains("ID \"0000000001\" is not a word index", e.Message);
    }

    [Fact]
    public void ALineWithElevenColumnsIsCountedNotOverrun()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            ConlluReader.Read(new StringReader(Line("1", "a", "a", "X", "X", "_", "0", "dep", "_", "_", "extra"))).ToList());
        Assert.Contains("found 11", e.Message);
    }

    [Theory]
    [InlineData("O-PER")]
    [InlineData("OO")]
    [InlineData("B")]
    [InlineData("B-")]
    [InlineData("X-PER")]
    public void AnNerTagThatIsNotOOrAPrefixedTypeIsRejected(string tag)
    {
        var e = Assert.Throws<DataFormatException>(() =>
            Conll2003Reader.Read(new StringReader($"EU NNP B-NP {tag}\n")).ToList());
        Assert.Contains($"NER tag \"{tag}\" is not O", e.Message);
    }

    [Theory]
    [InlineData("O")]
    [InlineData("B-PER")]
    [InlineData("I-PER")]
    [InlineData("E-PER")]
    [InlineData("S-PER")]
    public void OAndEveryPrefixedTypeAreRead(string tag)
    {
        var sentence = Assert.Single(Conll2003Reader.Read(new StringReader($"EU NNP B-NP {tag}\n")));
        Assert.Equal([tag], sentence.EntityTags);
    }

    [Fact]
    public void ConvertedTagsOfOneSpellingShareOneString()
    {
        var tags = IobScheme.ToIob2(["I-PER", "I-PER", "O", "I-PER", "O", "I-PER"]);

        Assert.Equal(["B-PER", "I-PER", "O", "B-PER", "O", "B-PER"], tags);
        Assert.Same(tags[0], tags[3]);
        Assert.Same(tags[3], tags[5]);
    }
}
