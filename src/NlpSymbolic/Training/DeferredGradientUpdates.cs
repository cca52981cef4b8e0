using System;

namespace NlpSymbolic.Training;

/// <summary>
/// A scope in which the rank-one updates that backward calls add into a <see cref="ParameterSet"/>'s dense
/// weight gradients wait and are added as matrix products when the scope ends:
/// <c>using (parameters.DeferGradientUpdates()) { model.LossBackward(…); … }</c>.
/// </summary>
/// <remarks>
/// Each example (or each step of a sequence) adds dy xᵀ into every weight gradient it uses; added one at a time,
/// each update reads and writes the whole gradient matrix, which makes a loop of backward calls bound by memory
/// traffic. Inside the scope the runtime copies dy and x and adds up to 32 updates at once
/// (<see cref="Workspace.DeferUpdatesOf"/>). The gradients are complete when the scope is disposed: do not read
/// them inside it. Dispose it on the thread that created it (a <c>using</c> does), after the backward calls
/// made inside it have returned. Sparse-column parameters are left out: their updates go to single columns.
/// </remarks>
public readonly struct DeferredGradientUpdates : IDisposable
{
    private readonly Workspace? _frame;

    internal DeferredGradientUpdates(ParameterSet parameters)
    {
        _frame = Workspace.Enter();
        try
        {
            for (int p = 0; p < parameters.Count; p++)
            {
                if (parameters[p].GradientMatrix is { } gradient && !parameters[p].SparseColumns)
                {
                    _frame.DeferUpdatesOf(gradient);
                }
            }
        }
        catch
        {
            _frame.Exit();
            throw;
        }
    }

    /// <summary>Adds every update that waited into its gradient.</summary>
    public void Dispose() => _frame?.Exit();
}
