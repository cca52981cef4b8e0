using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

public sealed class WordNormalizerTests
{
    [Theory]
    [InlineData("1996", "0000")]
    [InlineData("12.5%", "00.0%")]
    [InlineData("A4", "A0")]
    [InlineData("word", "word")]
    public void DigitsBecomeZero(string word, string expected)
    {
        Assert.Equal(expected, WordNormalizer.Digits(word));
    }

    [Fact]
    public void UnchangedWordsAreReturnedAsIs()
    {
        const string word = "plain";

        Assert.Same(word, WordNormalizer.Digits(word));
        Assert.Same(word, WordNormalizer.LowerCase(word));
        Assert.Same(word, WordNormalizer.LowerCaseAndDigits(word));
    }

    [Fact]
    public void LowerCasingIsCultureInvariant()
    {
        Assert.Equal("istanbul", WordNormalizer.LowerCase("ISTANBUL"));
        Assert.Equal("b-00s", WordNormalizer.LowerCaseAndDigits("B-52s"));
    }
}
