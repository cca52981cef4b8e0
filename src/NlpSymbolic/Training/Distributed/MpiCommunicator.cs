using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace NlpSymbolic.Training;

/// <summary>
/// One rank of a run started by <c>mpiexec</c> (MPICH, or an MPI with its ABI): the collective operations of
/// <see cref="Communicator"/> over <c>MPI_COMM_WORLD</c>.
/// </summary>
/// <remarks>
/// Create one per process, on the thread that will train, with <see cref="FromEnvironment"/>; dispose it at the end
/// (<c>MPI_Finalize</c>). Start the program with MPICH's <c>mpiexec</c> (Debian: <c>mpiexec.mpich</c>); Debian's
/// <c>mpirun</c> may be Open MPI's, which would start independent one-rank copies — refused with a message.
/// </remarks>
public sealed class MpiCommunicator : Communicator
{
    private static bool _created;
    private readonly int[] _counts;
    private readonly int[] _offsets;
    private readonly int[] _receiveCounts;
    private readonly int[] _receiveOffsets;
    private readonly List<GCHandle> _pinned = new();
    private int[] _requests = [];
    private bool _finalized;

    private MpiCommunicator()
    {
        MpiNative.EnsureResolver();
        Check(MpiNative.MPI_Initialized(out int initialized), "MPI_Initialized");
        if (initialized == 0)
        {
            Check(MpiNative.MPI_Init_thread(IntPtr.Zero, IntPtr.Zero, MpiNative.ThreadSerialized, out _), "MPI_Init_thread");
        }

        Check(MpiNative.MPI_Comm_rank(MpiNative.CommWorld, out int rank), "MPI_Comm_rank");
        Check(MpiNative.MPI_Comm_size(MpiNative.CommWorld, out int size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
        _counts = new int[size];
        _offsets = new int[size];
        _receiveCounts = new int[size];
        _receiveOffsets = new int[size];
    }

    /// <inheritdoc/>
    public override int Rank { get; }

    /// <inheritdoc/>
    public override int Size { get; }

    /// <summary>True when this process was started by an MPI launcher with more than one rank.</summary>
    public static bool LaunchedWithSeveralRanks =>
        int.TryParse(Environment.GetEnvironmentVariable("PMI_SIZE"), out int size) && size > 1;

    /// <summary>Whether an MPI library with the MPICH ABI can be loaded on this machine.</summary>
    public static bool LibraryAvailable => MpiNative.LibraryLoads();

    /// <summary>
    /// An <see cref="MpiCommunicator"/> when the process was started by MPICH's <c>mpiexec</c> with more than one
    /// rank; otherwise <see cref="Communicator.InProcess"/>, so the same program runs alone as before.
    /// </summary>
    /// <returns>The communicator for this process (at most one MPI communicator per process).</returns>
    /// <exception cref="InvalidOperationException">Started by Open MPI's launcher, or called twice.</exception>
    /// <exception cref="DllNotFoundException">No MPI library with the MPICH ABI is installed.</exception>
    public static Communicator FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is not null)
        {
            throw new InvalidOperationException(
                "This process was started by Open MPI's mpirun/mpiexec, but NlpSymbolic speaks MPICH's ABI; start it with MPICH's launcher (Debian: mpiexec.mpich -n 2 ...).");
        }

        if (!LaunchedWithSeveralRanks)
        {
            return InProcess;
        }

        if (_created)
        {
            throw new InvalidOperationException("MPI is already initialised in this process; create one MpiCommunicator and pass it around.");
        }

        _created = true;
        return new MpiCommunicator();
    }

    /// <inheritdoc/>
    public override void AllToAll(ReadOnlySpan<double> send, ReadOnlySpan<int> sendCounts, Span<double> receive, ReadOnlySpan<int> receiveCounts)
    {
        Layout(sendCounts, _counts, _offsets);
        Layout(receiveCounts, _receiveCounts, _receiveOffsets);
        Check(
            MpiNative.MPI_Alltoallv(
                ref MemoryMarshal.GetReference(send), _counts, _offsets, MpiNative.Double,
                ref MemoryMarshal.GetReference(receive), _receiveCounts, _receiveOffsets, MpiNative.Double, MpiNative.CommWorld),
            "MPI_Alltoallv");
    }

    /// <inheritdoc/>
    public override void AllGather(Span<double> buffer, ReadOnlySpan<int> counts)
    {
        Layout(counts, _counts, _offsets);
        Check(
            MpiNative.MPI_Allgatherv(
                MpiNative.InPlace, 0, MpiNative.Double, ref MemoryMarshal.GetReference(buffer), _counts, _offsets, MpiNative.Double, MpiNative.CommWorld),
            "MPI_Allgatherv");
    }

    /// <summary>
    /// <c>MPI_Allreduce</c> with <c>MPI_SUM</c>, in place. Not used by the trainer (MPI does not fix the order of the
    /// additions); here to measure the exchange against the MPI library's own all-reduce.
    /// </summary>
    /// <param name="buffer">This rank's numbers; afterwards the sums.</param>
    public void AllReduceSumUnordered(Span<double> buffer) =>
        Check(
            MpiNative.MPI_Allreduce(MpiNative.InPlace, ref MemoryMarshal.GetReference(buffer), buffer.Length, MpiNative.Double, MpiNative.Sum, MpiNative.CommWorld),
            "MPI_Allreduce");

    /// <inheritdoc/>
    internal override bool SwapsPairs => Size == 2;

    /// <inheritdoc/>
    internal override int SwapWithPeer(ArraySegment<double>[] send, ArraySegment<double>[] receive, ref double[] last)
    {
        if (Size != 2 || send.Length != receive.Length + 1)
        {
            throw new InvalidOperationException($"A swap needs two ranks (not {Size}) and one more message to send than to receive.");
        }

        int peer = 1 - Rank;
        int lastTag = receive.Length;
        EnsureRequests(send.Length + receive.Length + 1);
        int posted = 0;
        try
        {
            for (int i = 0; i < receive.Length; i++)
            {
                Check(MpiNative.MPI_Irecv(Pin(receive[i]), receive[i].Count, MpiNative.Double, peer, i, MpiNative.CommWorld, out _requests[posted++]), "MPI_Irecv");
            }

            for (int i = 0; i < send.Length; i++)
            {
                Check(MpiNative.MPI_Isend(Pin(send[i]), send[i].Count, MpiNative.Double, peer, i, MpiNative.CommWorld, out _requests[posted++]), "MPI_Isend");
            }

            // The last message's length is known once it has arrived (MPI_Iprobe); then it is received like the rest.
            int length = -1;
            while (true)
            {
                if (length < 0)
                {
                    Check(MpiNative.MPI_Iprobe(peer, lastTag, MpiNative.CommWorld, out int found, out MpiNative.Status status), "MPI_Iprobe");
                    if (found != 0)
                    {
                        Check(MpiNative.MPI_Get_count(status, MpiNative.Double, out length), "MPI_Get_count");
                        if (last.Length < length)
                        {
                            last = new double[length];
                        }

                        Check(MpiNative.MPI_Irecv(Pin(new ArraySegment<double>(last, 0, length)), length, MpiNative.Double, peer, lastTag, MpiNative.CommWorld, out _requests[posted++]), "MPI_Irecv");
                    }
                }

                if (length >= 0)
                {
                    Check(MpiNative.MPI_Testall(posted, _requests, out int done, MpiNative.StatusIgnore), "MPI_Testall");
                    if (done != 0)
                    {
                        return length;
                    }
                }

                // MPICH's own waits poll without pause; yielding between polls leaves the core to whatever else is
                // ready to run on it (the other rank on a shared core, this runtime's compiler and collector
                // threads, other programs) and costs a system call when nothing is.
                Thread.Yield();
            }
        }
        finally
        {
            Unpin();
        }
    }

    /// <inheritdoc/>
    internal override void WaitQuietly()
    {
        // MPICH polls without pause inside a blocking call: a rank waiting there would take a core from rank 0.
        Check(MpiNative.MPI_Ibarrier(MpiNative.CommWorld, out int request), "MPI_Ibarrier");
        while (true)
        {
            Check(MpiNative.MPI_Test(ref request, out int done, MpiNative.StatusIgnore), "MPI_Test");
            if (done != 0)
            {
                return;
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Waits until every rank has called it.</summary>
    public void Barrier() => Check(MpiNative.MPI_Barrier(MpiNative.CommWorld), "MPI_Barrier");

    /// <inheritdoc/>
    public override void Abort(int exitCode)
    {
        MpiNative.MPI_Abort(MpiNative.CommWorld, exitCode);
        Environment.Exit(exitCode); // not reached: MPI_Abort ends the process
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (!_finalized)
        {
            _finalized = true;
            MpiNative.MPI_Finalize();
        }
    }

    private void EnsureRequests(int count)
    {
        if (_requests.Length < count)
        {
            _requests = new int[count];
        }
    }

    // The buffer of a nonblocking call must not move until the call completes: pinned until Unpin.
    private IntPtr Pin(ArraySegment<double> segment)
    {
        GCHandle handle = GCHandle.Alloc(segment.Array!, GCHandleType.Pinned);
        _pinned.Add(handle);
        return handle.AddrOfPinnedObject() + (segment.Offset * sizeof(double));
    }

    private void Unpin()
    {
        foreach (GCHandle handle in _pinned)
        {
            handle.Free();
        }

        _pinned.Clear();
    }

    private static void Layout(ReadOnlySpan<int> counts, int[] into, int[] offsets)
    {
        int offset = 0;
        for (int q = 0; q < into.Length; q++)
        {
            into[q] = counts[q];
            offsets[q] = offset;
            offset += counts[q];
        }
    }

    private static void Check(int code, string function)
    {
        if (code != 0)
        {
            throw new InvalidOperationException($"{function} failed with MPI error {code}.");
        }
    }
}
