using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Xunit;
using static NlpSymbolic.Generator.Tests.Snapshots.SnapshotRuns;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// The generated text depends on the input only: not on the culture the compiler runs under (a German,
/// Arabic or Turkish developer's IDE formats numbers, compares and upper-cases strings differently) and
/// not on anything left over from a previous run. Otherwise snapshots, builds and caches would differ by machine.
/// </summary>
public sealed class DeterminismTests
{
    /// <summary>
    /// Fractional, exponent and negative literals (printed as "1,5" or with an Arabic decimal separator by a
    /// culture-sensitive ToString), identifiers with i/I (upper- and lower-cased differently in tr-TR) and
    /// names that sort differently by culture.
    /// </summary>
    public const string CultureSensitiveSource = $$"""
        {{Usings}}

        namespace Culture;

        public static partial class Literals
        {
            [Differentiable]
            public static double Numbers(double input, double Iota, Vector<double> items, Matrix<double> Ii, int index)
            {
                var half = 0.5 * input + 1.5e-3 * Iota - -2.25;
                var big = Math.Pow(Math.Abs(half) + 1e10, 3.5) * 1E-12;
                var leaky = LeakyRelu(items, 0.01) + LeakyRelu(items * -0.75, 0.2);
                var ähnlich = Ii * leaky;
                var ıdentity = ähnlich[index % ähnlich.Count] / 1000.125;
                return big + ıdentity + leaky.Sum() * 0.1 + (double)index / 3;
            }
        }
        """;

    private static readonly string[] Sources =
        LectureModelSnapshots.All
            .Concat(VocabularySnapshots.All)
            .Append(CultureSensitiveSource)
            .Append(DiagnosticsSnapshots.UnsupportedSource)
            .ToArray();

    /// <summary>Every generated file and every diagnostic of every snapshot input, each input in its own compilation.</summary>
    private static string GenerateEverything()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Sources.Length; i++)
        {
            var run = GeneratorHarness.Run(($"Input{i}.cs", Sources[i]));
            text.Append("##### input ").Append(i).Append('\n');
            foreach (var source in run.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
            {
                text.Append("=== ").Append(source.HintName).Append('\n').Append(source.SourceText).Append('\n');
            }

            text.Append(DiagnosticsSnapshots.Listing(run));
        }

        return text.ToString();
    }

    private static string GenerateUnder(string cultureName)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return GenerateEverything();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    [Fact]
    public void TheCulturesReallyDiffer()
    {
        // Without ICU (globalization-invariant mode) every culture formats like the invariant one and the
        // theory below would prove nothing.
        Assert.Equal("1,5", 1.5.ToString(CultureInfo.GetCultureInfo("de-DE")));
        Assert.Equal("İ", "i".ToUpper(CultureInfo.GetCultureInfo("tr-TR")));
        Assert.NotEqual(".", CultureInfo.GetCultureInfo("ar-SA").NumberFormat.NumberDecimalSeparator);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("tr-TR")]
    public void OutputDoesNotDependOnTheCulture(string culture)
    {
        var invariant = GenerateUnder(CultureInfo.InvariantCulture.Name);
        var localized = GenerateUnder(culture);
        AssertSame(invariant, localized, "invariant", culture);
    }

    [Fact]
    public void TwoRunsGiveTheSameText()
    {
        var first = GenerateEverything();
        var second = GenerateEverything();
        AssertSame(first, second, "first run", "second run");
    }

    [Fact]
    public void TheCultureSensitiveInputGeneratesCleanly() => Assert.NotEmpty(Clean(CultureSensitiveSource).GeneratedSources);

    private static void AssertSame(string expected, string actual, string expectedLabel, string actualLabel)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException(
                $"The generated text differs ({expectedLabel} vs {actualLabel}):\n" + UnifiedDiff.Of(expected, actual, expectedLabel, actualLabel));
        }
    }
}
