using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NlpSymbolic.Training;

/// <summary>
/// The MPI functions the trainer calls, bound directly to an MPI library with the MPICH ABI
/// (MPICH's <c>libmpich.so.12</c>; Intel MPI, MVAPICH and Cray MPICH ship the same ABI as <c>libmpi.so.12</c>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Why a thin binding rather than the MPI.NET package.</b> MPI.NET 1.4.0 also runs on MPICH (its imports name
/// <c>msmpi.dll</c>, whose integer handles are MPICH's), but it works on managed arrays, so the gradient chunks would
/// be copied into fresh arrays or pinned by hand around every call; it would add a netstandard2.0 dependency and a
/// process-wide DLL resolver to every user of this library; and the trainer needs only <c>MPI_Isend</c>/<c>MPI_Irecv</c>
/// with <c>MPI_Iprobe</c> and <c>MPI_Testall</c>, <c>MPI_Alltoallv</c>, <c>MPI_Allgatherv</c>, <c>MPI_Ibarrier</c>
/// with <c>MPI_Test</c>, <c>MPI_Abort</c> and the set-up calls. Twenty declarations are smaller than either. Handles are MPICH's ABI constants below; Open MPI (pointer handles, <c>libmpi.so.40</c>) is not supported.
/// </para>
/// <para>
/// The library is found by <c>NLPSYM_MPI_LIBRARY</c> (a path or name), else <c>libmpich.so.12</c>, else
/// <c>libmpi.so.12</c>.
/// </para>
/// </remarks>
internal static class MpiNative
{
    internal const int CommWorld = 0x44000000; // MPI_COMM_WORLD
    internal const int Double = 0x4c00080b; // MPI_DOUBLE
    internal const int Sum = 0x58000003; // MPI_SUM
    internal const int ThreadSerialized = 2; // MPI_THREAD_SERIALIZED
    internal static readonly IntPtr InPlace = new(-1); // MPI_IN_PLACE
    internal static readonly IntPtr StatusIgnore = new(1); // MPI_STATUS_IGNORE (and MPI_STATUSES_IGNORE)

    private const string Library = "nlpsymbolic-mpi";
    private static readonly object Gate = new();
    private static bool _resolverSet;

    /// <summary>The MPI library's names, tried in order.</summary>
    internal static string[] Candidates =>
        Environment.GetEnvironmentVariable("NLPSYM_MPI_LIBRARY") is { Length: > 0 } chosen
            ? [chosen]
            : ["libmpich.so.12", "libmpi.so.12", "libmpich.12.dylib"];

    /// <summary>Points the imports below at the MPI library; call before the first of them.</summary>
    internal static void EnsureResolver()
    {
        lock (Gate)
        {
            if (!_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(MpiNative).Assembly, Resolve);
                _resolverSet = true;
            }
        }
    }

    /// <summary>Whether an MPI library with the MPICH ABI can be loaded.</summary>
    internal static bool LibraryLoads()
    {
        foreach (string name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, out IntPtr handle))
            {
                NativeLibrary.Free(handle);
                return true;
            }
        }

        return false;
    }

    [DllImport(Library)]
    internal static extern int MPI_Initialized(out int flag);

    [DllImport(Library)]
    internal static extern int MPI_Init_thread(IntPtr argc, IntPtr argv, int required, out int provided);

    [DllImport(Library)]
    internal static extern int MPI_Finalize();

    [DllImport(Library)]
    internal static extern int MPI_Comm_rank(int comm, out int rank);

    [DllImport(Library)]
    internal static extern int MPI_Comm_size(int comm, out int size);

    [DllImport(Library)]
    internal static extern int MPI_Abort(int comm, int errorCode);

    [DllImport(Library)]
    internal static extern int MPI_Barrier(int comm);

    [DllImport(Library)]
    internal static extern int MPI_Ibarrier(int comm, out int request);

    [DllImport(Library)]
    internal static extern int MPI_Test(ref int request, out int flag, IntPtr status);

    [DllImport(Library)]
    internal static extern int MPI_Isend(IntPtr buffer, int count, int type, int destination, int tag, int comm, out int request);

    [DllImport(Library)]
    internal static extern int MPI_Irecv(IntPtr buffer, int count, int type, int source, int tag, int comm, out int request);

    [DllImport(Library)]
    internal static extern int MPI_Testall(int count, int[] requests, out int flag, IntPtr statuses);

    [DllImport(Library)]
    internal static extern int MPI_Iprobe(int source, int tag, int comm, out int flag, out Status status);

    [DllImport(Library)]
    internal static extern int MPI_Get_count(in Status status, int type, out int count);

    [DllImport(Library)]
    internal static extern int MPI_Alltoallv(
        ref double send, int[] sendCounts, int[] sendOffsets, int sendType,
        ref double receive, int[] receiveCounts, int[] receiveOffsets, int receiveType, int comm);

    [DllImport(Library)]
    internal static extern int MPI_Allgatherv(
        IntPtr send, int sendCount, int sendType, ref double receive, int[] receiveCounts, int[] receiveOffsets, int receiveType, int comm);

    [DllImport(Library)]
    internal static extern int MPI_Allreduce(IntPtr send, ref double receive, int count, int type, int op, int comm);

    /// <summary>MPICH's <c>MPI_Status</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Status
    {
        internal int CountLow;
        internal int CountHighAndCancelled;
        internal int Source;
        internal int Tag;
        internal int Error;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        foreach (string candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out IntPtr handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            $"No MPI library with the MPICH ABI found (tried {string.Join(", ", Candidates)}). Install MPICH (Debian/Ubuntu: apt-get install mpich) or set NLPSYM_MPI_LIBRARY.");
    }
}
