using System;
using System.Collections.Generic;
using System.Linq;
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

    // A dense parameter of at least this many entries crosses between ranks straight from and into its own gradient
    // array (two collectives of its own); smaller ones ride in the packed vector, where copying 8 KB costs less than
    // the latency of two more collectives.
    internal const int DirectMinimum = 1 << 10;

    private readonly ParameterSet _parameters;
    private readonly ParameterSet[] _shards;
    private readonly Communicator _communicator;
    private readonly ShardTree?[] _plans;
    private readonly GradientLayout? _layout;
    private double[] _send = [];
    private double[] _receive = [];
    private double[] _flat = [];
    private readonly bool _hasSparse;
    private readonly int[]?[] _columns;
    private double[] _columnBuffer = [];
    private double[] _small = [];
    private readonly List<int> _mine = new();
    private readonly int[] _sendCounts;
    private readonly int[] _receiveCounts;
    private readonly int[] _direct;

    internal ShardReduction(ParameterSet parameters, ParameterSet[] shards, Communicator communicator)
    {
        _parameters = parameters;
        _shards = shards;
        _communicator = communicator;
        _plans = new ShardTree?[shards.Length + 1];
        Slices = MakeSlices(parameters);
        int size = communicator.Size;
        _sendCounts = new int[size];
        _receiveCounts = new int[size];
        var direct = new bool[parameters.Count];
        for (int p = 0; p < parameters.Count; p++)
        {
            direct[p] = !parameters[p].SparseColumns && parameters[p].Length >= DirectMinimum;
        }

        _direct = [.. Enumerable.Range(0, parameters.Count).Where(p => direct[p])];
        if (size > 1)
        {
            _layout = new GradientLayout(parameters, size, leftOut: direct);
        }

        _columns = new int[parameters.Count][];
        foreach (Parameter parameter in parameters)
        {
            _hasSparse |= parameter.SparseColumns;
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
    /// With more than one rank: shares the shards' losses (into <paramref name="shardLoss"/> and
    /// <paramref name="shardFirstNonFinite"/>), finishes the tree above the ranks' subtrees chunk by chunk, and
    /// leaves the scaled whole sum in the model's gradient buffers on every rank. One small all-gather, one more
    /// with sparse-column parameters, two collectives for the packed vector of the small and sparse parameters, and
    /// two for each large dense parameter (see <see cref="DirectMinimum"/>).
    /// </summary>
    internal void Exchange(ShardTree plan, double scale, double[] shardLoss, int[] shardFirstNonFinite)
    {
        GradientLayout layout = _layout!;
        _mine.Clear();
        ShareLossesAndColumnCounts(plan, shardLoss, shardFirstNonFinite, _mine);
        if (_hasSparse)
        {
            AgreeOnColumns(plan, layout, _mine);
        }

        foreach (int p in _direct)
        {
            ExchangeDirect(plan, p, scale);
        }

        // Even with nothing to pack: unpacking also clears the sparse parameters' gradients, which on a rank that
        // does not compute shard 0 may still hold an earlier step's columns (the word2vec test on two ranks fails
        // when an empty exchange is skipped).
        ExchangePacked(plan, layout, scale);
    }

    /// <summary>
    /// Finishes one large dense parameter without copying it into the packed vector: chunk q of it (a contiguous
    /// range) is sent to rank q straight from the gradient array of this rank's one subtree, rank q adds the
    /// subtrees' chunks in the tree's order, writes the scaled sum into the model's gradient array and every rank
    /// gathers the chunks there in place. The additions are those of <see cref="ExchangePacked"/>, element by element.
    /// </summary>
    private void ExchangeDirect(ShardTree plan, int p, double scale)
    {
        int size = plan.Size;
        int rank = plan.Rank;
        int length = _parameters[p].Length;
        int own = plan.OwnNodes.Length;
        int sendLength = 0;
        for (int q = 0; q < size; q++)
        {
            _sendCounts[q] = own * DirectChunkLength(length, size, q);
            _receiveCounts[q] = plan.NodesPerRank[q] * DirectChunkLength(length, size, rank);
            sendLength += _sendCounts[q];
        }

        if (size == 2 && own == 1 && plan.NodesPerRank[1 - rank] == 1 && _communicator.SumsPairs)
        {
            SumPairInPlace(plan, p, scale);
            return;
        }

        ReadOnlySpan<double> send;
        if (own == 1)
        {
            // Chunks are consecutive, so the whole array with these counts is the send buffer as it stands.
            send = _shards[plan.Nodes[plan.OwnNodes[0]].Lo][p].Gradients;
        }
        else
        {
            EnsureLength(ref _send, sendLength);
            int at = 0;
            for (int q = 0; q < size; q++)
            {
                int start = DirectChunkStart(length, size, q), chunkLength = DirectChunkLength(length, size, q);
                foreach (int node in plan.OwnNodes)
                {
                    _shards[plan.Nodes[node].Lo][p].Gradients.AsSpan(start, chunkLength).CopyTo(_send.AsSpan(at));
                    at += chunkLength;
                }
            }

            send = _send.AsSpan(0, sendLength);
        }

        int chunk = DirectChunkLength(length, size, rank);
        EnsureLength(ref _receive, plan.Nodes.Length * chunk);
        _communicator.AllToAll(send, _sendCounts, _receive, _receiveCounts);
        double[] gradients = _parameters[p].Gradients;
        Span<double> mine = gradients.AsSpan(DirectChunkStart(length, size, rank), chunk);
        (int Into, int From)[] steps = plan.UpperSteps;
        bool rootWritten = false;
        for (int i = 0; i < steps.Length; i++)
        {
            Span<double> sum = _receive.AsSpan(steps[i].Into * chunk, chunk);
            ReadOnlySpan<double> from = _receive.AsSpan(steps[i].From * chunk, chunk);
            if (i < steps.Length - 1 || steps[i].Into != 0)
            {
                TensorPrimitives.Add(sum, from, sum);
            }
            else
            {
                // The root's step writes the scaled sum straight into the model's gradient: one pass, not three.
                // (x + y) · s rounds twice, exactly as adding and then scaling.
                if (scale != 1.0)
                {
                    TensorPrimitives.AddMultiply(sum, from, scale, mine);
                }
                else
                {
                    TensorPrimitives.Add(sum, from, mine);
                }

                rootWritten = true;
            }
        }

        if (!rootWritten)
        {
            Scale(_receive.AsSpan(0, chunk), scale, mine);
        }

        for (int q = 0; q < size; q++)
        {
            _receiveCounts[q] = DirectChunkLength(length, size, q);
        }

        _communicator.AllGather(gradients, _receiveCounts);
    }

    /// <summary>
    /// Two ranks holding one subtree each: the tree's last step is one addition a + b per number, and addition is
    /// commutative, so the communicator's own sum of the pair (MPI_Allreduce) gives the tree's result bit for bit
    /// whichever rank adds. Then the scaled sum goes into the model's gradient.
    /// </summary>
    private void SumPairInPlace(ShardTree plan, int p, double scale)
    {
        double[] subtree = _shards[plan.Nodes[plan.OwnNodes[0]].Lo][p].Gradients;
        _communicator.SumPair(subtree);
        Scale(subtree, scale, _parameters[p].Gradients);
    }

    private static void Scale(ReadOnlySpan<double> source, double scale, Span<double> into)
    {
        if (scale != 1.0)
        {
            TensorPrimitives.Multiply(source, scale, into);
        }
        else if (!source.Overlaps(into))
        {
            source.CopyTo(into);
        }
    }

    private static int DirectChunkStart(int length, int size, int chunk) => (int)((long)chunk * length / size);

    private static int DirectChunkLength(int length, int size, int chunk) =>
        DirectChunkStart(length, size, chunk + 1) - DirectChunkStart(length, size, chunk);

    /// <summary>The small dense and the sparse-column parameters, packed into one flat vector (see <see cref="GradientLayout"/>).</summary>
    private void ExchangePacked(ShardTree plan, GradientLayout layout, double scale)
    {
        int size = plan.Size;
        int rank = plan.Rank;
        int own = plan.OwnNodes.Length;
        int nodes = plan.Nodes.Length;
        int sendLength = 0;
        for (int q = 0; q < size; q++)
        {
            _sendCounts[q] = own * layout.ChunkLength(q);
            _receiveCounts[q] = plan.NodesPerRank[q] * layout.ChunkLength(rank);
            sendLength += _sendCounts[q];
        }

        EnsureLength(ref _send, sendLength);
        EnsureLength(ref _flat, layout.Length);
        EnsureLength(ref _receive, nodes * layout.ChunkLength(rank));
        int at = 0;
        for (int q = 0; q < size; q++)
        {
            int length = layout.ChunkLength(q);
            foreach (int node in plan.OwnNodes)
            {
                layout.Pack(_shards[plan.Nodes[node].Lo], q, _send.AsSpan(at, length));
                at += length;
            }
        }

        _communicator.AllToAll(_send.AsSpan(0, sendLength), _sendCounts, _receive, _receiveCounts);
        int chunk = layout.ChunkLength(rank);
        foreach ((int into, int from) in plan.UpperSteps)
        {
            layout.Combine(_receive.AsSpan(into * chunk, chunk), _receive.AsSpan(from * chunk, chunk), rank);
        }

        for (int q = 0; q < size; q++)
        {
            _receiveCounts[q] = layout.ChunkLength(q);
        }

        _receive.AsSpan(0, chunk).CopyTo(_flat.AsSpan(layout.ChunkStart[rank]));
        _communicator.AllGather(_flat.AsSpan(0, layout.Length), _receiveCounts);
        layout.Unpack(_flat, _parameters, scale);
    }

    /// <summary>
    /// One small all-gather: every shard's loss and first non-finite example, and each rank's number of touched
    /// columns per sparse parameter (a block of 2 × shards + parameters numbers per rank).
    /// </summary>
    private void ShareLossesAndColumnCounts(ShardTree plan, double[] shardLoss, int[] shardFirstNonFinite, List<int> mine)
    {
        int block = (2 * plan.Shards) + _parameters.Count;
        EnsureLength(ref _small, block * plan.Size);
        Span<double> own = _small.AsSpan(block * plan.Rank, block);
        own.Clear();
        for (int s = plan.FirstShard; s < plan.EndShard; s++)
        {
            own[2 * s] = shardLoss[s];
            own[(2 * s) + 1] = shardFirstNonFinite[s];
        }

        for (int p = 0; p < _parameters.Count; p++)
        {
            if (_parameters[p].SparseColumns)
            {
                own[(2 * plan.Shards) + p] = CollectColumns(plan, p, mine);
            }
        }

        Array.Fill(_receiveCounts, block);
        _communicator.AllGather(_small.AsSpan(0, block * plan.Size), _receiveCounts);
        for (int s = 0; s < plan.Shards; s++)
        {
            int at = (block * plan.Owner(s)) + (2 * s);
            shardLoss[s] = _small[at];
            shardFirstNonFinite[s] = (int)_small[at + 1];
        }
    }

    // Appends this rank's touched columns of parameter p (over its subtrees, increasing, distinct); returns how many.
    private int CollectColumns(ShardTree plan, int p, List<int> mine)
    {
        int before = mine.Count;
        foreach (int node in plan.OwnNodes)
        {
            foreach (int column in _shards[plan.Nodes[node].Lo][p].TouchedColumns)
            {
                mine.Add(column);
            }
        }

        mine.Sort(before, mine.Count - before, null);
        int write = before;
        for (int i = before; i < mine.Count; i++)
        {
            if (i == before || mine[i] != mine[write - 1])
            {
                mine[write++] = mine[i];
            }
        }

        mine.RemoveRange(write, mine.Count - write);
        return write - before;
    }

    /// <summary>
    /// Agrees on the union over all ranks of each sparse parameter's touched columns, in increasing order (one
    /// all-gather of the column numbers), and lays the exchange out with just those columns.
    /// </summary>
    private void AgreeOnColumns(ShardTree plan, GradientLayout layout, List<int> mine)
    {
        int size = plan.Size;
        int block = (2 * plan.Shards) + _parameters.Count;
        int total = 0;
        for (int q = 0; q < size; q++)
        {
            int n = 0;
            for (int p = 0; p < _parameters.Count; p++)
            {
                n += (int)_small[(q * block) + (2 * plan.Shards) + p];
            }

            _receiveCounts[q] = n;
            total += n;
        }

        EnsureLength(ref _columnBuffer, total);
        int at = Offset(_receiveCounts, plan.Rank);
        for (int i = 0; i < mine.Count; i++)
        {
            _columnBuffer[at + i] = mine[i];
        }

        _communicator.AllGather(_columnBuffer.AsSpan(0, total), _receiveCounts);
        var union = new SortedSet<int>[_parameters.Count];
        for (int q = 0, read = 0; q < size; q++)
        {
            for (int p = 0; p < _parameters.Count; p++)
            {
                int n = (int)_small[(q * block) + (2 * plan.Shards) + p];
                for (int i = 0; i < n; i++)
                {
                    (union[p] ??= new SortedSet<int>()).Add((int)_columnBuffer[read++]);
                }
            }
        }

        for (int p = 0; p < _parameters.Count; p++)
        {
            _columns[p] = union[p] is { } set ? [.. set] : null;
        }

        layout.Build(_columns);
    }

    private static int Offset(int[] counts, int rank)
    {
        int offset = 0;
        for (int q = 0; q < rank; q++)
        {
            offset += counts[q];
        }

        return offset;
    }

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

    private static void EnsureLength(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[length];
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
