using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NlpSymbolic.Training;

/// <summary>
/// Long-lived threads that all run the same work method once per <see cref="Run"/>, the calling thread
/// taking part as worker 0.
/// </summary>
/// <remarks>
/// A generation counter releases the workers and a countdown waits for them, so a warmed-up <see cref="Run"/>
/// allocates nothing (unlike <c>Parallel.For</c>, which allocates tasks and closures per call). Workers spin
/// for a while before they block: between two minibatches the calling thread only steps the optimiser, and
/// a worker woken from a blocking wait starts late (tens to hundreds of microseconds on a virtual machine),
/// which left the calling thread doing most shards itself (1.1× instead of 1.4× on the window tagger). With
/// one worker no thread is started and <see cref="Run"/> is a plain call.
/// </remarks>
internal sealed class WorkerPool : IDisposable
{
    // About 0.2 ms of spinning (Thread.SpinWait(20) is a few hundred nanoseconds): longer than an optimiser
    // step between two minibatches, short enough that idle workers soon stop burning a core.
    private const int SpinRounds = 500;

    private readonly Action<int> _work;
    private readonly Thread[] _threads;
    private readonly ExceptionDispatchInfo?[] _failures;
    private readonly object _gate = new();
    private int _generation;
    private int _pending;
    private volatile bool _stopping;
    private bool _disposed;

    /// <summary>Starts <paramref name="workerCount"/> − 1 threads.</summary>
    /// <param name="workerCount">Workers including the calling thread.</param>
    /// <param name="work">Called with the worker index 0 … workerCount − 1 on every <see cref="Run"/>.</param>
    internal WorkerPool(int workerCount, Action<int> work)
    {
        _work = work;
        WorkerCount = workerCount;
        _failures = new ExceptionDispatchInfo?[workerCount];
        _threads = new Thread[workerCount - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            int worker = i + 1;
            _threads[i] = new Thread(() => Loop(worker))
            {
                IsBackground = true,
                Name = $"NlpSymbolic training worker {worker}",
            };
            _threads[i].Start();
        }
    }

    /// <summary>Workers including the calling thread.</summary>
    internal int WorkerCount { get; }

    /// <summary>Runs the work on every worker (the calling thread as worker 0) and returns when all are done.</summary>
    internal void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_threads.Length == 0)
        {
            _work(0);
            return;
        }

        Volatile.Write(ref _pending, _threads.Length);
        Release();
        try
        {
            _work(0);
        }
        finally
        {
            // Always wait for the workers: they use the state this call set up.
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _pending) != 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        for (int i = 1; i < _failures.Length; i++)
        {
            if (_failures[i] is { } failure)
            {
                _failures[i] = null;
                failure.Throw();
            }
        }
    }

    /// <summary>Stops and joins the worker threads.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping = true;
        Release();
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
    }

    private void Release()
    {
        Interlocked.Increment(ref _generation);
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private void Loop(int worker)
    {
        int seen = 0;
        while (true)
        {
            for (int round = 0; Volatile.Read(ref _generation) == seen; round++)
            {
                if (round < SpinRounds)
                {
                    Thread.SpinWait(20);
                    continue;
                }

                lock (_gate)
                {
                    // Checked under the lock that Release pulses under: no wake-up is lost.
                    while (Volatile.Read(ref _generation) == seen)
                    {
                        Monitor.Wait(_gate);
                    }
                }
            }

            seen = Volatile.Read(ref _generation);
            if (_stopping)
            {
                return;
            }

            try
            {
                _work(worker);
            }
            catch (Exception e)
            {
                _failures[worker] = ExceptionDispatchInfo.Capture(e);
            }

            Interlocked.Decrement(ref _pending);
        }
    }
}
