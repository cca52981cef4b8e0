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
            var file = context.PlotPath($"{prefix}-{name.Replace('/', '-')}");
            plot.SavePng(file + ".png", 800, 500);
            plot.SaveSvg(file + ".svg", 800, 500);
            written.Add(file + ".png");
            written.Add(file + ".svg");
        }

        return written;
    }

    /// <summary>
    /// One chart of a whole run against epochs: the training loss per epoch (left axis) and each dev metric (right
    /// axis) on one x-axis, the best epoch marked; <c>{prefix}-run.png/.svg</c>. Nothing when no epoch ended.
    /// </summary>
    public static IReadOnlyList<string> SaveRun(SampleContext context, string prefix, MetricHistory history, int? bestEpoch, params string[] devSeries)
    {
        var train = history.Series(MetricHistory.TrainEpochLoss);
        if (train.Length == 0)
        {
            return [];
        }

        var plot = new ScottPlot.Plot();
        var loss = plot.Add.Scatter(train.Select(p => (double)p.Epoch).ToArray(), train.Select(p => p.Value).ToArray());
        loss.LegendText = "train loss per example";
        plot.Axes.Left.Label.Text = "train loss";
        foreach (var name in devSeries)
        {
            var dev = history.Series(name);
            if (dev.Length == 0)
            {
                continue;
            }

            var metric = plot.Add.Scatter(dev.Select(p => (double)p.Epoch).ToArray(), dev.Select(p => p.Value).ToArray());
            metric.LegendText = name;
            metric.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = name;
        }

        if (bestEpoch is { } best)
        {
            var line = plot.Add.VerticalLine(best);
            line.LegendText = $"best epoch {best}";
            line.LinePattern = ScottPlot.LinePattern.Dashed;
        }

        plot.Title($"{prefix}: train and dev by epoch");
        plot.XLabel("epoch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.ShowLegend();
        plot.Legend.Alignment = ScottPlot.Alignment.UpperCenter;
        var file = context.PlotPath($"{prefix}-run");
        plot.SavePng(file + ".png", 800, 500);
        plot.SaveSvg(file + ".svg", 800, 500);
        return [file + ".png", file + ".svg"];
    }
}
