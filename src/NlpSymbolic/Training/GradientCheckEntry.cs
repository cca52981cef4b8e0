using System;
using System.Globalization;

namespace NlpSymbolic.Training;

/// <summary>One parameter entry compared by <see cref="GradientCheck"/>: analytic against numeric derivative.</summary>
public sealed class GradientCheckEntry
{
    internal GradientCheckEntry(Parameter parameter, int index, double analytic, double numeric, double relativeError)
    {
        Parameter = parameter.Name;
        IsMatrix = parameter.IsMatrix;
        Index = index;
        Row = index % Math.Max(parameter.Rows, 1);
        Column = index / Math.Max(parameter.Rows, 1);
        Analytic = analytic;
        Numeric = numeric;
        RelativeError = relativeError;
    }

    /// <summary>The parameter's name.</summary>
    public string Parameter { get; }

    /// <summary>Whether the parameter is a matrix (so <see cref="Row"/> and <see cref="Column"/> both matter).</summary>
    public bool IsMatrix { get; }

    /// <summary>The entry's index in the parameter's storage (<see cref="Training.Parameter.Values"/>, column-major).</summary>
    public int Index { get; }

    /// <summary>The entry's row (for a vector, its position).</summary>
    public int Row { get; }

    /// <summary>The entry's column (0 for a vector).</summary>
    public int Column { get; }

    /// <summary>The gradient computed by the code under test.</summary>
    public double Analytic { get; }

    /// <summary>The central difference (L(w + ε) − L(w − ε)) / 2ε.</summary>
    public double Numeric { get; }

    /// <summary>|analytic − numeric| / max(|analytic|, |numeric|, <see cref="GradientCheck.MinimumScale"/>); NaN if either is NaN.</summary>
    public double RelativeError { get; }

    /// <summary>"W[2, 5]" for a matrix entry, "b[3]" for a vector entry.</summary>
    public string Location => IsMatrix
        ? string.Create(CultureInfo.InvariantCulture, $"{Parameter}[{Row}, {Column}]")
        : string.Create(CultureInfo.InvariantCulture, $"{Parameter}[{Row}]");

    /// <summary>A one-line description, e.g. "W[2, 5]: analytic 0.25, numeric 0.2500001, relative error 4.0E-007".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Location}: analytic {Analytic:R}, numeric {Numeric:R}, relative error {RelativeError:E2}");
}
