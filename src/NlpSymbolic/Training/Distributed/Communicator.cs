using System;

namespace NlpSymbolic.Training;

/// <summary>
/// The processes (ranks) a training run is spread over, and the few collective operations the trainer needs
/// between them. <see cref="InProcess"/> (one rank: today's in-process workers) is the default;
/// <see cref="MpiCommunicator"/> runs one rank per process started by <c>mpiexec</c>, each with its own
/// in-process workers.
/// </summary>
/// <remarks>
/// Every rank builds the same model and optimiser and calls the same operations in the same order; the
/// collective operations block until every rank has called them. They are called from one thread at a time.
/// An implementation only moves numbers: all arithmetic (and so all rounding) happens in
/// <see cref="DataParallelBackward{TExample}"/>, in an order that does not depend on the rank count.
/// </remarks>
public abstract class Communicator : IDisposable
{
    /// <summary>One rank, no communication: in-process workers only.</summary>
    public static Communicator InProcess { get; } = new SingleProcess();

    /// <summary>This process's rank, 0 … <see cref="Size"/> − 1.</summary>
    public abstract int Rank { get; }

    /// <summary>The number of ranks.</summary>
    public abstract int Size { get; }

    /// <summary>
    /// True on rank 0, the rank that reports progress, evaluates for the user, writes checkpoints and plots.
    /// </summary>
    public bool Speaks => Rank == 0;

    /// <summary>
    /// Every rank sends block <c>q</c> of <paramref name="send"/> (<c>sendCounts[q]</c> numbers, blocks in rank
    /// order) to rank <c>q</c>, and receives rank <c>q</c>'s block for it into block <c>q</c> of
    /// <paramref name="receive"/> (<c>receiveCounts[q]</c> numbers). Like <c>MPI_Alltoallv</c>.
    /// </summary>
    /// <param name="send">The outgoing blocks, back to back.</param>
    /// <param name="sendCounts">One count per rank.</param>
    /// <param name="receive">The incoming blocks, back to back.</param>
    /// <param name="receiveCounts">One count per rank.</param>
    public abstract void AllToAll(ReadOnlySpan<double> send, ReadOnlySpan<int> sendCounts, Span<double> receive, ReadOnlySpan<int> receiveCounts);

    /// <summary>
    /// In place: rank <c>q</c> fills block <c>q</c> of <paramref name="buffer"/> (<c>counts[q]</c> numbers, blocks
    /// back to back in rank order), and afterwards every rank has every block. Like <c>MPI_Allgatherv</c>.
    /// </summary>
    /// <param name="buffer">All blocks; this rank's is read, the others are written.</param>
    /// <param name="counts">One count per rank.</param>
    public abstract void AllGather(Span<double> buffer, ReadOnlySpan<int> counts);

    /// <summary>
    /// True when <see cref="SwapWithPeer"/> is available (two ranks over MPI). Every rank gives the same answer.
    /// </summary>
    internal virtual bool SwapsPairs => false;

    /// <summary>
    /// Two ranks only: sends the messages <paramref name="send"/> to the other rank and receives the other rank's,
    /// message i into <paramref name="receive"/>[i] (the same length as the other rank's message i). The last
    /// message's length only its sender knows: it is received into <paramref name="last"/>, which is replaced by a
    /// longer array when too short, and its length is returned. All messages travel at once, in one round.
    /// </summary>
    /// <param name="send">This rank's messages; one more than <paramref name="receive"/>.</param>
    /// <param name="receive">Where the other rank's messages but the last go.</param>
    /// <param name="last">Where the other rank's last message goes.</param>
    /// <returns>The length of the other rank's last message.</returns>
    internal virtual int SwapWithPeer(ArraySegment<double>[] send, ArraySegment<double>[] receive, ref double[] last) =>
        throw new NotSupportedException("This communicator does not swap messages between two ranks.");

    /// <summary>
    /// Waits until every rank has called it, for a wait that may be long (the other ranks while rank 0 evaluates):
    /// the MPI communicator sleeps between polls instead of keeping a core busy, as MPI's own blocking calls do.
    /// </summary>
    internal virtual void WaitQuietly() => AllGather(Span<double>.Empty, new int[Size]);

    /// <summary>
    /// Ends every rank's process with <paramref name="exitCode"/> after a failure on this one, so that no rank waits
    /// forever for it. Does not return. The in-process communicator exits the process.
    /// </summary>
    /// <param name="exitCode">The non-zero exit code.</param>
    public abstract void Abort(int exitCode);

    /// <summary>Releases the communication library (after the last collective operation).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; <paramref name="disposing"/> is false from a finaliser.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>The offset of block <paramref name="rank"/> when blocks of <paramref name="counts"/> lie back to back.</summary>
    /// <param name="counts">One count per rank.</param>
    /// <param name="rank">The block.</param>
    /// <returns>The sum of the counts before it.</returns>
    protected static int Offset(ReadOnlySpan<int> counts, int rank)
    {
        int offset = 0;
        for (int q = 0; q < rank; q++)
        {
            offset += counts[q];
        }

        return offset;
    }

    private sealed class SingleProcess : Communicator
    {
        public override int Rank => 0;

        public override int Size => 1;

        public override void AllToAll(ReadOnlySpan<double> send, ReadOnlySpan<int> sendCounts, Span<double> receive, ReadOnlySpan<int> receiveCounts) =>
            send[..sendCounts[0]].CopyTo(receive);

        public override void AllGather(Span<double> buffer, ReadOnlySpan<int> counts)
        {
        }

        internal override void WaitQuietly()
        {
        }

        public override void Abort(int exitCode) => Environment.Exit(exitCode);
    }
}
