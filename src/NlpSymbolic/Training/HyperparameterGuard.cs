using System;

namespace NlpSymbolic.Training;

/// <summary>
/// Range checks for optimiser, schedule and initialiser settings, with messages that name the setting
/// and the value received.
/// </summary>
/// <remarks>
/// NaN fails every check on purpose: the comparisons are written as <c>!(x &gt;= 0)</c> so a NaN
/// hyper-parameter is rejected instead of silently turning every weight into NaN.
/// </remarks>
internal static class HyperparameterGuard
{
    internal static double NonNegative(double value, string what, string paramName)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, $"{what} must be a finite number ≥ 0, got {value:R}.");
        }

        return value;
    }

    internal static double Positive(double value, string what, string paramName)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, $"{what} must be a finite number > 0, got {value:R}.");
        }

        return value;
    }

    internal static double Finite(double value, string what, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be a finite number, got {value:R}.");
        }

        return value;
    }

    /// <summary>0 ≤ value &lt; 1: momentum and Adam's decay rates, where 1 would never forget.</summary>
    internal static double UnitInterval(double value, string what, string paramName)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must lie in [0, 1), got {value:R}.");
        }

        return value;
    }

    internal static int PositiveCount(int value, string what, string paramName)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be ≥ 1, got {value}.");
        }

        return value;
    }
}
