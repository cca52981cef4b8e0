using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>Loss and metric curves of a run as PNG and SVG (ScottPlot, headless: SkiaSharp's Linux native assets).</summary>
public static class Plots
{
    /// <summary>
    /// One figure per series name in <paramref name="series"/> that the history holds, saved as
    /// <c>{prefix}-{name}.png/.svg</c> in the output folder; returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Save(SampleContext context, string prefix, MetricHistory history, params string[] series)
    {
        var written = new List<string>();
        foreach (var name in series)
        {
            var points = history.Series(name);
            if (points.Length == 0)
            {
                continue;
            }

            var plot = new ScottPlot.Plot();
            plot.Add.Scatter(points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.Value).ToArray());
            plot.Title($"{prefix}: {name}");
            plot.XLabel("step");
            plot.YLabel(name);
            var file = context.OutputPath($"{prefix}-{name.Replace('/', '-')}");
            plot.SavePng(file + ".png", 800, 500);
            plot.SaveSvg(file + ".svg", 800, 500);
            written.Add(file + ".png");
            written.Add(file + ".svg");
        }

        return written;
    }
}
