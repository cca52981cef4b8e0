using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace NlpSymbolic.Training;

/// <summary>
/// One run's clock and reporting window: decides when a report is due, and turns the losses and examples
/// since the previous report into a <see cref="TrainingProgress"/> and <see cref="MetricHistory"/> points.
/// </summary>
internal sealed class ProgressMeter
{
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly MetricHistory _history;
    private readonly int _everySteps;
    private readonly long _intervalTicks;
    private readonly long? _totalSteps;
    private readonly TimeSpan _elapsedBefore;
    private readonly long _runStart;
    private readonly long _firstStep;
    private long _windowStart;
    private double _windowLoss;
    private long _windowExamples;

    /// <param name="options">Supplies the progress sink and the report cadence.</param>
    /// <param name="history">Receives the reported series.</param>
    /// <param name="totalSteps">The step the run will end at unless stopped early, when known.</param>
    /// <param name="elapsedBefore">Training time of the runs this one resumes.</param>
    /// <param name="firstStep">Updates made before this run.</param>
    internal ProgressMeter(TrainerOptions options, MetricHistory history, long? totalSteps, TimeSpan elapsedBefore, long firstStep)
    {
        _progress = options.Communicator is { Speaks: false } ? null : options.Progress; // rank 0 speaks
        _history = history;
        _everySteps = options.ProgressEverySteps;
        _intervalTicks = options.ProgressInterval is { } interval
            ? Math.Max(1, (long)(interval.TotalSeconds * Stopwatch.Frequency))
            : 0;
        _totalSteps = totalSteps;
        _elapsedBefore = elapsedBefore;
        _firstStep = firstStep;
        _runStart = Stopwatch.GetTimestamp();
        _windowStart = _runStart;
    }

    /// <summary>Training time including earlier runs.</summary>
    internal TimeSpan Elapsed => _elapsedBefore + Stopwatch.GetElapsedTime(_runStart);

    /// <summary>True when the cadence asks for a report after update <paramref name="step"/>.</summary>
    internal bool IsDue(long step) =>
        (_everySteps > 0 && step % _everySteps == 0) ||
        (_intervalTicks > 0 && Stopwatch.GetTimestamp() - _windowStart >= _intervalTicks);

    /// <summary>Counts a minibatch's summed loss and size into the current window.</summary>
    internal void Add(double loss, int examples)
    {
        _windowLoss += loss;
        _windowExamples += examples;
    }

    /// <summary>Records the window in the history, sends the report, and starts a new window.</summary>
    internal void Report(
        long step, int epoch, double epochFraction, bool epochCompleted, long examplesSeen, double learningRate,
        double gradientNorm, IReadOnlyDictionary<string, double>? metrics)
    {
        long now = Stopwatch.GetTimestamp();
        double windowSeconds = Stopwatch.GetElapsedTime(_windowStart, now).TotalSeconds;
        double loss = _windowExamples > 0 ? _windowLoss / _windowExamples : double.NaN;
        double examplesPerSecond = windowSeconds > 0 ? _windowExamples / windowSeconds : 0;
        TimeSpan runTime = Stopwatch.GetElapsedTime(_runStart, now);
        TimeSpan? eta = null;
        if (_totalSteps is long total && step > _firstStep)
        {
            eta = runTime * ((double)Math.Max(0, total - step) / (step - _firstStep));
        }

        _history.Add(MetricHistory.TrainLoss, step, epoch, loss);
        _history.Add(MetricHistory.LearningRate, step, epoch, learningRate);
        _history.Add(MetricHistory.GradientNorm, step, epoch, gradientNorm);
        _history.Add(MetricHistory.ExamplesPerSecond, step, epoch, examplesPerSecond);
        _progress?.Report(new TrainingProgress
        {
            Step = step,
            Epoch = epoch,
            EpochFraction = epochFraction,
            EpochCompleted = epochCompleted,
            ExamplesSeen = examplesSeen,
            Loss = loss,
            LearningRate = learningRate,
            GradientNorm = gradientNorm,
            ExamplesPerSecond = examplesPerSecond,
            Elapsed = _elapsedBefore + runTime,
            TotalSteps = _totalSteps,
            Eta = eta,
            Metrics = metrics,
        });

        _windowStart = now;
        _windowLoss = 0;
        _windowExamples = 0;
    }
}
