using System.Globalization;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>Constants as C# literals: invariant culture, round-trippable, negative values parenthesised
/// so that substituting them into a template (<c>-{0}</c>) can never form <c>--</c>.</summary>
internal static class LiteralFormatter
{
    public static string? Format(object? value) => value switch
    {
        double d => FormatDouble(d),
        int i => i < 0 ? "(" + i.ToString(CultureInfo.InvariantCulture) + ")" : i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => null,
    };

    private static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "double.NaN";
        }

        if (double.IsPositiveInfinity(d))
        {
            return "double.PositiveInfinity";
        }

        if (double.IsNegativeInfinity(d))
        {
            return "double.NegativeInfinity";
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0)
        {
            text += ".0";
        }

        return d < 0 || (d == 0 && DoubleSign.IsNegative(d)) ? "(" + text + ")" : text;
    }
}
