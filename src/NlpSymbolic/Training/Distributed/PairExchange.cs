using System;
using System.Numerics.Tensors;

namespace NlpSymbolic.Training;

/// <summary>
/// The exchange of two ranks that hold one subtree of the shard tree each: the tree's last step is one addition
/// <c>a + b</c> per number, and <c>a + b</c> equals <c>b + a</c> bit for bit, so each rank sends its subtree's sum
/// to the other in one round of messages and both add the two.
/// </summary>
/// <remarks>
/// <para>
/// Each rank sends every large dense parameter (see <see cref="RankExchange.DirectMinimum"/>) straight from its
/// gradient array, and one message that holds the rest: its shards' losses and first non-finite examples, one bit
/// per column of every sparse parameter (the columns its subtree touched), the small dense parameters, and the
/// touched columns in increasing order. Its length depends on the columns, so the receiver learns it when the
/// message arrives (<see cref="Communicator.SwapWithPeer"/>).
/// </para>
/// <para>
/// One round of messages and no collective: the ranks meet once per step. Under load that matters more than bytes:
/// every meeting waits for the slower rank, and a rank that has lost its core holds up the other for a scheduler
/// time slice per meeting.
/// </para>
/// </remarks>
internal sealed class PairExchange
{
    private const int BitsPerNumber = 32;

    private readonly ParameterSet _parameters;
    private readonly ParameterSet[] _shards;
    private readonly Communicator _communicator;
    private readonly ColumnUnion _union;
    private readonly int[] _direct;
    private readonly int[] _packedDense;
    private readonly int[] _sparse;
    private readonly double[][] _peerDirect;
    private readonly ArraySegment<double>[] _sendSegments;
    private readonly ArraySegment<double>[] _receiveSegments;
    private double[] _send = [];
    private double[] _receive = [];

    internal PairExchange(ParameterSet parameters, ParameterSet[] shards, Communicator communicator, bool[] direct)
    {
        _parameters = parameters;
        _shards = shards;
        _communicator = communicator;
        _union = new ColumnUnion(parameters);
        var directList = new System.Collections.Generic.List<int>();
        var packedList = new System.Collections.Generic.List<int>();
        var sparseList = new System.Collections.Generic.List<int>();
        for (int p = 0; p < parameters.Count; p++)
        {
            (parameters[p].SparseColumns ? sparseList : direct[p] ? directList : packedList).Add(p);
        }

        _direct = [.. directList];
        _packedDense = [.. packedList];
        _sparse = [.. sparseList];
        _peerDirect = new double[_direct.Length][];
        _sendSegments = new ArraySegment<double>[_direct.Length + 1];
        _receiveSegments = new ArraySegment<double>[_direct.Length];
        for (int i = 0; i < _direct.Length; i++)
        {
            _peerDirect[i] = new double[parameters[_direct[i]].Length];
            _receiveSegments[i] = new ArraySegment<double>(_peerDirect[i]);
        }
    }

    /// <summary>
    /// Swaps the subtrees' sums and losses with the other rank, and leaves their sum times <paramref name="scale"/>
    /// in the model's gradient buffers and every shard's loss in <paramref name="shardLoss"/> and
    /// <paramref name="shardFirstNonFinite"/>.
    /// </summary>
    internal void Run(ShardTree plan, double scale, double[] shardLoss, int[] shardFirstNonFinite)
    {
        ParameterSet own = _shards[plan.Nodes[plan.OwnNodes[0]].Lo];
        int bitsAt = 2 * plan.Shards;
        int payloadAt = bitsAt + _union.Numbers;
        int length = Pack(plan, own, shardLoss, shardFirstNonFinite, bitsAt, payloadAt);
        for (int i = 0; i < _direct.Length; i++)
        {
            _sendSegments[i] = new ArraySegment<double>(own[_direct[i]].Gradients);
        }

        _sendSegments[_direct.Length] = new ArraySegment<double>(_send, 0, length);
        int peerLength = _communicator.SwapWithPeer(_sendSegments, _receiveSegments, ref _receive);
        if (peerLength < payloadAt)
        {
            throw new InvalidOperationException($"Rank {1 - plan.Rank} sent {peerLength} numbers, fewer than the {payloadAt} of a step's header.");
        }

        ReadOnlySpan<double> peer = _receive.AsSpan(0, peerLength);
        for (int s = 0; s < plan.Shards; s++)
        {
            if (s < plan.FirstShard || s >= plan.EndShard)
            {
                shardLoss[s] = peer[2 * s];
                shardFirstNonFinite[s] = (int)peer[(2 * s) + 1];
            }
        }

        for (int i = 0; i < _direct.Length; i++)
        {
            AddScaled(own[_direct[i]].Gradients, _peerDirect[i], scale, _parameters[_direct[i]].Gradients);
        }

        int at = payloadAt;
        foreach (int p in _packedDense)
        {
            int count = _parameters[p].Length;
            AddScaled(own[p].Gradients, peer.Slice(at, count), scale, _parameters[p].Gradients);
            at += count;
        }

        ReadOnlySpan<double> ownBits = _send.AsSpan(bitsAt, _union.Numbers);
        ReadOnlySpan<double> peerBits = peer.Slice(bitsAt, _union.Numbers);
        int bits = 0;
        foreach (int p in _sparse)
        {
            int numbers = (_parameters[p].Columns + BitsPerNumber - 1) / BitsPerNumber;
            at = MergeColumns(own[p], _parameters[p], ownBits.Slice(bits, numbers), peerBits.Slice(bits, numbers), peer, at, scale);
            bits += numbers;
        }

        if (at != peerLength)
        {
            throw new InvalidOperationException($"Rank {1 - plan.Rank} sent {peerLength} numbers where its columns make {at}.");
        }
    }

    // The header (own shards' losses, then the bits of the own subtree's columns), the small dense parameters and
    // the touched columns in increasing order; returns the message's length.
    private int Pack(ShardTree plan, ParameterSet own, double[] shardLoss, int[] shardFirstNonFinite, int bitsAt, int payloadAt)
    {
        int length = payloadAt;
        foreach (int p in _packedDense)
        {
            length += own[p].Length;
        }

        foreach (int p in _sparse)
        {
            length += own[p].TouchedColumns.Length * own[p].Rows;
        }

        if (_send.Length < length)
        {
            _send = new double[length];
        }

        Span<double> message = _send.AsSpan(0, length);
        message[..payloadAt].Clear();
        for (int s = plan.FirstShard; s < plan.EndShard; s++)
        {
            message[2 * s] = shardLoss[s];
            message[(2 * s) + 1] = shardFirstNonFinite[s];
        }

        _union.Write(own, message.Slice(bitsAt, _union.Numbers));
        int at = payloadAt;
        foreach (int p in _packedDense)
        {
            own[p].Gradients.CopyTo(message[at..]);
            at += own[p].Length;
        }

        int bits = bitsAt;
        foreach (int p in _sparse)
        {
            Parameter parameter = own[p];
            int numbers = (parameter.Columns + BitsPerNumber - 1) / BitsPerNumber;
            for (int n = 0; n < numbers; n++)
            {
                for (uint word = (uint)message[bits + n]; word != 0; word &= word - 1)
                {
                    int column = (n * BitsPerNumber) + System.Numerics.BitOperations.TrailingZeroCount(word);
                    parameter.GradientColumn(column).CopyTo(message.Slice(at, parameter.Rows));
                    at += parameter.Rows;
                }
            }

            bits += numbers;
        }

        return at;
    }

    // The union of both subtrees' columns in increasing order into the model's parameter: a column both touched is
    // own + peer, one only one side touched is that side's (absent, not added as zeros: +0 would turn a −0 into +0).
    private static int MergeColumns(
        Parameter own, Parameter target, ReadOnlySpan<double> ownBits, ReadOnlySpan<double> peerBits, ReadOnlySpan<double> peer, int at, double scale)
    {
        if (ReferenceEquals(own, target))
        {
            target.ForgetTouchedColumns(); // its values are the own subtree's, read below; the list is rebuilt in order
        }
        else
        {
            target.ZeroGradient(); // the previous step's columns
        }

        int rows = target.Rows;
        for (int n = 0; n < ownBits.Length; n++)
        {
            uint mine = (uint)ownBits[n], theirs = (uint)peerBits[n];
            for (uint word = mine | theirs; word != 0; word &= word - 1)
            {
                int bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                int column = (n * BitsPerNumber) + bit;
                Span<double> into = target.GradientColumn(column);
                bool inMine = (mine & (1u << bit)) != 0, inTheirs = (theirs & (1u << bit)) != 0;
                if (inMine && inTheirs)
                {
                    AddScaled(own.GradientColumn(column), peer.Slice(at, rows), scale, into);
                }
                else
                {
                    Scale(inMine ? own.GradientColumn(column) : peer.Slice(at, rows), scale, into);
                }

                at += inTheirs ? rows : 0;
                target.TouchColumn(column);
            }
        }

        return at;
    }

    // (a + b) · s rounds twice, exactly as adding and then scaling on one process.
    private static void AddScaled(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double scale, Span<double> into)
    {
        if (scale != 1.0)
        {
            TensorPrimitives.AddMultiply(a, b, scale, into);
        }
        else
        {
            TensorPrimitives.Add(a, b, into);
        }
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
}
