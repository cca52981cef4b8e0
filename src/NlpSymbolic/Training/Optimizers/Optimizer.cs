using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// Updates a <see cref="ParameterSet"/>'s values from its gradients; the base of <see cref="Sgd"/>,
/// <see cref="AdaGrad"/> and <see cref="Adam"/>.
/// </summary>
/// <remarks>
/// <para>
/// The first <see cref="Step"/> (or <see cref="LoadState"/>) sizes the per-parameter state (momentum,
/// squared-gradient sums, moments) for the set it is given; afterwards a step allocates nothing. Later steps
/// may pass another set with the same names, order and shapes (one rebuilt after loading a checkpoint).
/// </para>
/// <para>
/// <b>Weight decay</b> is coupled L2 regularisation: each step uses g + λ·w in place of the gradient g,
/// which is the gradient of loss + (λ/2)‖w‖². For Adam this is "Adam with L2", not AdamW's decoupled decay.
/// The gradient buffers themselves are not changed, so clip before stepping and the decay is not clipped.
/// </para>
/// <para>
/// <b>Sparse parameters</b> (<see cref="Parameter.SparseColumns"/>) are updated lazily: only the recorded
/// columns, together with their optimiser state, so a step costs O(touched columns · rows). An untouched
/// column's momentum or moments are not decayed and its weights are not decayed either; for a column touched
/// in every step the result is bit-identical to the dense update.
/// </para>
/// <para>An optimiser is not thread-safe; reduce per-thread gradients first (<see cref="ParameterSet.AddGradientsFrom"/>).</para>
/// </remarks>
public abstract class Optimizer
{
    private readonly string[] _slotNames;
    private double _learningRate;

    // Bound layout: the parameters the state was built for, and state[slot][parameter], each array as
    // long as its parameter and laid out like its storage (column-major for matrices).
    private Parameter[]? _layout;
    private double[][][] _state;
    private ParameterSet? _lastSet;
    private int _lastVersion;

    private protected Optimizer(double learningRate, double weightDecay, params string[] slotNames)
    {
        LearningRate = learningRate;
        WeightDecay = HyperparameterGuard.NonNegative(weightDecay, "The weight decay", nameof(weightDecay));
        _slotNames = slotNames;
        _state = new double[slotNames.Length][][];
    }

    /// <summary>The step size; a schedule may set it before each step (see <see cref="LearningRateSchedule"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, infinite or NaN.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = HyperparameterGuard.NonNegative(value, "The learning rate", nameof(value));
    }

    /// <summary>Coupled L2 weight decay λ: each step uses g + λ·w as the gradient (0 for none).</summary>
    public double WeightDecay { get; }

    /// <summary>Number of steps taken (restored by <see cref="LoadState"/>); the first step is step 1.</summary>
    public int StepCount { get; private set; }

    /// <summary>The names of the per-parameter state tensors this optimiser keeps (e.g. "m" and "v" for Adam).</summary>
    public IReadOnlyList<string> SlotNames => _slotNames;

    /// <summary>
    /// Applies one update to every parameter of <paramref name="parameters"/> from its current gradient.
    /// Sparse parameters are updated on their recorded columns only. Gradients are left as they are; zero them
    /// before the next backward pass.
    /// </summary>
    /// <exception cref="ArgumentException">The set's layout differs from the one this optimiser's state was built for.</exception>
    public void Step(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Bind(parameters);
        StepCount++;
        BeginStep(StepCount);
        for (int i = 0; i < parameters.Count; i++)
        {
            Parameter p = parameters[i];
            if (!p.SparseColumns)
            {
                Update(i, p.Values, p.Gradients, 0);
                // Stryker disable once Statement : a dense parameter records no touched columns, so the loop below would do nothing
                continue;
            }

            foreach (int column in p.TouchedColumns)
            {
                int start = column * p.Rows;
                Update(i, p.Values.AsSpan(start, p.Rows), p.Gradients.AsSpan(start, p.Rows), start);
            }
        }
    }

    /// <summary>
    /// The step counter and every state tensor, named "<c>parameter.slot</c>", for writing to a checkpoint.
    /// Empty until the first <see cref="Step"/> or <see cref="LoadState"/>.
    /// </summary>
    /// <remarks>
    /// The tensors' data are views of the live state, not copies: serialise them before the next step.
    /// Matrix-shaped state is column-major, like the parameters' storage.
    /// </remarks>
    public OptimizerState ExportState()
    {
        var tensors = new List<OptimizerStateTensor>();
        if (_layout is not null)
        {
            for (int i = 0; i < _layout.Length; i++)
            {
                Parameter p = _layout[i];
                int[] shape = p.IsMatrix ? [p.Rows, p.Columns] : [p.Rows];
                for (int s = 0; s < _slotNames.Length; s++)
                {
                    tensors.Add(new OptimizerStateTensor(p.Name, _slotNames[s], shape, _state[s][i]));
                }
            }
        }

        return new OptimizerState(StepCount, tensors);
    }

    /// <summary>
    /// Restores the step counter and state saved by <see cref="ExportState"/> for the parameters
    /// <paramref name="parameters"/>, so training continues exactly as if it had not stopped (given the same
    /// hyper-parameters and learning rate). The data are copied; nothing changes if validation fails.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor is missing, unexpected, or of the wrong shape; the message names it.</exception>
    public void LoadState(ParameterSet parameters, OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(state);
        if (state.StepCount < 0)
        {
            throw new ArgumentException($"The saved step count must be ≥ 0, got {state.StepCount}.", nameof(state));
        }

        var byName = new Dictionary<string, OptimizerStateTensor>(StringComparer.Ordinal);
        foreach (OptimizerStateTensor tensor in state.Tensors)
        {
            if (!byName.TryAdd(tensor.Name, tensor))
            {
                throw new ArgumentException($"The saved optimiser state holds '{tensor.Name}' twice.", nameof(state));
            }
        }

        double[][][] fresh = NewState(parameters);
        for (int i = 0; i < parameters.Count; i++)
        {
            Parameter p = parameters[i];
            for (int s = 0; s < _slotNames.Length; s++)
            {
                string name = OptimizerStateTensor.Join(p.Name, _slotNames[s]);
                if (!byName.Remove(name, out OptimizerStateTensor? tensor))
                {
                    throw new ArgumentException(
                        $"The saved optimiser state has no '{name}' ({GetType().Name} keeps {string.Join(", ", _slotNames)} per parameter).",
                        nameof(state));
                }

                CheckShape(tensor, p);
                tensor.Data.Span.CopyTo(fresh[s][i]);
            }
        }

        if (byName.Count > 0)
        {
            throw new ArgumentException(
                $"The saved optimiser state has tensors this {GetType().Name} does not use: {string.Join(", ", byName.Keys)}.",
                nameof(state));
        }

        _state = fresh;
        _layout = Snapshot(parameters);
        _lastSet = parameters;
        _lastVersion = parameters.Version;
        StepCount = state.StepCount;
    }

    /// <summary>Per-step scalars (bias corrections) from the 1-based step number, before any update.</summary>
    private protected virtual void BeginStep(int step)
    {
    }

    /// <summary>
    /// Updates one contiguous range of parameter <paramref name="parameter"/>: <paramref name="values"/> and
    /// <paramref name="gradients"/> start at storage offset <paramref name="offset"/>.
    /// </summary>
    private protected abstract void Update(int parameter, Span<double> values, ReadOnlySpan<double> gradients, int offset);

    /// <summary>The state of slot <paramref name="slot"/> for the range being updated.</summary>
    private protected Span<double> State(int slot, int parameter, int offset, int length) =>
        _state[slot][parameter].AsSpan(offset, length);

    private void Bind(ParameterSet parameters)
    {
        // Stryker disable once Block : without the early return the layout check below runs again and passes; only slower
        if (ReferenceEquals(parameters, _lastSet) && parameters.Version == _lastVersion)
        {
            // Stryker disable once Statement : without it the layout check below runs again and passes; only slower
            return;
        }

        if (_layout is null)
        {
            _state = NewState(parameters);
            _layout = Snapshot(parameters);
        }
        else
        {
            CheckLayout(parameters);
        }

        _lastSet = parameters;
        _lastVersion = parameters.Version;
    }

    private void CheckLayout(ParameterSet parameters)
    {
        Parameter[] layout = _layout!;
        bool same = parameters.Count == layout.Length;
        for (int i = 0; same && i < layout.Length; i++)
        {
            same = string.Equals(layout[i].Name, parameters[i].Name, StringComparison.Ordinal) && layout[i].SameShape(parameters[i]);
        }

        if (!same)
        {
            throw new ArgumentException(
                $"{GetType().Name}: its state was built for the parameters [{Describe(layout)}] " +
                $"but the set passed has [{Describe(parameters)}]. Add every parameter before the first step, " +
                "or use a new optimiser for a different model.",
                nameof(parameters));
        }
    }

    private double[][][] NewState(ParameterSet parameters)
    {
        var state = new double[_slotNames.Length][][];
        for (int s = 0; s < state.Length; s++)
        {
            state[s] = new double[parameters.Count][];
            for (int i = 0; i < parameters.Count; i++)
            {
                state[s][i] = new double[parameters[i].Length];
            }
        }

        return state;
    }

    private static Parameter[] Snapshot(ParameterSet parameters)
    {
        var layout = new Parameter[parameters.Count];
        for (int i = 0; i < layout.Length; i++)
        {
            layout[i] = parameters[i];
        }

        return layout;
    }

    private static void CheckShape(OptimizerStateTensor tensor, Parameter p)
    {
        IReadOnlyList<int> shape = tensor.Shape;
        bool same = p.IsMatrix
            ? shape.Count == 2 && shape[0] == p.Rows && shape[1] == p.Columns
            : shape.Count == 1 && shape[0] == p.Rows;
        if (!same || tensor.Data.Length != p.Length)
        {
            throw new ArgumentException(
                $"The saved optimiser state '{tensor.Name}' has shape [{string.Join(", ", shape)}] and {tensor.Data.Length} values, " +
                $"but parameter '{p.Name}' is {p.ShapeText}.",
                "state");
        }
    }

    private static string Describe(IReadOnlyList<Parameter> parameters)
    {
        var parts = new string[parameters.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = $"{parameters[i].Name} {parameters[i].ShapeText}";
        }

        return string.Join(", ", parts);
    }
}
