using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// Every metric a training run reported, as one series of (step, epoch, value) points per name, for a front
/// end to plot or a checkpoint to keep.
/// </summary>
/// <remarks>
/// The trainer records its own series under the <c>train/…</c> names below at each progress report and epoch
/// end, and the evaluation results under the names the evaluation callback returns. Reading is safe while a
/// run on another thread records: each read returns a copy.
/// </remarks>
public sealed class MetricHistory
{
    /// <summary>Mean training loss per example since the previous report.</summary>
    public const string TrainLoss = "train/loss";

    /// <summary>Mean training loss per example over a whole epoch, recorded at its end.</summary>
    public const string TrainEpochLoss = "train/epoch_loss";

    /// <summary>The learning rate of the latest update.</summary>
    public const string LearningRate = "train/learning_rate";

    /// <summary>The global gradient norm of the latest update, before clipping.</summary>
    public const string GradientNorm = "train/gradient_norm";

    /// <summary>Training throughput since the previous report.</summary>
    public const string ExamplesPerSecond = "train/examples_per_second";

    private readonly object _lock = new();
    private readonly Dictionary<string, List<MetricPoint>> _series = new(StringComparer.Ordinal);
    private readonly List<string> _names = new();

    /// <summary>The metric names in the order first recorded.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_lock)
            {
                return _names.ToArray();
            }
        }
    }

    /// <summary>
    /// Raised after each point is recorded, on the thread that recorded it (for a run log written as training goes).
    /// </summary>
    public event Action<string, MetricPoint>? Recorded;

    /// <summary>Appends a point to the series <paramref name="name"/>, creating the series if needed.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public void Add(string name, long step, int epoch, double value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var point = new MetricPoint(step, epoch, value);
        lock (_lock)
        {
            if (!_series.TryGetValue(name, out List<MetricPoint>? points))
            {
                points = new List<MetricPoint>();
                _series.Add(name, points);
                _names.Add(name);
            }

            points.Add(point);
        }

        Recorded?.Invoke(name, point);
    }

    /// <summary>A copy of the points recorded under <paramref name="name"/>, oldest first; empty when there are none.</summary>
    public MetricPoint[] Series(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            return _series.TryGetValue(name, out List<MetricPoint>? points) ? points.ToArray() : [];
        }
    }

    /// <summary>The most recent point of <paramref name="name"/>, if any was recorded.</summary>
    public bool TryGetLatest(string name, out MetricPoint point)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            if (_series.TryGetValue(name, out List<MetricPoint>? points) && points.Count > 0)
            {
                point = points[^1];
                return true;
            }
        }

        point = default;
        return false;
    }
}
