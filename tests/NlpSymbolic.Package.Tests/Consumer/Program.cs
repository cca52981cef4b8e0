using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic;

namespace Consumer;

/// <summary>
/// Checks the generated <c>Gru.CellBackward</c> against central differences of r·Cell(θ) for a random seed r,
/// entry by entry of every argument, and reports whether the BackwardSources text is in the assembly.
/// Prints one line per finding; exit code 0 when the gradient matches and the text is where the argument says.
/// </summary>
public static class Program
{
    /// <summary>Argument: <c>with-sources</c> or <c>without-sources</c>, what the build was asked for.</summary>
    public static int Main(string[] args)
    {
        var random = new Random(7);
        const int input = 2, hidden = 3;
        Matrix<double> M(int rows, int columns) => Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() - 0.5);
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);

        var arguments = new object[] { M(hidden, input), M(hidden, hidden), M(hidden, input), M(hidden, hidden), M(hidden, input), M(hidden, hidden), V(input), V(hidden) };
        var seed = V(hidden);
        var gradients = arguments.Select(a => a is Matrix<double> m ? (object)Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount) : Vector<double>.Build.Dense(((Vector<double>)a).Count)).ToArray();

        Vector<double> Cell(object[] a) => Gru.Cell((Matrix<double>)a[0], (Matrix<double>)a[1], (Matrix<double>)a[2], (Matrix<double>)a[3], (Matrix<double>)a[4], (Matrix<double>)a[5], (Vector<double>)a[6], (Vector<double>)a[7]);
        var value = Gru.CellBackward((Matrix<double>)arguments[0], (Matrix<double>)arguments[1], (Matrix<double>)arguments[2], (Matrix<double>)arguments[3], (Matrix<double>)arguments[4], (Matrix<double>)arguments[5], (Vector<double>)arguments[6], (Vector<double>)arguments[7],
            seed, (Matrix<double>)gradients[0], (Matrix<double>)gradients[1], (Matrix<double>)gradients[2], (Matrix<double>)gradients[3], (Matrix<double>)gradients[4], (Matrix<double>)gradients[5], (Vector<double>)gradients[6], (Vector<double>)gradients[7]);

        var valueError = (value - Cell(arguments)).AbsoluteMaximum();
        var worst = 0.0;
        var checkedEntries = 0;
        const double step = 1e-6;
        for (var k = 0; k < arguments.Length; k++)
        {
            var entries = arguments[k] is Matrix<double> m ? m.AsColumnMajorArray() : ((Vector<double>)arguments[k]).AsArray();
            var generated = gradients[k] is Matrix<double> g ? g.AsColumnMajorArray() : ((Vector<double>)gradients[k]).AsArray();
            for (var i = 0; i < entries.Length; i++)
            {
                var saved = entries[i];
                entries[i] = saved + step;
                var plus = seed * Cell(arguments);
                entries[i] = saved - step;
                var minus = seed * Cell(arguments);
                entries[i] = saved;
                var central = (plus - minus) / (2 * step);
                worst = Math.Max(worst, Math.Abs(central - generated[i]) / Math.Max(1.0, Math.Abs(central) + Math.Abs(generated[i])));
                checkedEntries++;
            }
        }

        Console.WriteLine($"checked {checkedEntries} gradient entries; max relative error {worst:E2}; value error {valueError:E2}");
        var ok = worst < 1e-7 && valueError < 1e-12 && checkedEntries == 3 * (hidden * input) + 3 * (hidden * hidden) + input + hidden;

        var sourcesClass = typeof(Gru).GetNestedType("BackwardSources");
        Console.WriteLine("BackwardSources: " + (sourcesClass is null ? "absent" : "present"));
        if (args.Contains("with-sources"))
        {
            var text = Differentiation.SourceOf(typeof(Gru), nameof(Gru.Cell));
            Console.WriteLine("SourceOf(Gru, Cell): " + text.Split('\n').Length + " lines");
            ok &= sourcesClass is not null && text.Contains("public static Vector CellBackward(");
        }
        else if (args.Contains("without-sources"))
        {
            ok &= sourcesClass is null;
        }

        Console.WriteLine(ok ? "OK" : "FAILED");
        return ok ? 0 : 1;
    }
}
