using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace NlpSymbolic.Training;

/// <summary>
/// Adds the shard gradients of a minibatch in the fixed order of a <see cref="ShardTree"/>: in place within this
/// rank, then — over a <see cref="Communicator"/> with more than one rank — the rest of the tree chunk by chunk.
/// </summary>
/// <remarks>
/// A sparse-column parameter is summed column by column with "absent" semantics: a column a subtree did not touch
/// is left out rather than added as zeros (adding +0 would turn a −0 into +0), and the touched columns end in
/// increasing order. Both hold on one process and on many, which is what makes every split agree bit for bit.
/// </remarks>
internal sealed class ShardReduction
{
    // Dense parameters are reduced in slices of this many entries, so a single large matrix still spreads
    // over the workers while a slice (128 KiB) stays cache-friendly.
    private const int ReductionSlice = 1 << 14;

    private readonly ParameterSet[] _shards;
    private readonly Communicator _communicator;
    private readonly ShardTree?[] _plans;
    private readonly RankExchange? _exchange;

    internal ShardReduction(ParameterSet parameters, ParameterSet[] shards, Communicator communicator)
    {
        _shards = shards;
        _communicator = communicator;
        _plans = new ShardTree?[shards.Length + 1];
        Slices = MakeSlices(parameters);
        if (communicator.Size > 1)
        {
            _exchange = new RankExchange(parameters, shards, communicator);
        }
    }

    /// <summary>The units the in-place part is split into for the workers; a sparse parameter is one slice.</summary>
    internal Slice[] Slices { get; }

    /// <summary>The plan for <paramref name="shardsInUse"/> shards (built once per count).</summary>
    internal ShardTree Plan(int shardsInUse) =>
        _plans[shardsInUse] ??= new ShardTree(shardsInUse, _communicator.Size, _communicator.Rank);

    /// <summary>
    /// Runs this rank's in-place additions on one slice; on a single rank also scales it and orders the touched
    /// columns, which finishes the gradient.
    /// </summary>
    internal void ReduceSlice(ShardTree plan, Slice slice, double scale)
    {
        bool finish = plan.Size == 1;
        Parameter first = _shards[0][slice.Parameter];
        if (first.SparseColumns)
        {
            foreach ((int into, int from) in plan.LocalStepList)
            {
                AddColumns(_shards[into][slice.Parameter], _shards[from][slice.Parameter]);
            }

            if (finish)
            {
                first.SortTouchedColumns();
                if (scale != 1.0)
                {
                    first.ScaleGradient(scale);
                }
            }

            return;
        }

        foreach ((int into, int from) in plan.LocalStepList)
        {
            Span<double> sum = _shards[into][slice.Parameter].Gradients.AsSpan(slice.Start, slice.Length);
            TensorPrimitives.Add(sum, _shards[from][slice.Parameter].Gradients.AsSpan(slice.Start, slice.Length), sum);
        }

        if (finish && scale != 1.0)
        {
            Span<double> sum = first.Gradients.AsSpan(slice.Start, slice.Length);
            TensorPrimitives.Multiply(sum, scale, sum);
        }
    }

    /// <summary>
    /// With more than one rank: shares the shards' losses, finishes the tree above the ranks' subtrees and leaves the
    /// scaled whole sum in the model's gradient buffers on every rank (see <see cref="RankExchange"/>).
    /// </summary>
    internal void Exchange(ShardTree plan, double scale, double[] shardLoss, int[] shardFirstNonFinite) =>
        _exchange!.Run(plan, scale, shardLoss, shardFirstNonFinite);

    // into += from over the columns from touched; a column only from touched is copied (absent semantics).
    private static void AddColumns(Parameter into, Parameter from)
    {
        foreach (int column in from.TouchedColumns)
        {
            Span<double> target = into.GradientColumn(column);
            if (into.IsColumnTouched(column))
            {
                TensorPrimitives.Add(target, from.GradientColumn(column), target);
            }
            else
            {
                from.GradientColumn(column).CopyTo(target);
                into.TouchColumn(column);
            }
        }
    }

    private static Slice[] MakeSlices(ParameterSet parameters)
    {
        var slices = new List<Slice>();
        for (int p = 0; p < parameters.Count; p++)
        {
            Parameter parameter = parameters[p];
            if (parameter.SparseColumns)
            {
                slices.Add(new Slice(p, 0, parameter.Length));
                continue;
            }

            for (int start = 0; start < parameter.Length; start += ReductionSlice)
            {
                slices.Add(new Slice(p, start, Math.Min(ReductionSlice, parameter.Length - start)));
            }
        }

        return slices.ToArray();
    }

    /// <summary>A range of one parameter's storage reduced as a unit; a sparse parameter is always one slice.</summary>
    internal readonly record struct Slice(int Parameter, int Start, int Length);
}
