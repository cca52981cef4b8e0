using System.Collections.Generic;

namespace NlpSymbolic;

// Which buffer the k-th rent of a call gets. Slot k remembers what the k-th rent got last time, so a method
// called over and over finds its buffer there at once. Every buffer the frame owns also sits in a pool keyed
// by its shape, stamped with the call (epoch) that last handed it out: when slot k holds another shape (two
// generated methods called alternately share this frame) or a buffer this call already has, the rent takes
// any buffer of the right shape not yet handed out in this call. A buffer is created only when every buffer
// of its shape is in use by the current call, so a frame holds, per shape, at most as many buffers as one
// call has ever rented of that shape at once: any mix of calls stops allocating once each kind has run.
public sealed partial class Workspace
{
    private readonly List<PooledBuffer> _slots = new();
    private readonly Dictionary<long, ShapePool> _pools = new();
    private int _cursor;
    private long _epoch;

    private sealed class PooledBuffer(object buffer, long shape)
    {
        public readonly object Buffer = buffer;
        public readonly long Shape = shape;
        public long Epoch;
    }

    private sealed class ShapePool
    {
        public readonly List<PooledBuffer> Buffers = new();

        // Buffers before Next were handed out in call Epoch; those after it may still be free.
        public long Epoch;
        public int Next;
    }

    /// <summary>How many buffers this frame owns (for tests of its memory bound).</summary>
    internal int OwnedBufferCount => CountOwned();

    // Kinds share one key space: bits 62–63 the kind, then rows (31 bits) and columns (31 bits).
    private const long VectorKind = 0, MatrixKind = 1, VectorArrayKind = 2;

    private static long ShapeKey(long kind, int rows, int columns) => (kind << 62) | ((long)rows << 31) | (uint)columns;

    // A float buffer of a shape is not a double buffer of that shape: bit 61 (the top bit of rows, unused below
    // 2³⁰ rows) marks single precision. Were a double vector ever that long, its key would meet a float one's and
    // the typed rent would simply create a buffer (never hand out the wrong type).
    private const long SinglePrecisionBit = 1L << 61;

    private static long ShapeKey<T>(long kind, int rows, int columns) =>
        ShapeKey(kind, rows, columns) | (typeof(T) == typeof(float) ? SinglePrecisionBit : 0L);

    // The buffer for this rent if the frame owns a free one of the shape; null if the caller must create it.
    private object? TakeBuffer(long shape)
    {
        EnsureActive();
        int k = _cursor++;
        if (k < _slots.Count)
        {
            PooledBuffer remembered = _slots[k];
            if (remembered.Shape == shape && remembered.Epoch != _epoch)
            {
                remembered.Epoch = _epoch;
                return remembered.Buffer;
            }
        }

        if (_pools.TryGetValue(shape, out ShapePool? pool))
        {
            if (pool.Epoch != _epoch)
            {
                pool.Epoch = _epoch;
                pool.Next = 0;
            }

            while (pool.Next < pool.Buffers.Count)
            {
                PooledBuffer candidate = pool.Buffers[pool.Next++];
                if (candidate.Epoch != _epoch)
                {
                    candidate.Epoch = _epoch;
                    Remember(k, candidate);
                    return candidate.Buffer;
                }
            }
        }

        return null;
    }

    // Adopts a buffer just created for the rent TakeBuffer could not serve (the last one, at _cursor - 1).
    private T Own<T>(T buffer, long shape)
        where T : class
    {
        if (!_pools.TryGetValue(shape, out ShapePool? pool))
        {
            pool = new ShapePool();
            _pools.Add(shape, pool);
        }

        var owned = new PooledBuffer(buffer, shape) { Epoch = _epoch };
        pool.Buffers.Add(owned);
        if (pool.Epoch == _epoch)
        {
            pool.Next = pool.Buffers.Count;
        }

        Remember(_cursor - 1, owned);
        return buffer;
    }

    private void Remember(int k, PooledBuffer buffer)
    {
        if (k < _slots.Count)
        {
            _slots[k] = buffer;
        }
        else
        {
            _slots.Add(buffer);
        }
    }

    private int CountOwned()
    {
        int count = 0;
        foreach (ShapePool pool in _pools.Values)
        {
            count += pool.Buffers.Count;
        }

        return count;
    }
}
