using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// Compares the gradients your code computes (a generated <c>…Backward</c> method or a hand-written one) with
/// central finite differences of the loss, on a seeded sample of entries of every parameter.
/// </summary>
/// <example>
/// <code>
/// var report = GradientCheck.Run(
///     parameters,
///     loss: () => Model.Loss(W, b, x, y),
///     computeGradients: () => Model.LossBackward(W, b, x, y, 1.0, dW, db));
/// Assert.True(report.Passed(1e-6), report.ToString());
/// </code>
/// </example>
public static class GradientCheck
{
    /// <summary>
    /// The smallest denominator of the relative error. Derivatives smaller than this are compared absolutely,
    /// so entries whose true derivative is 0 are not failed for rounding noise in the finite difference.
    /// </summary>
    public const double MinimumScale = 1e-6;

    /// <summary>Runs the check.</summary>
    /// <param name="parameters">The parameters to perturb; their values are restored bit for bit afterwards.</param>
    /// <param name="loss">Evaluates the loss at the parameters' current values; must not change anything.</param>
    /// <param name="computeGradients">
    /// Adds the loss's gradient into the parameters' gradient buffers, which the check zeroes first (entirely,
    /// sparse parameters included). For sparse parameters it should also record the touched columns.
    /// </param>
    /// <param name="samplesPerParameter">
    /// Entries checked per parameter, chosen at random without repetition; a parameter with no more entries
    /// than this is checked entirely. For a sparse parameter the entries are drawn from its recorded columns
    /// when there are any, since the others are zero by contract.
    /// </param>
    /// <param name="seed">Seed for choosing the entries, so a failure can be reproduced.</param>
    /// <param name="epsilon">The perturbation ε of the central difference.</param>
    /// <returns>The worst entry overall and per parameter; the gradient buffers hold the analytic gradient.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samplesPerParameter"/> &lt; 1 or <paramref name="epsilon"/> not finite and positive.</exception>
    public static GradientCheckReport Run(
        ParameterSet parameters,
        Func<double> loss,
        Action computeGradients,
        int samplesPerParameter = 10,
        int seed = 0,
        double epsilon = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(computeGradients);
        HyperparameterGuard.PositiveCount(samplesPerParameter, "The samples per parameter", nameof(samplesPerParameter));
        HyperparameterGuard.Positive(epsilon, "Epsilon", nameof(epsilon));

        foreach (Parameter p in parameters)
        {
            Array.Clear(p.Gradients);
            p.ForgetTouchedColumns();
        }

        computeGradients();

        var random = new Random(seed);
        var worstPerParameter = new List<GradientCheckEntry>();
        GradientCheckEntry? worst = null;
        int checkedCount = 0;
        foreach (Parameter p in parameters)
        {
            GradientCheckEntry? parameterWorst = null;
            foreach (int index in Sample(p, samplesPerParameter, random))
            {
                GradientCheckEntry entry = Compare(p, index, loss, epsilon);
                checkedCount++;
                if (IsWorse(entry, parameterWorst))
                {
                    parameterWorst = entry;
                }
            }

            if (parameterWorst is null)
            {
                continue;
            }

            worstPerParameter.Add(parameterWorst);
            if (IsWorse(parameterWorst, worst))
            {
                worst = parameterWorst;
            }
        }

        return new GradientCheckReport(worst, worstPerParameter, checkedCount);
    }

    private static GradientCheckEntry Compare(Parameter p, int index, Func<double> loss, double epsilon)
    {
        double analytic = p.Gradients[index];
        double saved = p.Values[index];
        double plus = saved + epsilon, minus = saved - epsilon;
        double lossPlus, lossMinus;
        try
        {
            p.Values[index] = plus;
            lossPlus = loss();
            p.Values[index] = minus;
            lossMinus = loss();
        }
        finally
        {
            p.Values[index] = saved;
        }

        // Divide by the step actually taken: saved ± ε is rounded, and for |saved| ≫ ε that rounding matters.
        double numeric = (lossPlus - lossMinus) / (plus - minus);
        double scale = Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), MinimumScale);
        return new GradientCheckEntry(p, index, analytic, numeric, Math.Abs(analytic - numeric) / scale);
    }

    // NaN counts as worse than anything, so a NaN derivative is what the report shows.
    private static bool IsWorse(GradientCheckEntry candidate, GradientCheckEntry? current) =>
        current is null
        || (double.IsNaN(candidate.RelativeError) && !double.IsNaN(current.RelativeError))
        || candidate.RelativeError > current.RelativeError;

    /// <summary>Storage indices to check, in increasing order.</summary>
    private static int[] Sample(Parameter p, int count, Random random)
    {
        ReadOnlySpan<int> touched = p.TouchedColumns;
        bool byColumns = p.SparseColumns && touched.Length > 0;
        int candidates = byColumns ? touched.Length * p.Rows : p.Length;

        int[] picks;
        if (candidates <= count)
        {
            picks = new int[candidates];
            for (int i = 0; i < candidates; i++)
            {
                picks[i] = i;
            }
        }
        else
        {
            // Floyd's algorithm: `count` distinct picks with `count` draws, without materialising the candidates.
            var chosen = new HashSet<int>();
            for (int j = candidates - count; j < candidates; j++)
            {
                int t = random.Next(j + 1);
                chosen.Add(chosen.Contains(t) ? j : t);
            }

            picks = new int[count];
            chosen.CopyTo(picks);
        }

        if (byColumns)
        {
            for (int i = 0; i < picks.Length; i++)
            {
                picks[i] = touched[picks[i] / p.Rows] * p.Rows + picks[i] % p.Rows;
            }
        }

        Array.Sort(picks);
        return picks;
    }
}
