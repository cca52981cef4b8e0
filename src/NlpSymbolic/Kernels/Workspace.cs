using System;
using System.ComponentModel;

namespace NlpSymbolic;

/// <summary>
/// Scratch-buffer frame and kernel set used by generated backward methods:
/// <c>var ws = Workspace.Enter(); try { ... } finally { ws.Exit(); }</c>.
/// </summary>
/// <remarks>
/// Each thread owns a stack of frames. A frame's buffers become reusable on the next Enter and are
/// handed out by shape, so once each generated method has run, any mix of them called on the thread
/// (a loss's backward alternating with a state update) allocates nothing. Forward kernels return buffers owned
/// by the frame that stay valid until that frame's <see cref="Exit"/>; adjoint kernels (Accumulate…)
/// add into their first argument in place.
/// </remarks>
// What generated code calls, not what users call: out of IntelliSense and out of the user-facing docs.
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class Workspace
{
    // Per-thread, so concurrent backward calls on different threads never share a frame.
    [ThreadStatic]
    private static Workspace[]? t_frames;

    [ThreadStatic]
    private static int t_depth;

    private readonly int _depth;
    private bool _active;

    private Workspace(int depth)
    {
        _depth = depth;
    }

    /// <summary>
    /// Pushes and returns this thread's frame at the current nesting depth (created on first use).
    /// Every call must be paired with <see cref="Exit"/> on the returned frame.
    /// </summary>
    public static Workspace Enter()
    {
        Workspace[] frames = t_frames ??= new Workspace[4];
        int depth = t_depth;
        if (depth == frames.Length)
        {
            Array.Resize(ref frames, frames.Length * 2);
            t_frames = frames;
        }

        Workspace frame = frames[depth] ??= new Workspace(depth);
        frame._cursor = 0;
        frame._epoch++;
        frame._active = true;
        frame.ClearTape();
        t_depth = depth + 1;
        return frame;
    }

    /// <summary>
    /// Adds the updates this frame deferred (<see cref="CompleteDeferred"/>), then pops it. Buffers it handed out
    /// become reusable by the next <see cref="Enter"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">This frame is not the innermost one entered on this thread.</exception>
    public void Exit()
    {
        Workspace[]? frames = t_frames;
        int depth = t_depth;
        if (!_active || frames is null || depth == 0 || !ReferenceEquals(frames[depth - 1], this))
        {
            throw new InvalidOperationException(
                $"Workspace.Exit: this frame (depth {_depth}) is not the innermost frame entered on this thread " +
                $"(current depth {depth}); frames must be exited in reverse order of Enter, on the thread that entered them.");
        }

        // Before the frame's buffers are released: adding a panel may rent a dense copy of its destination.
        CompleteDeferred();
        ForgetDeferredGradients();
        _cursor = 0;
        _active = false;
        TapeLengthAtLastExit = TapeLength;
        ClearTape();
        t_depth = depth - 1;
    }
}
