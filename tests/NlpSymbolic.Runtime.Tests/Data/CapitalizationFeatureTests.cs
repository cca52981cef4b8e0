using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

public sealed class CapitalizationFeatureTests
{
    [Theory]
    [InlineData("the", Capitalization.AllLower)]
    [InlineData("1st", Capitalization.AllLower)]
    [InlineData("Paris", Capitalization.FirstUpper)]
    [InlineData("Mr.", Capitalization.FirstUpper)]
    [InlineData("I", Capitalization.FirstUpper)]
    [InlineData("X-ray", Capitalization.FirstUpper)]
    [InlineData("USA", Capitalization.AllUpper)]
    [InlineData("U.S.", Capitalization.AllUpper)]
    [InlineData("3M", Capitalization.AllUpper)]
    [InlineData("iPhone", Capitalization.HasUpper)]
    [InlineData("McDonald", Capitalization.HasUpper)]
    [InlineData("1996", Capitalization.Other)]
    [InlineData(",", Capitalization.Other)]
    [InlineData("", Capitalization.Other)]
    [InlineData("École", Capitalization.FirstUpper)]
    public void ClassifiesTheCasePattern(string word, Capitalization expected)
    {
        Assert.Equal(expected, CapitalizationFeature.Of(word));
    }

    [Fact]
    public void ValuesAreStableIndices()
    {
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, new[]
        {
            (int)Capitalization.AllLower, (int)Capitalization.FirstUpper, (int)Capitalization.AllUpper,
            (int)Capitalization.HasUpper, (int)Capitalization.Other,
        });
        Assert.Equal(5, CapitalizationFeature.Count);
    }
}
