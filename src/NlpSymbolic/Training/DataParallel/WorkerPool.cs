using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NlpSymbolic.Training;

/// <summary>
/// Long-lived threads that all run the same work method once per <see cref="Run"/>, the calling thread
/// taking part as worker 0.
/// </summary>
/// <remarks>
/// A <see cref="Barrier"/> releases the workers and waits for them, so a warmed-up <see cref="Run"/>
/// allocates nothing (unlike <c>Parallel.For</c>, which allocates tasks and closures per call). With one
/// worker no thread is started and <see cref="Run"/> is a plain call.
/// </remarks>
internal sealed class WorkerPool : IDisposable
{
    private readonly Action<int> _work;
    private readonly Thread[] _threads;
    private readonly Barrier? _barrier;
    private readonly ExceptionDispatchInfo?[] _failures;
    private volatile bool _stopping;
    private bool _disposed;

    /// <param name="workerCount">Workers including the calling thread.</param>
    /// <param name="work">Called with the worker index 0 … workerCount − 1 on every <see cref="Run"/>.</param>
    internal WorkerPool(int workerCount, Action<int> work)
    {
        _work = work;
        WorkerCount = workerCount;
        _failures = new ExceptionDispatchInfo?[workerCount];
        _threads = new Thread[workerCount - 1];
        if (workerCount == 1)
        {
            return;
        }

        _barrier = new Barrier(workerCount);
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

    internal int WorkerCount { get; }

    /// <summary>Runs the work on every worker and returns when all have finished.</summary>
    /// <remarks>
    /// The work is expected to catch its own exceptions; one that escapes on a worker thread is rethrown
    /// here (the lowest worker's first) instead of killing the process.
    /// </remarks>
    internal void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_barrier is null)
        {
            _work(0);
            return;
        }

        _barrier.SignalAndWait();
        try
        {
            _work(0);
        }
        finally
        {
            // Always meet the workers, or they would wait for this phase forever.
            _barrier.SignalAndWait();
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
        if (_barrier is null)
        {
            return;
        }

        _stopping = true;
        _barrier.SignalAndWait();
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }

        _barrier.Dispose();
    }

    private void Loop(int worker)
    {
        while (true)
        {
            _barrier!.SignalAndWait();
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

            _barrier.SignalAndWait();
        }
    }
}
