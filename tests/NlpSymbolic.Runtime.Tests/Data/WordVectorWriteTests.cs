using System;
using System.IO;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>What <see cref="WordVectorFile"/> refuses, with the exact message, before anything is written.</summary>
public sealed class WordVectorWriteTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Null_arguments_are_named()
    {
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => WordVectorFile.Open(null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(
            () => WordVectorFile.Write(null!, WordVectorFormat.GloVe, [new WordVector("two words", [1f])])).ParamName);
        Assert.Equal("vectors", Assert.Throws<ArgumentNullException>(
            () => WordVectorFile.Write(folder.File("v.txt"), WordVectorFormat.GloVe, null!)).ParamName);
    }

    [Fact]
    public void A_missing_file_is_named_with_what_it_is()
    {
        var error = Assert.Throws<FileNotFoundException>(() => WordVectorFile.Open("/no/such/vectors.txt"));
        Assert.Equal("word-vector file not found: /no/such/vectors.txt", error.Message);
    }

    [Fact]
    public void Vectors_of_different_dimensions_are_refused_even_after_a_word_of_none()
    {
        var path = folder.File("v.txt");
        var error = Assert.Throws<ArgumentException>(
            () => WordVectorFile.Write(path, WordVectorFormat.GloVe, [new WordVector("a", []), new WordVector("b", [1f])]));
        Assert.Equal("vectors", error.ParamName);
        Assert.StartsWith($"cannot write {path}: \"b\" has 1 values, the first word 0", error.Message);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" leading")]
    [InlineData("trailing\t")]
    [InlineData("in\nside")]
    public void A_word_that_is_empty_or_holds_whitespace_is_refused(string word)
    {
        var path = folder.File("v.txt");
        var error = Assert.Throws<ArgumentException>(() => WordVectorFile.Write(path, WordVectorFormat.GloVe, [new WordVector(word, [1f])]));
        Assert.Equal("vectors", error.ParamName);
        Assert.StartsWith($"cannot write {path}: the word \"{word}\" is empty or contains whitespace", error.Message);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData(WordVectorFormat.GloVe)]
    [InlineData(WordVectorFormat.Word2VecBinary)]
    public void A_word_that_is_not_valid_text_is_refused_and_the_old_file_kept(WordVectorFormat format)
    {
        // A lone surrogate has no UTF-8 form: written as U+FFFD it would read back as another word.
        var path = folder.Write("v.txt", "keep me");
        Assert.ThrowsAny<ArgumentException>(() => WordVectorFile.Write(path, format, [new WordVector("a\uD800b", [1f])]));
        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }
}
