using System.Collections.Generic;
using System.IO;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>A character vocabulary of a whole text may leave out &lt;unk&gt;: every id is then a real character.</summary>
public sealed class ClosedVocabularyTests
{
    [Fact]
    public void NoUnknownLeavesOutTheEntryAndRefusesCharactersOutsideIt()
    {
        var counts = new TokenCounts();
        counts.AddCharacters("abba cab");
        var open = Vocabulary.Build(counts);
        var closed = Vocabulary.Build(counts, new VocabularyOptions { Specials = SpecialTokens.NoUnknown });

        Assert.True(open.HasUnknown);
        Assert.Equal(5, open.Count);                 // <unk>, a, b, ' ', c
        Assert.False(closed.HasUnknown);
        Assert.Equal(-1, closed.UnknownIndex);
        Assert.Equal(4, closed.Count);
        Assert.DoesNotContain(Vocabulary.UnknownToken, closed.Words);

        var ids = new int[8];
        closed.EncodeCharacters("abba cab", ids);
        Assert.All(ids, id => Assert.InRange(id, 0, 3));
        var error = Assert.Throws<KeyNotFoundException>(() => closed.EncodeCharacters("x", new int[1]));
        Assert.Contains("'x'", error.Message);
        Assert.Throws<KeyNotFoundException>(() => closed.IndexOf("z"));
    }

    [Fact]
    public void AClosedVocabularyIsSavedAndLoadedBackWithoutUnknown()
    {
        var counts = new TokenCounts();
        counts.AddCharacters("abba cab");
        var closed = Vocabulary.Build(counts, new VocabularyOptions { Specials = SpecialTokens.NoUnknown });
        using var folder = new TempFolder();
        string path = folder.File("chars.vocab.txt");
        closed.Save(path);

        var loaded = Vocabulary.Load(path, null, SpecialTokens.NoUnknown);
        Assert.Equal(closed.Words, loaded.Words);
        Assert.False(loaded.HasUnknown);
        Assert.Throws<KeyNotFoundException>(() => loaded.IndexOf("z"));

        // Without the flag the file is refused as before: a vocabulary file normally has its <unk> line.
        var error = Assert.Throws<DataFormatException>(() => Vocabulary.Load(path));
        Assert.Contains(Vocabulary.UnknownToken, error.Message);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
