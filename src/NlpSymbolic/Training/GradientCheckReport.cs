using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NlpSymbolic.Training;

/// <summary>The outcome of <see cref="GradientCheck.Run"/>: the worst entry overall and per parameter.</summary>
public sealed class GradientCheckReport
{
    internal GradientCheckReport(GradientCheckEntry? worst, IReadOnlyList<GradientCheckEntry> worstPerParameter, int entriesChecked)
    {
        Worst = worst;
        WorstPerParameter = worstPerParameter;
        EntriesChecked = entriesChecked;
    }

    /// <summary>The entry with the largest relative error (a NaN error counts as largest); null if nothing was checked.</summary>
    public GradientCheckEntry? Worst { get; }

    /// <summary>The worst entry of each checked parameter, in the set's order.</summary>
    public IReadOnlyList<GradientCheckEntry> WorstPerParameter { get; }

    /// <summary>How many entries were compared.</summary>
    public int EntriesChecked { get; }

    /// <summary>The largest relative error found (0 if nothing was checked, NaN if a derivative was NaN).</summary>
    public double WorstRelativeError => Worst?.RelativeError ?? 0.0;

    /// <summary>The name of the parameter holding the worst entry, or null if nothing was checked.</summary>
    public string? Parameter => Worst?.Parameter;

    /// <summary>The storage index (column-major) of the worst entry, or −1 if nothing was checked.</summary>
    public int Index => Worst?.Index ?? -1;

    /// <summary>The analytic derivative at the worst entry (NaN if nothing was checked).</summary>
    public double Analytic => Worst?.Analytic ?? double.NaN;

    /// <summary>The numeric derivative at the worst entry (NaN if nothing was checked).</summary>
    public double Numeric => Worst?.Numeric ?? double.NaN;

    /// <summary>
    /// True when the worst relative error is at most <paramref name="tolerance"/> (false for NaN). With
    /// double precision and ε = 1e-5, a correct gradient of a smooth loss is typically below 1e-6; kinks
    /// (ReLU, hinge, max) met by a perturbation can give more.
    /// </summary>
    public bool Passed(double tolerance = 1e-5) => WorstRelativeError <= tolerance;

    /// <summary>The worst entry overall, then one line per parameter.</summary>
    public override string ToString()
    {
        if (Worst is null)
        {
            return "Gradient check: no entries checked.";
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Gradient check: worst relative error {WorstRelativeError:E2} at {Worst.Location} " +
            $"(analytic {Analytic:R}, numeric {Numeric:R}); {EntriesChecked} entries in {WorstPerParameter.Count} parameters.");
        foreach (GradientCheckEntry entry in WorstPerParameter)
        {
            text.AppendLine().Append("  ").Append(entry);
        }

        return text.ToString();
    }
}
