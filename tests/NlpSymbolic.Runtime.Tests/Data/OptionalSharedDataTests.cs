using System.Linq;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>
/// Optional: checks the readers against the counts documented in ../shared/data/README.md. Each test returns
/// (and passes) when its file is absent, as on a fresh clone without the shared folder.
/// </summary>
public sealed class OptionalSharedDataTests
{
    [Fact]
    public void Optional_Conll2003TestB_HasDocumentedCounts()
    {
        var path = SharedData.File("conll2003/eng.testb");
        if (path is null)
        {
            return;
        }

        var sentences = Conll2003Reader.Read(path).ToList();

        Assert.Equal(3_453, sentences.Count);
        Assert.Equal(46_435, sentences.Sum(s => s.Count));
        var entities = sentences.Sum(s => CountIob1Entities(s.EntityTags));
        Assert.Equal(5_648, entities);
    }

    [Fact]
    public void Optional_UdEnglishEwtTest_HasDocumentedCounts()
    {
        var path = SharedData.File("ud-english-ewt/en_ewt-ud-test.conllu");
        if (path is null)
        {
            return;
        }

        var sentences = ConlluReader.Read(path).ToList();

        Assert.Equal(2_077, sentences.Count);
        Assert.Equal(25_094, sentences.Sum(s => s.Count));
        Assert.All(sentences, s => Assert.NotNull(s.SentenceId));
        Assert.Equal(17, sentences.SelectMany(s => s.UniversalTags).Distinct().Count());
    }

    /// <summary>The README's definition of an IOB1 entity, written independently of the metrics code.</summary>
    private static int CountIob1Entities(string[] tags)
    {
        var count = 0;
        var previousType = "";
        foreach (var tag in tags)
        {
            var type = tag == "O" ? "" : tag[2..];
            if (type.Length > 0 && (tag[0] == 'B' || type != previousType))
            {
                count++;
            }

            previousType = type;
        }

        return count;
    }
}
