using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// A weight matrix used at every step of a loop gets one rank-one update dW += dy xᵀ per step. Added one at a
// time, each update reads and writes all of dW: the reverse sweep of an RNN streams its dW through the cache
// once per step, which bounds it by memory traffic, not arithmetic. Queued instead (dy and x copied into a
// panel, O(rows + columns) per step), the updates are added as one rank-k product dW += DY Xᵀ by the blocked
// matrix–matrix kernel, which keeps blocks of dW in registers across all k: dW is touched once per k steps.
// Generated code defers only into a parameter's gradient, which nothing in the method reads; every queued
// update is added by CompleteDeferred or, at the latest, by Exit, so the gradient is whole when Backward returns.
public sealed partial class Workspace
{
    /// <summary>Queued updates of one matrix added at once: a panel holds this many (dy, x) pairs.</summary>
    internal const int DeferredPanelCapacity = 32;

    // Panels with queued updates, in the order their destinations were first queued (the order they are added).
    private readonly List<OuterPanel> _openPanels = new();

    // Panels added and free for any destination of their shape, so a warm frame allocates none.
    private readonly List<OuterPanel> _sparePanels = new();

    private sealed class OuterPanel(int rows, int columns)
    {
        public readonly int Rows = rows, Columns = columns;

        // Column k of Left is the k-th queued dy (Rows long), column k of Right the k-th x (Columns long).
        public readonly double[] Left = new double[rows * DeferredPanelCapacity];
        public readonly double[] Right = new double[columns * DeferredPanelCapacity];
        public Matrix<double>? Destination;
        public int Count;
    }

    /// <summary>How many updates are queued and not yet added (for tests).</summary>
    internal int DeferredUpdateCount
    {
        get
        {
            int count = 0;
            foreach (OuterPanel panel in _openPanels)
            {
                count += panel.Count;
            }

            return count;
        }
    }

    /// <summary>
    /// dst += u vᵀ, added when this frame completes its deferred updates (<see cref="CompleteDeferred"/> or
    /// <see cref="Exit"/>) together with the other updates queued for <paramref name="dst"/>, as one matrix
    /// product. u and v are copied now, so their buffers may change afterwards; dst must not be read before then.
    /// </summary>
    public void AccumulateOuterDeferred(Matrix<double> dst, Vector<double> u, Vector<double> v)
    {
        CheckOuter(dst, u, v, nameof(AccumulateOuterDeferred));
        Queue(dst, u, v);
    }

    /// <summary>
    /// dx += Wᵀ dy now, and dW += dy xᵀ deferred as by <see cref="AccumulateOuterDeferred"/>: the adjoints of
    /// y = W x for a W used many times in one call (every step of a loop). Pass null for a destination whose
    /// gradient is not wanted.
    /// </summary>
    public void AccumulateMultiplyAdjointsDeferred(Matrix<double>? dW, Vector<double>? dx, Matrix<double> W, Vector<double> x, Vector<double> dy)
    {
        CheckMultiplyAdjoints(dW, dx, W, x, dy, nameof(AccumulateMultiplyAdjointsDeferred));
        if (dx is not null)
        {
            AccumulateTransposeThisAndMultiply(dx, W, dy);
        }

        if (dW is not null)
        {
            Queue(dW, dy, x);
        }
    }

    /// <summary>Adds every update queued in this frame into its destination. <see cref="Exit"/> calls it too.</summary>
    public void CompleteDeferred()
    {
        EnsureActive();
        foreach (OuterPanel panel in _openPanels)
        {
            Add(panel);
            _sparePanels.Add(panel);
        }

        _openPanels.Clear();
    }

    /// <summary>
    /// Lets rank-one updates of <paramref name="gradient"/> wait until this frame exits: until then, the kernels
    /// that add dy xᵀ into it (<see cref="AccumulateMultiplyAdjoints"/>, <see cref="AccumulateOuter"/> and the
    /// deferred forms), called in this frame or in any frame entered inside it (a generated Backward), queue the
    /// update in this frame, and its <see cref="Exit"/> adds them as matrix products. For a loop over examples
    /// that each add into the same gradient buffers (a shard of a minibatch): nothing may read
    /// <paramref name="gradient"/> before this frame exits.
    /// </summary>
    public void DeferUpdatesOf(Matrix<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        EnsureActive();
        _deferredGradients.Add(gradient);
        t_deferredGradientCount++;
    }

    // The gradients registered by DeferUpdatesOf in this frame, and how many are registered on this thread in
    // all (so a thread that registered none pays one comparison per kernel call).
    private readonly List<Matrix<double>> _deferredGradients = new();

    [ThreadStatic]
    private static int t_deferredGradientCount;

    // The frame, this one or one it was entered inside, that lets dst's updates wait; null if none does.
    private Workspace? FrameDeferring(Matrix<double> dst)
    {
        if (t_deferredGradientCount == 0)
        {
            return null;
        }

        Workspace[] frames = t_frames!;
        for (int depth = _depth; depth >= 0; depth--)
        {
            foreach (Matrix<double> gradient in frames[depth]._deferredGradients)
            {
                if (ReferenceEquals(gradient, dst))
                {
                    return frames[depth];
                }
            }
        }

        return null;
    }

    // Called by the immediate kernels: queues dst += u vᵀ when a frame lets dst's updates wait.
    private bool QueuedByAFrame(Matrix<double> dst, Vector<double> u, Vector<double> v)
    {
        if (FrameDeferring(dst) is not { } frame)
        {
            return false;
        }

        frame.Enqueue(dst, Data(u), Data(v));
        return true;
    }

    private void Queue(Matrix<double> dst, Vector<double> u, Vector<double> v)
    {
        EnsureActive();
        (FrameDeferring(dst) ?? this).Enqueue(dst, Data(u), Data(v));
    }

    private void Enqueue(Matrix<double> dst, double[] u, double[] v)
    {
        OuterPanel panel = OpenPanel(dst);
        if (panel.Count == DeferredPanelCapacity)
        {
            Add(panel);
        }

        u.AsSpan(0, panel.Rows).CopyTo(panel.Left.AsSpan(panel.Count * panel.Rows));
        v.AsSpan(0, panel.Columns).CopyTo(panel.Right.AsSpan(panel.Count * panel.Columns));
        panel.Count++;
    }

    // At Exit, after the queued updates are added.
    private void ForgetDeferredGradients()
    {
        t_deferredGradientCount -= _deferredGradients.Count;
        _deferredGradients.Clear();
    }

    private OuterPanel OpenPanel(Matrix<double> dst)
    {
        foreach (OuterPanel open in _openPanels)
        {
            if (ReferenceEquals(open.Destination, dst))
            {
                return open;
            }
        }

        int rows = dst.RowCount, columns = dst.ColumnCount;
        OuterPanel? panel = null;
        for (int i = 0; i < _sparePanels.Count; i++)
        {
            if (_sparePanels[i].Rows == rows && _sparePanels[i].Columns == columns)
            {
                panel = _sparePanels[i];
                _sparePanels.RemoveAt(i);
                break;
            }
        }

        panel ??= new OuterPanel(rows, columns);
        panel.Destination = dst;
        panel.Count = 0;
        _openPanels.Add(panel);
        return panel;
    }

    // dst += Left[:, :k] · Right[:, :k]ᵀ, then the panel is empty.
    private void Add(OuterPanel panel)
    {
        Matrix<double> dst = panel.Destination!;
        int k = panel.Count;
        if (k > 0)
        {
            double[] d = Target(dst);
            if (k == 1)
            {
                MatrixMath.AccumulateOuter(d, panel.Left.AsSpan(0, panel.Rows), panel.Right.AsSpan(0, panel.Columns));
            }
            else
            {
                MatrixMath.AccumulateTransposeAndMultiply(
                    d, panel.Left.AsSpan(0, panel.Rows * k), panel.Rows, k, panel.Right.AsSpan(0, panel.Columns * k), panel.Columns);
            }

            WriteBack(dst, d);
        }

        panel.Count = 0;
    }
}
