using System;
using System.Linq;
using System.Numerics.Tensors;

namespace NlpSymbolic.Training;

/// <summary>
/// Finishes a step's gradient over several ranks: after each rank has summed its own subtrees of the shard tree,
/// shares the shards' losses and the touched columns, adds the subtrees above in the tree's order and leaves the
/// scaled whole sum in the model's gradient buffers on every rank.
/// </summary>
/// <remarks>
/// Per step: one small all-gather (the losses and the touched columns' bits, <see cref="ColumnUnion"/>); for each
/// large dense parameter (see <see cref="DirectMinimum"/>) two collectives straight from its gradient array; and two
/// for the packed vector of the small dense and the sparse parameters (<see cref="GradientLayout"/>). Two ranks
/// that hold one subtree each swap their sums instead, in one round of messages and no collective
/// (<see cref="PairExchange"/>).
/// </remarks>
internal sealed class RankExchange
{
    // A dense parameter of at least this many entries crosses between ranks straight from and into its own gradient
    // array; smaller ones ride in the packed vector, where copying them costs less than one more collective's
    // latency (each collective waits for every rank: under load, a rank that has lost its core stalls the others).
    internal const int DirectMinimum = 1 << 15;

    private readonly ParameterSet _parameters;
    private readonly ParameterSet[] _shards;
    private readonly Communicator _communicator;
    private readonly GradientLayout _layout;
    private readonly ColumnUnion _union;
    private readonly PairExchange? _pair;
    private readonly int[] _direct;
    private readonly int[] _sendCounts;
    private readonly int[] _receiveCounts;
    private double[] _send = [];
    private double[] _receive = [];
    private double[] _flat = [];
    private double[] _small = [];

    internal RankExchange(ParameterSet parameters, ParameterSet[] shards, Communicator communicator)
    {
        _parameters = parameters;
        _shards = shards;
        _communicator = communicator;
        int size = communicator.Size;
        _sendCounts = new int[size];
        _receiveCounts = new int[size];
        bool[] direct = [.. parameters.Select(p => !p.SparseColumns && p.Length >= DirectMinimum)];
        _direct = [.. Enumerable.Range(0, parameters.Count).Where(p => direct[p])];
        _layout = new GradientLayout(parameters, size, leftOut: direct);
        _union = new ColumnUnion(parameters);
        if (communicator.SwapsPairs)
        {
            _pair = new PairExchange(parameters, shards, communicator, direct);
        }
    }

    /// <summary>
    /// Shares the shards' losses (into <paramref name="shardLoss"/> and <paramref name="shardFirstNonFinite"/>),
    /// finishes the tree above the ranks' subtrees, and leaves the sum times <paramref name="scale"/> in the model's
    /// gradient buffers.
    /// </summary>
    internal void Run(ShardTree plan, double scale, double[] shardLoss, int[] shardFirstNonFinite)
    {
        if (_pair is not null && plan.Size == 2 && plan.NodesPerRank[0] == 1 && plan.NodesPerRank[1] == 1)
        {
            _pair.Run(plan, scale, shardLoss, shardFirstNonFinite);
            return;
        }

        ShareLossesAndColumns(plan, shardLoss, shardFirstNonFinite);
        foreach (int p in _direct)
        {
            ExchangeDirect(plan, p, scale);
        }

        // Even with nothing to pack: unpacking also clears the sparse parameters' gradients, which on a rank that
        // does not compute shard 0 may still hold an earlier step's columns (the word2vec test on two ranks fails
        // when an empty exchange skips unpacking).
        ExchangePacked(plan, _layout, scale);
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
        if (layout.Length == 0)
        {
            // Every rank has the same layout, so all of them skip the collectives; unpacking still clears.
            layout.Unpack([], _parameters, scale);
            return;
        }

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
    /// One all-gather of a fixed block per rank: every shard's loss and first non-finite example (2 × shards
    /// numbers), then the bits of the columns this rank's subtrees touched; lays the packed vector out with the union
    /// of the touched columns.
    /// </summary>
    private void ShareLossesAndColumns(ShardTree plan, double[] shardLoss, int[] shardFirstNonFinite)
    {
        int block = (2 * plan.Shards) + _union.Numbers;
        EnsureLength(ref _small, block * plan.Size);
        Span<double> own = _small.AsSpan(block * plan.Rank, block);
        own.Clear();
        for (int s = plan.FirstShard; s < plan.EndShard; s++)
        {
            own[2 * s] = shardLoss[s];
            own[(2 * s) + 1] = shardFirstNonFinite[s];
        }

        foreach (int node in plan.OwnNodes)
        {
            _union.Write(_shards[plan.Nodes[node].Lo], own[(2 * plan.Shards)..]);
        }

        Array.Fill(_receiveCounts, block);
        _communicator.AllGather(_small.AsSpan(0, block * plan.Size), _receiveCounts);
        for (int s = 0; s < plan.Shards; s++)
        {
            int at = (block * plan.Owner(s)) + (2 * s);
            shardLoss[s] = _small[at];
            shardFirstNonFinite[s] = (int)_small[at + 1];
        }

        _union.Read(_small, 2 * plan.Shards, block, plan.Size);
        _layout.Build(_union.Columns);
    }

    private static void EnsureLength(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[length];
        }
    }
}
