namespace NlpSymbolic.Generator.Parsing;

/// <summary>netstandard2.0 has no double.IsNegative; -0.0 must keep its sign in literals.</summary>
internal static class DoubleSign
{
    public static bool IsNegative(double d) => System.BitConverter.DoubleToInt64Bits(d) < 0;
}
