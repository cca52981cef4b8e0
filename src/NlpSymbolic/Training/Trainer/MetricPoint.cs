namespace NlpSymbolic.Training;

/// <summary>One recorded value of a metric.</summary>
/// <param name="Step">The number of updates made when it was recorded.</param>
/// <param name="Epoch">The 1-based epoch the step belonged to.</param>
/// <param name="Value">The metric's value.</param>
public readonly record struct MetricPoint(long Step, int Epoch, double Value);
