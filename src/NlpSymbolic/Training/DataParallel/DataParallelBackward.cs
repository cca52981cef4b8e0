using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NlpSymbolic.Training;

/// <summary>
/// Computes a minibatch's gradient on several threads into a <see cref="ParameterSet"/>'s gradient buffers,
/// with a result that depends on the shard count but never on the worker count. <see cref="Trainer{TExample}"/>
/// uses it for every step; use it directly in a hand-written loop.
/// </summary>
/// <remarks>
/// <para>
/// <b>Determinism.</b> A minibatch of B examples is cut into <see cref="ShardCount"/> contiguous shards whose
/// boundaries depend only on B and the shard count. Each shard's examples are run in order into that shard's
/// own zeroed gradient buffers (shard 0 uses the set's own buffers, the others sets made by
/// <see cref="ParameterSet.CreateGradientBuffers"/>), and the shards are then added with a fixed pairwise
/// bracketing, <c>((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))</c> for eight shards (earlier versions added
/// them left to right; results differ from those in the last bits when there are more than two shards). Which
/// thread, or which process (see <see cref="Communicator"/>), computes which shard changes nothing, so 1, 2 or
/// 16 workers on one or several ranks give bit-identical gradients and so bit-identical weights. The reduction
/// itself runs in parallel over slices of each dense parameter; a sparse parameter is reduced by one worker over
/// the touched columns only, which afterwards are listed in increasing order.
/// </para>
/// <para>
/// <b>Several ranks.</b> Each rank computes a contiguous block of the shards and sums the largest subtrees of the
/// bracketing that are all its own; the ranks then finish the tree chunk by chunk (each rank one chunk of the
/// gradient, like a reduce-scatter) and gather the chunks. A sparse-column parameter crosses only in the columns
/// some rank touched this step, each with a flag saying whether the sending subtree touched it.
/// </para>
/// <para>
/// <b>Cost.</b> Each extra shard holds a full set of gradient buffers, so memory is
/// <see cref="ShardCount"/> × the gradient size, and the reduction adds (shards − 1) × the dense gradient size
/// per step. No more than <see cref="ShardCount"/> workers can be busy at once.
/// </para>
/// <para>
/// <b>The backward function</b> runs concurrently on several threads. It must write only into the
/// <see cref="ParameterSet"/> it is given (its gradients, and <see cref="Parameter.TouchColumn"/> on its
/// parameters — not on the ones a lambda captured from the model's own set), read the shared values without
/// writing them, and keep scratch space per call or per thread. With ADD semantics it adds the example's
/// gradient into that set and returns the example's loss.
/// </para>
/// <para>
/// <b>Weight gradients are complete when the shard ends.</b> A shard runs its examples inside
/// <see cref="ParameterSet.DeferGradientUpdates"/>, which lets rank-one updates of its dense weight gradients wait: the backward function must not read the gradient buffers it is
/// given (reading a shard's partial sum was never meaningful: it depends on the shard count).
/// </para>
/// <para>A warmed-up <see cref="ComputeGradients(IReadOnlyList{TExample}, ReadOnlyMemory{int}, int, long, int)"/> allocates nothing on one rank (with several, the exchange reuses its buffers once they have grown).</para>
/// </remarks>
/// <typeparam name="TExample">One training example, as the backward function takes it.</typeparam>
public sealed class DataParallelBackward<TExample> : IDisposable
{
    /// <summary>The shard count used when none is given; fixed rather than derived from the machine, so a run reproduces elsewhere.</summary>
    public const int DefaultShardCount = 8;

    private readonly ParameterSet _parameters;
    private readonly Func<TExample, ParameterSet, ExampleContext, double> _backward;
    private readonly GradientReduction _reduction;
    private readonly ParameterSet[] _shards;
    private readonly double[] _shardLoss;
    private readonly int[] _shardFirstNonFinite;
    private readonly ExceptionDispatchInfo?[] _shardFailure;
    private readonly ShardReduction _reducer;
    private readonly WorkerPool _pool;

    // The minibatch being computed, set by ComputeGradients for the workers to read.
    private IReadOnlyList<TExample>? _examples;
    private ReadOnlyMemory<int> _batch;
    private bool _wholeList;
    private int _count;
    private int _shardsInUse;
    private ShardTree? _plan;
    private int _epoch;
    private long _step;
    private ulong _epochSeed;
    private double _scale;
    private bool _reducing;
    private int _nextShard;
    private int _nextSlice;

    /// <summary>Prepares the shard buffers and starts the worker threads.</summary>
    /// <param name="parameters">The model's parameters; its gradient buffers receive each minibatch's gradient.</param>
    /// <param name="backward">
    /// Adds one example's gradient into the given set's buffers and returns its loss (see the remarks for the
    /// threading rules).
    /// </param>
    /// <param name="shardCount">Contiguous shards per minibatch; results depend on it (see the remarks).</param>
    /// <param name="workerCount">Threads including the calling one; null for <see cref="Environment.ProcessorCount"/>. Capped at <paramref name="shardCount"/>.</param>
    /// <param name="reduction">Whether the optimiser sees the sum or the mean of the examples' gradients.</param>
    /// <param name="communicator">
    /// The ranks the shards are spread over (null for <see cref="Communicator.InProcess"/>). With more than one,
    /// every rank must construct this object and call <see cref="ComputeGradients(IReadOnlyList{TExample}, ReadOnlyMemory{int}, int, long, int)"/>
    /// with the same arguments; each computes its own shards, and all end with the same gradient.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1.</exception>
    /// <exception cref="InvalidOperationException">The ranks disagree on the shard count or the parameters' values.</exception>
    public DataParallelBackward(
        ParameterSet parameters,
        Func<TExample, ParameterSet, ExampleContext, double> backward,
        int shardCount = DefaultShardCount,
        int? workerCount = null,
        GradientReduction reduction = GradientReduction.Mean,
        Communicator? communicator = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(backward);
        HyperparameterGuard.PositiveCount(shardCount, "The shard count", nameof(shardCount));
        int workers = HyperparameterGuard.PositiveCount(workerCount ?? Environment.ProcessorCount, "The worker count", nameof(workerCount));
        if (reduction is not (GradientReduction.Mean or GradientReduction.Sum))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown gradient reduction.");
        }

        _parameters = parameters;
        _backward = backward;
        _reduction = reduction;
        ShardCount = shardCount;
        _shards = new ParameterSet[shardCount];
        _shards[0] = parameters;
        for (int s = 1; s < shardCount; s++)
        {
            _shards[s] = parameters.CreateGradientBuffers();
        }

        _shardLoss = new double[shardCount];
        _shardFirstNonFinite = new int[shardCount];
        _shardFailure = new ExceptionDispatchInfo?[shardCount];
        Communicator = communicator ?? Communicator.InProcess;
        RankAgreement.Check(Communicator, parameters, shardCount);
        _reducer = new ShardReduction(parameters, _shards, Communicator);
        _pool = new WorkerPool(Math.Min(workers, shardCount), Work);
    }

    /// <summary>Like the main constructor, for a backward function that does not need the <see cref="ExampleContext"/>.</summary>
    /// <inheritdoc cref="DataParallelBackward{TExample}(ParameterSet, Func{TExample, ParameterSet, ExampleContext, double}, int, int?, GradientReduction, Communicator?)"/>
    public DataParallelBackward(
        ParameterSet parameters,
        Func<TExample, ParameterSet, double> backward,
        int shardCount = DefaultShardCount,
        int? workerCount = null,
        GradientReduction reduction = GradientReduction.Mean,
        Communicator? communicator = null)
        : this(parameters, IgnoreContext(backward), shardCount, workerCount, reduction, communicator)
    {
    }

    /// <summary>Contiguous shards per minibatch, each with its own gradient buffers.</summary>
    public int ShardCount { get; }

    /// <summary>The ranks the shards are spread over; <see cref="Communicator.InProcess"/> unless one was given.</summary>
    public Communicator Communicator { get; }

    /// <summary>Threads that compute shards, including the calling thread.</summary>
    public int WorkerCount => _pool.WorkerCount;

    /// <summary>
    /// Zeroes the gradients and sets them to the reduced gradient of the examples
    /// <c>examples[batch[0]], examples[batch[1]], …</c>, computed on the workers.
    /// </summary>
    /// <param name="examples">The training examples.</param>
    /// <param name="batch">Indices into <paramref name="examples"/> making up the minibatch, in order.</param>
    /// <param name="epoch">Passed on in <see cref="ExampleContext.Epoch"/>, and part of its seed.</param>
    /// <param name="step">Passed on in <see cref="ExampleContext.Step"/>.</param>
    /// <param name="seed">The run's seed, from which <see cref="ExampleContext.Seed"/> is derived.</param>
    /// <returns>The summed loss and the first example with a non-finite loss.</returns>
    /// <exception cref="ArgumentException">The batch is empty.</exception>
    /// <remarks>
    /// An exception thrown by the backward function is rethrown here (the one from the lowest shard), after
    /// all workers have stopped; the gradients are then incomplete.
    /// </remarks>
    public MinibatchGradient ComputeGradients(
        IReadOnlyList<TExample> examples, ReadOnlyMemory<int> batch, int epoch = 1, long step = 1, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return Compute(examples, batch, wholeList: false, batch.Length, epoch, step, seed);
    }

    /// <summary>
    /// Zeroes the gradients and sets them to the reduced gradient of every example of <paramref name="batch"/>,
    /// in order (context: epoch 1, step 1, seed 0).
    /// </summary>
    /// <inheritdoc cref="ComputeGradients(IReadOnlyList{TExample}, ReadOnlyMemory{int}, int, long, int)"/>
    public MinibatchGradient ComputeGradients(IReadOnlyList<TExample> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Compute(batch, default, wholeList: true, batch.Count, epoch: 1, step: 1, seed: 0);
    }

    /// <summary>Stops the worker threads; the gradient buffers stay usable.</summary>
    public void Dispose() => _pool.Dispose();

    private MinibatchGradient Compute(
        IReadOnlyList<TExample> examples, ReadOnlyMemory<int> batch, bool wholeList, int count, int epoch, long step, int seed)
    {
        if (count == 0)
        {
            throw new ArgumentException("A minibatch needs at least one example.", nameof(batch));
        }

        _examples = examples;
        _batch = batch;
        _wholeList = wholeList;
        _count = count;
        _epoch = epoch;
        _step = step;
        _epochSeed = RunSeeds.ExampleEpoch(seed, epoch);
        _shardsInUse = Math.Min(ShardCount, count);
        _plan = _reducer.Plan(_shardsInUse);
        _scale = _reduction == GradientReduction.Mean ? 1.0 / count : 1.0;
        try
        {
            _reducing = false;
            _nextShard = _plan.FirstShard + 1; // worker 0 takes the rank's first shard first (see Work)
            _pool.Run();
            for (int s = _plan.FirstShard; s < _plan.EndShard; s++)
            {
                if (_shardFailure[s] is { } failure)
                {
                    Array.Clear(_shardFailure);
                    failure.Throw();
                }
            }

            _reducing = true;
            _nextSlice = 0;
            _pool.Run();
            if (_plan.Size > 1)
            {
                _reducer.Exchange(_plan, _scale, _shardLoss, _shardFirstNonFinite);
            }
        }
        finally
        {
            _examples = null; // do not keep the caller's data alive
            _batch = default;
        }

        double loss = 0;
        int firstNonFinite = -1;
        for (int s = 0; s < _shardsInUse; s++)
        {
            loss += _shardLoss[s];
            if (firstNonFinite < 0)
            {
                firstNonFinite = _shardFirstNonFinite[s];
            }
        }

        return new MinibatchGradient(loss, count, firstNonFinite);
    }

    private void Work(int worker)
    {
        if (!_reducing)
        {
            // Shard 0 writes the model's own buffers; computing the rank's first shard on the calling thread
            // keeps that thread's share of the work fixed (and lets tests observe it there).
            ShardTree plan = _plan!;
            if (worker == 0 && plan.FirstShard < plan.EndShard)
            {
                ComputeShard(plan.FirstShard);
            }

            for (int s = Interlocked.Increment(ref _nextShard) - 1; s < plan.EndShard; s = Interlocked.Increment(ref _nextShard) - 1)
            {
                ComputeShard(s);
            }

            return;
        }

        ShardReduction.Slice[] slices = _reducer.Slices;
        for (int i = Interlocked.Increment(ref _nextSlice) - 1; i < slices.Length; i = Interlocked.Increment(ref _nextSlice) - 1)
        {
            _reducer.ReduceSlice(_plan!, slices[i], _scale);
        }
    }

    private void ComputeShard(int shard)
    {
        int start = (int)((long)shard * _count / _shardsInUse);
        int end = (int)((long)(shard + 1) * _count / _shardsInUse);
        ParameterSet gradients = _shards[shard];
        IReadOnlyList<TExample> examples = _examples!;
        double loss = 0;
        int firstNonFinite = -1;
        // The shard's examples add into the same dense weight gradients one rank-one update after another;
        // DeferGradientUpdates lets them wait and adds them as matrix products when the shard ends, so each
        // gradient matrix is streamed once per 32 examples instead of once per example. Which thread runs the
        // shard changes nothing, so results stay bit-identical for any worker count.
        gradients.ZeroGradients();
        DeferredGradientUpdates deferred = gradients.DeferGradientUpdates();
        try
        {
            ReadOnlySpan<int> batch = _batch.Span;
            for (int i = start; i < end; i++)
            {
                int index = _wholeList ? i : batch[i];
                double exampleLoss = _backward(
                    examples[index], gradients, new ExampleContext(index, _epoch, _step, RunSeeds.Example(_epochSeed, index)));
                if (firstNonFinite < 0 && !double.IsFinite(exampleLoss))
                {
                    firstNonFinite = index;
                }

                loss += exampleLoss;
            }
        }
        catch (Exception e)
        {
            _shardFailure[shard] = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            deferred.Dispose();
        }

        _shardLoss[shard] = loss;
        _shardFirstNonFinite[shard] = firstNonFinite;
    }

    /// <summary>Adapts a backward function without context to the form with one.</summary>
    internal static Func<TExample, ParameterSet, ExampleContext, double> IgnoreContext(Func<TExample, ParameterSet, double> backward)
    {
        ArgumentNullException.ThrowIfNull(backward);
        return (example, gradients, _) => backward(example, gradients);
    }
}
