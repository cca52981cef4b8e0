using System;
using System.Threading;
using NlpSymbolic.Training;

namespace NlpSymbolic.Runtime.Tests.Distributed;

/// <summary>
/// N ranks as threads of this process, exchanging numbers through shared arrays: a stand-in for MPI that
/// lets the reduction order be tested for every split without mpiexec.
/// </summary>
internal sealed class FakeCluster : IDisposable
{
    private readonly Barrier _barrier;
    private readonly double[][] _published;
    private readonly int[][] _publishedCounts;
    private readonly double[][][] _publishedMessages;
    private int _swaps;

    /// <param name="size">The number of ranks.</param>
    /// <param name="swapsPairs">Whether two ranks swap their sums and add them (as the MPI communicator does), rather than take the general path.</param>
    internal FakeCluster(int size, bool swapsPairs = true)
    {
        Size = size;
        SwapsPairs = swapsPairs && size == 2;
        _barrier = new Barrier(size);
        _published = new double[size][];
        _publishedCounts = new int[size][];
        _publishedMessages = new double[size][][];
    }

    internal int Size { get; }

    internal bool SwapsPairs { get; }

    /// <summary>How many times a rank has swapped messages with the other (the two-rank path).</summary>
    internal int Swaps => _swaps;

    /// <summary>Runs <paramref name="rank"/> on every rank at once and returns each rank's result.</summary>
    internal T[] Run<T>(Func<Communicator, T> rank)
    {
        // One dedicated thread per rank: the barrier needs them all running at once, which the thread pool does not promise.
        var results = new T[Size];
        var failures = new Exception?[Size];
        var threads = new Thread[Size];
        for (int r = 0; r < Size; r++)
        {
            int index = r;
            threads[r] = new Thread(() =>
            {
                try
                {
                    results[index] = rank(new FakeRank(this, index));
                }
                catch (Exception e)
                {
                    failures[index] = e;
                    _barrier.RemoveParticipant(); // the other ranks must not wait for this one
                }
            });
            threads[r].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        foreach (Exception? failure in failures)
        {
            if (failure is not null)
            {
                throw new AggregateException(failure);
            }
        }

        return results;
    }

    public void Dispose() => _barrier.Dispose();

    private sealed class FakeRank(FakeCluster cluster, int rank) : Communicator
    {
        public override int Rank => rank;

        public override int Size => cluster.Size;

        internal override bool SwapsPairs => cluster.SwapsPairs;

        internal override int SwapWithPeer(ArraySegment<double>[] send, ArraySegment<double>[] receive, ref double[] last)
        {
            Interlocked.Increment(ref cluster._swaps);
            cluster._publishedMessages[rank] = Array.ConvertAll(send, message => message.ToArray());
            cluster._barrier.SignalAndWait();
            double[][] other = cluster._publishedMessages[1 - rank];
            for (int i = 0; i < receive.Length; i++)
            {
                if (other[i].Length != receive[i].Count)
                {
                    throw new InvalidOperationException($"Rank {1 - rank} sends {other[i].Length} numbers in message {i} to rank {rank}, which expects {receive[i].Count}.");
                }

                other[i].CopyTo(receive[i].AsSpan());
            }

            double[] variable = other[^1];
            if (last.Length < variable.Length)
            {
                last = new double[variable.Length];
            }

            variable.CopyTo(last, 0);
            cluster._barrier.SignalAndWait();
            return variable.Length;
        }

        public override void AllToAll(ReadOnlySpan<double> send, ReadOnlySpan<int> sendCounts, Span<double> receive, ReadOnlySpan<int> receiveCounts)
        {
            cluster._published[rank] = send.ToArray();
            cluster._publishedCounts[rank] = sendCounts.ToArray();
            cluster._barrier.SignalAndWait();
            for (int q = 0; q < Size; q++)
            {
                int[] counts = cluster._publishedCounts[q];
                if (counts[rank] != receiveCounts[q])
                {
                    throw new InvalidOperationException($"Rank {q} sends {counts[rank]} numbers to rank {rank}, which expects {receiveCounts[q]}.");
                }

                cluster._published[q].AsSpan(Offset(counts, rank), counts[rank]).CopyTo(receive.Slice(Offset(receiveCounts, q)));
            }

            cluster._barrier.SignalAndWait();
        }

        public override void AllGather(Span<double> buffer, ReadOnlySpan<int> counts)
        {
            cluster._published[rank] = buffer.ToArray();
            cluster._barrier.SignalAndWait();
            for (int q = 0; q < Size; q++)
            {
                if (q != rank)
                {
                    cluster._published[q].AsSpan(Offset(counts, q), counts[q]).CopyTo(buffer.Slice(Offset(counts, q)));
                }
            }

            cluster._barrier.SignalAndWait();
        }

        public override void Abort(int exitCode) => throw new InvalidOperationException($"rank {rank} aborted with {exitCode}");
    }
}
