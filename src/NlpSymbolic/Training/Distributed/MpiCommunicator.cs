using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
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
    // A swap's wait polls without pause for this long (about what a step's exchange takes on one quiet host), then
    // yields the core between polls: a longer wait means the other rank is not running, and its core may be ours.
    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;
    private static bool _created;
    private readonly int[] _counts;
    private readonly int[] _offsets;
    private readonly int[] _receiveCounts;
    private readonly int[] _receiveOffsets;
    private readonly List<GCHandle> _pinned = new();
    private readonly Thread? _mpiThread;
    private readonly ManualResetEventSlim _ready = new();
    private readonly ManualResetEventSlim _finalizeRequested = new();
    private Exception? _initFailure;
    private int _rank;
    private int[] _requests = [];
    private bool _finalized;

    private MpiCommunicator(int rank, int size)
    {
        MpiNative.EnsureResolver();
        Check(MpiNative.MPI_Initialized(out int initialized), "MPI_Initialized"); // a missing library is reported here
        _rank = rank;
        Size = size;
        _counts = new int[size];
        _offsets = new int[size];
        _receiveCounts = new int[size];
        _receiveOffsets = new int[size];
        if (initialized != 0)
        {
            CheckWorld();
            _ready.Set();
            return;
        }

        // MPI_Init takes 0.1-0.35 s (the ranks meet through the launcher): it runs on a thread of its own while the
        // program goes on reading its data, and the first operation waits for it. That thread also calls
        // MPI_Finalize at the end, as MPI asks of the thread that initialised it.
        _mpiThread = new Thread(InitializeAndWait) { IsBackground = true, Name = "MPI" };
        _mpiThread.Start();
    }
    /// <inheritdoc/>
    public override int Rank => _rank;

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
        int size = int.Parse(Environment.GetEnvironmentVariable("PMI_SIZE")!, CultureInfo.InvariantCulture);
        var communicator = new MpiCommunicator(
            int.TryParse(Environment.GetEnvironmentVariable("PMI_RANK"), NumberStyles.None, CultureInfo.InvariantCulture, out int rank) ? rank : -1, size);
        if (communicator.Rank < 0)
        {
            communicator.Ready(); // a launcher that does not say the rank: MPI does
        }

        return communicator;
    }

    /// <inheritdoc/>
    public override void AllToAll(ReadOnlySpan<double> send, ReadOnlySpan<int> sendCounts, Span<double> receive, ReadOnlySpan<int> receiveCounts)
    {
        Ready();
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
        Ready();
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
    public void AllReduceSumUnordered(Span<double> buffer)
    {
        Ready();
        Check(
            MpiNative.MPI_Allreduce(MpiNative.InPlace, ref MemoryMarshal.GetReference(buffer), buffer.Length, MpiNative.Double, MpiNative.Sum, MpiNative.CommWorld),
            "MPI_Allreduce");
    }

    /// <inheritdoc/>
    internal override bool SwapsPairs => Size == 2;

    /// <inheritdoc/>
    internal override int SwapWithPeer(ArraySegment<double>[] send, ArraySegment<double>[] receive, ref double[] last)
    {
        if (Size != 2 || send.Length != receive.Length + 1)
        {
            throw new InvalidOperationException($"A swap needs two ranks (not {Size}) and one more message to send than to receive.");
        }

        Ready();
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
            long start = Stopwatch.GetTimestamp();
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
                if (Stopwatch.GetTimestamp() - start > SpinTicks)
                {
                    Thread.Yield();
                }
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
        Ready();
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
    public void Barrier()
    {
        Ready();
        Check(MpiNative.MPI_Barrier(MpiNative.CommWorld), "MPI_Barrier");
    }

    /// <inheritdoc/>
    public override void Abort(int exitCode)
    {
        _ready.Wait();
        if (_initFailure is null)
        {
            MpiNative.MPI_Abort(MpiNative.CommWorld, exitCode);
        }

        Environment.Exit(exitCode); // not reached: MPI_Abort ends the process
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (_finalized)
        {
            return;
        }

        _finalized = true;
        if (_mpiThread is null)
        {
            MpiNative.MPI_Finalize();
            return;
        }

        _finalizeRequested.Set();
        _mpiThread.Join();
    }

    private void InitializeAndWait()
    {
        try
        {
            Check(MpiNative.MPI_Init_thread(IntPtr.Zero, IntPtr.Zero, MpiNative.ThreadSerialized, out int provided), "MPI_Init_thread");
            CheckThreadLevel(provided);
            CheckWorld();
        }
        catch (Exception e)
        {
            _initFailure = e;
            _ready.Set();
            return;
        }

        _ready.Set();
        _finalizeRequested.Wait();
        MpiNative.MPI_Finalize();
    }

    // MPI_Init runs on a thread of its own and the trainer calls MPI from its thread, one call at a time: that is
    // MPI_THREAD_SERIALIZED. A library built to give less (FUNNELED: only the thread that called MPI_Init may call
    // MPI) would be used out of its contract, so it is refused here rather than trusted.
    internal static void CheckThreadLevel(int provided)
    {
        if (provided < MpiNative.ThreadSerialized)
        {
            throw new InvalidOperationException(
                $"this MPI library gives thread level {provided}; training over MPI needs MPI_THREAD_SERIALIZED ({MpiNative.ThreadSerialized}) or more (MPICH and Open MPI as packaged give it).");
        }
    }

    // MPI's view of this process against the launcher's environment, which gave the rank before MPI_Init ended.
    private void CheckWorld()
    {
        Check(MpiNative.MPI_Comm_rank(MpiNative.CommWorld, out int rank), "MPI_Comm_rank");
        Check(MpiNative.MPI_Comm_size(MpiNative.CommWorld, out int size), "MPI_Comm_size");
        if (_rank < 0)
        {
            _rank = rank;
        }

        if (rank != _rank || size != Size)
        {
            throw new InvalidOperationException(
                $"MPI says this process is rank {rank} of {size}; the launcher's environment (PMI_RANK, PMI_SIZE) says {_rank} of {Size}.");
        }
    }

    // Every MPI call waits for MPI_Init to have ended.
    private void Ready()
    {
        if (!_ready.IsSet)
        {
            _ready.Wait();
        }

        if (_initFailure is not null)
        {
            throw new InvalidOperationException($"MPI did not start: {_initFailure.Message}", _initFailure);
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
