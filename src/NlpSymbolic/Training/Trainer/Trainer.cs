using System;
using System.Collections.Generic;
using System.Threading;

namespace NlpSymbolic.Training;

/// <summary>
/// Minibatch training on all cores: shuffles the examples each epoch, computes each minibatch's gradient with a
/// backward function on several threads, stops loudly on a non-finite loss or gradient, clips, applies the
/// schedule and the optimiser, reports progress, evaluates, stops early and hands resumable states to a
/// checkpoint sink.
/// </summary>
/// <remarks>
/// <para>
/// <b>The backward function</b> receives one example and a <see cref="ParameterSet"/> whose gradient buffers it
/// must add that example's gradient into (ADD semantics, as the generated <c>…Backward</c> methods do), and
/// returns the example's loss. It runs concurrently on worker threads with different sets, so it must write
/// only through the set it is given — <c>gradients[i].GradientMatrix</c>, <c>gradients[i].TouchColumn(…)</c> — and
/// never through the model's own <see cref="Parameter"/> objects; it may read the values freely. The sets share
/// the model's values, so <c>gradients[i].ValueMatrix</c> is the weight matrix. The
/// <see cref="ExampleContext"/> overload adds a per-example seed for randomness that does not depend on the
/// thread count.
/// </para>
/// <para>
/// <b>A step</b>: zero the gradients; compute the minibatch's gradient (<see cref="DataParallelBackward{TExample}"/>);
/// throw <see cref="TrainingDivergedException"/> if the loss or a gradient is not finite; clip; set the learning
/// rate from the schedule; <see cref="Optimizer.Step"/>. The same options and seed give bit-identical weights
/// for any <see cref="TrainerOptions.WorkerCount"/>, and a warmed-up step allocates nothing on the calling thread
/// (progress reports, evaluations and checkpoints do, when they happen).
/// </para>
/// <para>
/// <b>Resuming</b>: save <see cref="Parameter.Values"/>, <see cref="Optimizer.ExportState"/> and
/// <see cref="ExportState"/> (a <see cref="TrainingCheckpoint"/> holds all three); later build the same model,
/// load the values, <see cref="Optimizer.LoadState"/> and <see cref="LoadState"/>, and <see cref="Train"/>
/// continues exactly as the uninterrupted run would have.
/// </para>
/// <para>A trainer is not thread-safe: call <see cref="Train"/> from one thread at a time.</para>
/// </remarks>
/// <typeparam name="TExample">One training example as the backward function takes it.</typeparam>
public sealed class Trainer<TExample>
{
    private readonly Func<TExample, ParameterSet, ExampleContext, double> _backward;
    private readonly EarlyStoppingTracker? _earlyStopping;
    private int[] _order = [];
    private int _orderEpoch; // the 1-based epoch _order holds, 0 for none
    private bool _running;
    private ProgressMeter? _meter;

    private long _step;
    private int _completedEpochs;
    private int _positionInEpoch;
    private long _examplesSeen;
    private int _trainingSetCount;
    private double _epochLossSum;
    private TimeSpan _elapsed;

    /// <summary>Creates a trainer for a backward function that does not need an <see cref="ExampleContext"/>.</summary>
    /// <param name="parameters">The model's parameters; their gradient buffers receive each minibatch's gradient.</param>
    /// <param name="optimizer">Updates the parameters after each minibatch.</param>
    /// <param name="backward">Adds one example's gradient into the given set and returns its loss (see the remarks).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">Early stopping is set without an evaluation callback.</exception>
    public Trainer(ParameterSet parameters, Optimizer optimizer, Func<TExample, ParameterSet, double> backward, TrainerOptions? options = null)
        : this(parameters, optimizer, DataParallelBackward<TExample>.IgnoreContext(backward), options)
    {
    }

    /// <summary>Creates a trainer for a backward function that uses the <see cref="ExampleContext"/> (e.g. its seed).</summary>
    /// <inheritdoc cref="Trainer{TExample}(ParameterSet, Optimizer, Func{TExample, ParameterSet, double}, TrainerOptions?)"/>
    public Trainer(
        ParameterSet parameters, Optimizer optimizer, Func<TExample, ParameterSet, ExampleContext, double> backward, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(backward);
        options ??= new TrainerOptions();
        options.Validate();
        Parameters = parameters;
        Optimizer = optimizer;
        Options = options;
        History = options.History ?? new MetricHistory();
        _backward = backward;
        _earlyStopping = options.EarlyStopping is { } rule ? new EarlyStoppingTracker(rule) : null;
    }

    /// <summary>The model's parameters.</summary>
    public ParameterSet Parameters { get; }

    /// <summary>The optimiser.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Every metric recorded by this trainer (and by earlier ones, if passed in <see cref="TrainerOptions.History"/>).</summary>
    public MetricHistory History { get; }

    /// <summary>Updates made so far, including resumed ones.</summary>
    public long Step => _step;

    /// <summary>Epochs completed so far, including resumed ones.</summary>
    public int CompletedEpochs => _completedEpochs;

    /// <summary>
    /// Trains on <paramref name="trainingSet"/> until <see cref="TrainerOptions.MaxEpochs"/> or
    /// <see cref="TrainerOptions.MaxSteps"/> is reached, early stopping ends the run, or
    /// <paramref name="cancellationToken"/> is signalled. Calling it again continues where it stopped.
    /// </summary>
    /// <param name="trainingSet">The examples; read from worker threads, so do not change it during the call.</param>
    /// <param name="cancellationToken">
    /// Checked before the first step and after every step: when signalled, training stops after the running step
    /// (and its epoch's evaluation, if it ended one), the checkpoint sink is called once with
    /// <see cref="CheckpointReason.Cancelled"/>, and the result says <see cref="TrainingOutcome.Cancelled"/> — unless
    /// that step ended the run anyway. No exception is thrown.
    /// </param>
    /// <returns>Why and where training stopped.</returns>
    /// <exception cref="TrainingDivergedException">A step produced a NaN or infinite loss or gradient; that step was not applied.</exception>
    /// <exception cref="ArgumentException">The list is empty, or its size differs from the one of the interrupted epoch being resumed.</exception>
    /// <exception cref="InvalidOperationException">Training is already running, or the evaluation lacks the early-stopping metric.</exception>
    /// <remarks>Exceptions from the backward function, the evaluation or the checkpoint sink propagate unchanged.</remarks>
    public TrainingResult Train(IReadOnlyList<TExample> trainingSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainingSet);
        if (trainingSet.Count == 0)
        {
            throw new ArgumentException("The training set is empty.", nameof(trainingSet));
        }

        if (_positionInEpoch > 0 && trainingSet.Count != _trainingSetCount)
        {
            throw new ArgumentException(
                $"The run being resumed stopped inside an epoch over {_trainingSetCount} examples; this training set has " +
                $"{trainingSet.Count}. Resume with the same examples in the same order.",
                nameof(trainingSet));
        }

        if (_running)
        {
            throw new InvalidOperationException("This trainer is already training; a trainer runs one Train call at a time.");
        }

        _running = true;
        try
        {
            if (_trainingSetCount != trainingSet.Count)
            {
                _trainingSetCount = trainingSet.Count;
                _orderEpoch = 0;
            }

            _meter = new ProgressMeter(Options, History, TotalSteps(), _elapsed, _step);
            using var gradients = new DataParallelBackward<TExample>(
                Parameters, _backward, Options.ShardCount, Options.WorkerCount, Options.Reduction, Options.Communicator);
            return Run(trainingSet, gradients, cancellationToken);
        }
        finally
        {
            if (_meter is not null)
            {
                _elapsed = _meter.Elapsed;
                _meter = null;
            }

            _running = false;
        }
    }

    /// <summary>
    /// The trainer's position, settings and early-stopping record, for a checkpoint. <see cref="TrainerState.BestValues"/>
    /// are live views of the kept best parameters: serialise them before training continues.
    /// </summary>
    public TrainerState ExportState() => new()
    {
        Step = _step,
        CompletedEpochs = _completedEpochs,
        PositionInEpoch = _positionInEpoch,
        ExamplesSeen = _examplesSeen,
        TrainingSetCount = _trainingSetCount,
        EpochLossSum = _epochLossSum,
        Elapsed = _meter?.Elapsed ?? _elapsed,
        Seed = Options.Seed,
        BatchSize = Options.BatchSize,
        ShardCount = Options.ShardCount,
        Shuffle = Options.Shuffle,
        Reduction = Options.Reduction,
        BestMetric = _earlyStopping?.Best,
        BestEpoch = _earlyStopping?.BestEpoch ?? 0,
        BestStep = _earlyStopping?.BestStep ?? 0,
        EvaluationsWithoutImprovement = _earlyStopping?.EvaluationsWithoutImprovement ?? 0,
        EarlyStopped = _earlyStopping?.Stopped ?? false,
        BestValues = _earlyStopping is { HasBestValues: true } tracker ? tracker.BestValues : null,
    };

    /// <summary>
    /// Continues from a saved <see cref="TrainerState"/>: load the parameter values and the optimiser state too,
    /// then <see cref="Train"/> on the same examples. Nothing changes when the state is rejected.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The state was saved with a different seed, batch size, shard count, shuffle or reduction (which would not
    /// continue the same run), is inconsistent, or its best values do not fit the parameters.
    /// </exception>
    /// <exception cref="InvalidOperationException">Training is running.</exception>
    /// <remarks>
    /// The early-stopping record is taken over when this trainer has <see cref="TrainerOptions.EarlyStopping"/>
    /// and ignored otherwise. The <see cref="MetricHistory"/> is not part of the state; pass the old one in
    /// <see cref="TrainerOptions.History"/> to continue its curves.
    /// </remarks>
    public void LoadState(TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_running)
        {
            throw new InvalidOperationException("Cannot load a state while training.");
        }

        CheckSame("Seed", state.Seed, Options.Seed);
        CheckSame("BatchSize", state.BatchSize, Options.BatchSize);
        CheckSame("ShardCount", state.ShardCount, Options.ShardCount);
        CheckSame("Shuffle", state.Shuffle, Options.Shuffle);
        CheckSame("Reduction", state.Reduction, Options.Reduction);
        if (state.Step < 0 || state.CompletedEpochs < 0 || state.ExamplesSeen < 0 || state.TrainingSetCount < 0 ||
            state.PositionInEpoch < 0 || (state.PositionInEpoch > 0 && state.PositionInEpoch >= state.TrainingSetCount) ||
            state.Elapsed < TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"The trainer state is inconsistent: step {state.Step}, {state.CompletedEpochs} epochs completed, position " +
                $"{state.PositionInEpoch} in an epoch of {state.TrainingSetCount} examples, {state.ExamplesSeen} examples seen, " +
                $"elapsed {state.Elapsed}.",
                nameof(state));
        }

        _earlyStopping?.CheckLoadable(state, Parameters);

        _step = state.Step;
        _completedEpochs = state.CompletedEpochs;
        _positionInEpoch = state.PositionInEpoch;
        _examplesSeen = state.ExamplesSeen;
        _trainingSetCount = state.TrainingSetCount;
        _epochLossSum = state.EpochLossSum;
        _elapsed = state.Elapsed;
        _orderEpoch = 0;
        _earlyStopping?.Load(state, Parameters);
    }

    private TrainingResult Run(IReadOnlyList<TExample> trainingSet, DataParallelBackward<TExample> gradients, CancellationToken cancellationToken)
    {
        ProgressMeter meter = _meter!;
        double? lastEpochLoss = null;
        IReadOnlyDictionary<string, double>? lastMetrics = null;
        if (_earlyStopping is { Stopped: true })
        {
            return Result(TrainingOutcome.EarlyStopped, lastEpochLoss, lastMetrics, restoredBest: false);
        }

        if (_completedEpochs >= Options.MaxEpochs || _step >= Options.MaxSteps)
        {
            return Result(TrainingOutcome.Completed, lastEpochLoss, lastMetrics, restoredBest: false);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            SaveCheckpoint(CheckpointReason.Cancelled);
            return Result(TrainingOutcome.Cancelled, lastEpochLoss, lastMetrics, restoredBest: false);
        }

        int count = trainingSet.Count;
        while (true)
        {
            int epoch = _completedEpochs + 1;
            PrepareOrder(count, epoch);
            int batchSize = Math.Min(Options.BatchSize, count - _positionInEpoch);
            long step = _step + 1;
            bool endsEpoch = _positionInEpoch + batchSize == count;
            bool lastStep = step >= Options.MaxSteps || (endsEpoch && epoch >= Options.MaxEpochs);
            bool report = endsEpoch || lastStep || meter.IsDue(step);

            MinibatchGradient batch = gradients.ComputeGradients(
                trainingSet, _order.AsMemory(_positionInEpoch, batchSize), epoch, step, Options.Seed);
            ThrowIfDiverged(batch, step, epoch);
            double norm = Clip();
            if (report && double.IsNaN(norm))
            {
                norm = Parameters.GradientNorm();
            }

            Options.Schedule?.Apply(Optimizer);
            double learningRate = Optimizer.LearningRate;
            Optimizer.Step(Parameters);

            _step = step;
            _positionInEpoch += batchSize;
            _examplesSeen += batchSize;
            _epochLossSum += batch.Loss;
            meter.Add(batch.Loss, batchSize);

            IReadOnlyDictionary<string, double>? metrics = null;
            bool stopEarly = false;
            if (endsEpoch)
            {
                lastEpochLoss = EndEpoch(step, epoch, count, out metrics, out stopEarly);
                lastMetrics = metrics ?? lastMetrics;
            }

            if (report)
            {
                meter.Report(step, epoch, endsEpoch ? 1.0 : (double)_positionInEpoch / count, endsEpoch, _examplesSeen,
                    learningRate, norm, metrics);
            }

            if (stopEarly || lastStep)
            {
                // Saved before restoring the best values, so the checkpoint's parameters and optimiser state belong
                // together and the run stays resumable; the best values are in the state.
                SaveCheckpoint(stopEarly ? CheckpointReason.EarlyStopped : CheckpointReason.Completed);
                bool restored = _earlyStopping?.RestoreInto(Parameters) ?? false;
                return Result(stopEarly ? TrainingOutcome.EarlyStopped : TrainingOutcome.Completed, lastEpochLoss, lastMetrics, restored);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                SaveCheckpoint(CheckpointReason.Cancelled);
                return Result(TrainingOutcome.Cancelled, lastEpochLoss, lastMetrics, restoredBest: false);
            }

            if (endsEpoch && Options.CheckpointEachEpoch)
            {
                SaveCheckpoint(CheckpointReason.EpochEnd);
            }
            else if (Options.CheckpointEverySteps > 0 && step % Options.CheckpointEverySteps == 0)
            {
                SaveCheckpoint(CheckpointReason.Interval);
            }
        }
    }

    /// <summary>Closes the epoch: its mean loss, the evaluation and the early-stopping rule.</summary>
    private double EndEpoch(long step, int epoch, int count, out IReadOnlyDictionary<string, double>? metrics, out bool stopEarly)
    {
        double epochLoss = _epochLossSum / count;
        _completedEpochs = epoch;
        _positionInEpoch = 0;
        _epochLossSum = 0;
        History.Add(MetricHistory.TrainEpochLoss, step, epoch, epochLoss);
        metrics = null;
        stopEarly = false;
        if (Options.Evaluate is null)
        {
            return epochLoss;
        }

        Func<IReadOnlyDictionary<string, double>?> evaluate = Options.Evaluate;
        metrics = SpeakerMetrics.Evaluate(Options.Communicator ?? Communicator.InProcess, () =>
            evaluate() ?? throw new InvalidOperationException("TrainerOptions.Evaluate returned null; return an empty dictionary for no metrics."));
        foreach (KeyValuePair<string, double> metric in metrics)
        {
            History.Add(metric.Key, step, epoch, metric.Value);
        }

        stopEarly = _earlyStopping?.Observe(metrics, epoch, step, Parameters) ?? false;
        return epochLoss;
    }

    private void PrepareOrder(int count, int epoch)
    {
        if (_orderEpoch == epoch && _order.Length == count)
        {
            return;
        }

        if (_order.Length != count)
        {
            _order = new int[count];
        }

        EpochOrder.Fill(_order, Options.Seed, epoch, Options.Shuffle);
        _orderEpoch = epoch;
    }

    private void ThrowIfDiverged(MinibatchGradient batch, long step, int epoch)
    {
        // Checked before clipping: clipping by value would turn an infinity into a finite number.
        string? parameter = Parameters.FirstNonFiniteGradient();
        if (parameter is not null || !double.IsFinite(batch.Loss))
        {
            throw new TrainingDivergedException(
                step, epoch, parameter, batch.Loss, batch.FirstNonFiniteLossIndex >= 0 ? batch.FirstNonFiniteLossIndex : null);
        }
    }

    /// <summary>Applies the configured clipping; returns the norm before clipping, or NaN when there is none.</summary>
    private double Clip()
    {
        double norm = double.NaN;
        if (Options.ClipGradientValue is double value)
        {
            norm = GradientClipping.ClipByValue(Parameters, value);
        }

        if (Options.ClipGradientNorm is double maxNorm)
        {
            double before = GradientClipping.ClipByGlobalNorm(Parameters, maxNorm);
            norm = double.IsNaN(norm) ? before : norm;
        }

        return norm;
    }

    private void SaveCheckpoint(CheckpointReason reason)
    {
        if (Options.Communicator is not { Speaks: false }) // rank 0 writes; the others hold the same numbers
        {
            Options.Checkpoints?.Save(new TrainingCheckpoint(reason, Parameters, Optimizer, ExportState(), History));
        }
    }

    /// <summary>The step the run ends at unless stopped early.</summary>
    private long? TotalSteps()
    {
        long stepsPerEpoch = (_trainingSetCount + Options.BatchSize - 1) / Options.BatchSize;
        long remainingInEpoch = (_trainingSetCount - _positionInEpoch + Options.BatchSize - 1) / Options.BatchSize;
        long byEpochs = _completedEpochs >= Options.MaxEpochs
            ? _step
            : _step + remainingInEpoch + (Options.MaxEpochs - _completedEpochs - 1) * stepsPerEpoch;
        return Options.MaxSteps is long maxSteps ? Math.Min(byEpochs, maxSteps) : byEpochs;
    }

    private TrainingResult Result(
        TrainingOutcome outcome, double? lastEpochLoss, IReadOnlyDictionary<string, double>? lastMetrics, bool restoredBest) => new()
    {
        Outcome = outcome,
        Steps = _step,
        CompletedEpochs = _completedEpochs,
        ExamplesSeen = _examplesSeen,
        Elapsed = _meter?.Elapsed ?? _elapsed,
        LastEpochLoss = lastEpochLoss,
        LastMetrics = lastMetrics,
        BestMetric = _earlyStopping?.Best,
        BestEpoch = _earlyStopping is { BestEpoch: > 0 } tracker ? tracker.BestEpoch : null,
        RestoredBest = restoredBest,
    };

    private static void CheckSame<T>(string setting, T saved, T current)
    {
        if (!EqualityComparer<T>.Default.Equals(saved, current))
        {
            throw new ArgumentException(
                $"The trainer state was saved with {setting} = {saved}, but this trainer has {setting} = {current}; " +
                "a different value would not continue the same run. Use the saved one in TrainerOptions.",
                "state");
        }
    }
}
