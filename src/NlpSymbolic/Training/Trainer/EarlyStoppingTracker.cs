using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>Applies an <see cref="EarlyStopping"/> rule across evaluations and holds the best parameter values.</summary>
internal sealed class EarlyStoppingTracker
{
    private readonly EarlyStopping _rule;
    private double[][]? _bestValues;

    internal EarlyStoppingTracker(EarlyStopping rule) => _rule = rule;

    internal double? Best { get; private set; }

    internal int BestEpoch { get; private set; }

    internal long BestStep { get; private set; }

    internal int EvaluationsWithoutImprovement { get; private set; }

    internal bool Stopped { get; private set; }

    internal bool HasBestValues => _bestValues is not null && BestEpoch > 0;

    internal IReadOnlyList<double[]>? BestValues => _bestValues;

    /// <summary>Takes one evaluation into account; returns true when training should stop now.</summary>
    /// <exception cref="InvalidOperationException">The metrics lack the watched one.</exception>
    internal bool Observe(IReadOnlyDictionary<string, double> metrics, int epoch, long step, ParameterSet parameters)
    {
        if (!metrics.TryGetValue(_rule.Metric, out double value))
        {
            throw new InvalidOperationException(
                $"Early stopping watches '{_rule.Metric}', but the evaluation returned only: {string.Join(", ", metrics.Keys)}.");
        }

        if (Best is double best ? _rule.Improves(value, best) : !double.IsNaN(value))
        {
            Best = value;
            BestEpoch = epoch;
            BestStep = step;
            EvaluationsWithoutImprovement = 0;
            if (_rule.RestoreBest)
            {
                _bestValues ??= Allocate(parameters);
                for (int i = 0; i < parameters.Count; i++)
                {
                    parameters[i].Values.CopyTo(_bestValues[i], 0);
                }
            }

            return false;
        }

        EvaluationsWithoutImprovement++;
        Stopped = EvaluationsWithoutImprovement >= _rule.Patience;
        return Stopped;
    }

    /// <summary>Copies the best values back into <paramref name="parameters"/> when asked to and there are some.</summary>
    internal bool RestoreInto(ParameterSet parameters)
    {
        if (!_rule.RestoreBest || !HasBestValues)
        {
            return false;
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            _bestValues![i].CopyTo(parameters[i].Values, 0);
        }

        return true;
    }

    /// <summary>Throws unless <paramref name="state"/>'s early-stopping part fits this rule and <paramref name="parameters"/>.</summary>
    internal void CheckLoadable(TrainerState state, ParameterSet parameters)
    {
        if (state.BestEpoch < 0 || state.EvaluationsWithoutImprovement < 0 || (state.BestEpoch > 0) != state.BestMetric.HasValue)
        {
            throw new ArgumentException(
                $"The trainer state's early-stopping record is inconsistent (BestEpoch {state.BestEpoch}, BestMetric " +
                $"{state.BestMetric?.ToString() ?? "null"}, EvaluationsWithoutImprovement {state.EvaluationsWithoutImprovement}).",
                nameof(state));
        }

        if (!_rule.RestoreBest || state.BestEpoch == 0)
        {
            return;
        }

        IReadOnlyList<double[]> values = state.BestValues ?? throw new ArgumentException(
            "The trainer state has a best epoch but no BestValues, and EarlyStopping.RestoreBest needs them; " +
            "save TrainerState.BestValues with the checkpoint.",
            nameof(state));
        if (values.Count != parameters.Count)
        {
            throw new ArgumentException(
                $"The trainer state has {values.Count} best-value arrays but the set has {parameters.Count} parameters.", nameof(state));
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is null || values[i].Length != parameters[i].Length)
            {
                throw new ArgumentException(
                    $"The trainer state's best values for '{parameters[i].Name}' have {values[i]?.Length ?? 0} entries; " +
                    $"the parameter is {parameters[i].ShapeText}.",
                    nameof(state));
            }
        }
    }

    /// <summary>Takes over the early-stopping part of a state already checked by <see cref="CheckLoadable"/>.</summary>
    internal void Load(TrainerState state, ParameterSet parameters)
    {
        Best = state.BestMetric;
        BestEpoch = state.BestEpoch;
        BestStep = state.BestStep;
        EvaluationsWithoutImprovement = state.EvaluationsWithoutImprovement;
        Stopped = state.EarlyStopped;
        if (_rule.RestoreBest && state.BestValues is { } values && state.BestEpoch > 0)
        {
            _bestValues ??= Allocate(parameters);
            for (int i = 0; i < values.Count; i++)
            {
                values[i].CopyTo(_bestValues[i], 0);
            }
        }
    }

    private static double[][] Allocate(ParameterSet parameters)
    {
        var values = new double[parameters.Count][];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = new double[parameters[i].Length];
        }

        return values;
    }
}
