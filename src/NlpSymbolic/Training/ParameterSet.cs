using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Training;

/// <summary>
/// The trainable parameters of a model, in the order they were added, each with its gradient buffer.
/// </summary>
/// <remarks>
/// Optimisers keep their state by position in this list, so add every parameter before the first
/// <see cref="Optimizer.Step"/>. Whole-set operations (<see cref="ZeroGradients"/>, <see cref="GradientNorm"/>,
/// <see cref="AddGradientsFrom"/>, <see cref="FirstNonFiniteGradient"/>) never allocate; the name lookup does
/// a dictionary probe and is meant for setup code, not the training loop.
/// </remarks>
public sealed class ParameterSet : IReadOnlyList<Parameter>
{
    private readonly List<Parameter> _parameters = new();
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);

    /// <summary>Incremented by every <c>Add</c>, so an optimiser can tell its state is for an older layout.</summary>
    internal int Version { get; private set; }

    /// <summary>
    /// Until the returned scope is disposed, rank-one updates of this set's dense weight gradients by backward
    /// calls on this thread wait and are then added as matrix products (<see cref="DeferredGradientUpdates"/>):
    /// <c>using (parameters.DeferGradientUpdates()) { … backward calls … }</c>. Allocation-free.
    /// </summary>
    public DeferredGradientUpdates DeferGradientUpdates() => new(this);

    /// <summary>Number of parameters.</summary>
    public int Count => _parameters.Count;

    /// <summary>Total number of scalar entries over all parameters.</summary>
    public long TotalLength
    {
        get
        {
            long total = 0;
            foreach (Parameter p in _parameters)
            {
                total += p.Length;
            }

            return total;
        }
    }

    /// <summary>The parameter at <paramref name="index"/>, in the order added.</summary>
    public Parameter this[int index] => _parameters[index];

    /// <summary>The parameter called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name; the message lists the names there are.</exception>
    public Parameter this[string name] =>
        TryGet(name, out Parameter? parameter)
            ? parameter
            : throw new KeyNotFoundException(
                $"No parameter named '{name}'; the set has: {string.Join(", ", Names())}.");

    /// <summary>Looks up a parameter by name.</summary>
    public bool TryGet(string name, [MaybeNullWhen(false)] out Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_indexByName.TryGetValue(name, out int index))
        {
            parameter = _parameters[index];
            return true;
        }

        parameter = null;
        return false;
    }

    /// <summary>Adds a matrix parameter.</summary>
    /// <param name="name">Unique, non-empty name (used in messages, checkpoints and optimiser state).</param>
    /// <param name="value">The weights: a dense matrix, updated in place by optimisers.</param>
    /// <param name="gradient">The gradient buffer the backward pass adds into; a zeroed one of the same shape is created when null.</param>
    /// <param name="sparseColumns">
    /// Update only the columns recorded with <see cref="Parameter.TouchColumn"/> each step (embedding matrices).
    /// </param>
    /// <returns>The new parameter, e.g. to call <see cref="Parameter.TouchColumn"/> on.</returns>
    /// <exception cref="ArgumentException">Duplicate or empty name, non-dense storage, or a gradient whose shape differs from the value's.</exception>
    public Parameter Add(string name, Matrix<double> value, Matrix<double>? gradient = null, bool sparseColumns = false)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(value);
        if (gradient is not null && (gradient.RowCount != value.RowCount || gradient.ColumnCount != value.ColumnCount))
        {
            throw new ArgumentException(
                $"Parameter '{name}': the gradient is {gradient.RowCount}×{gradient.ColumnCount} " +
                $"but the value is {value.RowCount}×{value.ColumnCount}.",
                nameof(gradient));
        }

        gradient ??= Matrix<double>.Build.Dense(value.RowCount, value.ColumnCount);
        return Append(new Parameter(name, value, gradient, sparseColumns));
    }

    /// <summary>Adds a vector parameter.</summary>
    /// <param name="name">Unique, non-empty name (used in messages, checkpoints and optimiser state).</param>
    /// <param name="value">The weights: a dense vector, updated in place by optimisers.</param>
    /// <param name="gradient">The gradient buffer the backward pass adds into; a zeroed one of the same length is created when null.</param>
    /// <returns>The new parameter.</returns>
    /// <exception cref="ArgumentException">Duplicate or empty name, non-dense storage, or a gradient whose length differs from the value's.</exception>
    public Parameter Add(string name, Vector<double> value, Vector<double>? gradient = null)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(value);
        if (gradient is not null && gradient.Count != value.Count)
        {
            throw new ArgumentException(
                $"Parameter '{name}': the gradient has length {gradient.Count} but the value has length {value.Count}.",
                nameof(gradient));
        }

        gradient ??= Vector<double>.Build.Dense(value.Count);
        return Append(new Parameter(name, value, gradient));
    }

    /// <summary>
    /// Zeroes every gradient; a <see cref="Parameter.SparseColumns"/> parameter clears only its recorded
    /// columns and then forgets them.
    /// </summary>
    public void ZeroGradients()
    {
        foreach (Parameter p in _parameters)
        {
            p.ZeroGradient();
        }
    }

    /// <summary>
    /// The global L2 norm of all gradients, √(Σ g²) over every entry of every parameter (recorded columns
    /// only for sparse parameters, whose other columns are zero by contract).
    /// </summary>
    public double GradientNorm()
    {
        double sum = 0;
        foreach (Parameter p in _parameters)
        {
            sum += p.GradientSumOfSquares();
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// The name of the first parameter (in the order added) whose gradient holds a NaN or an infinity,
    /// or null when all are finite. Sparse parameters are checked on their recorded columns.
    /// </summary>
    /// <remarks>Cheap enough to call every step, so a trainer can stop at the first bad step and say where.</remarks>
    public string? FirstNonFiniteGradient()
    {
        foreach (Parameter p in _parameters)
        {
            if (!p.GradientIsFinite())
            {
                return p.Name;
            }
        }

        return null;
    }

    /// <summary>
    /// A set with the same parameters — sharing these value matrices and vectors — but its own zeroed
    /// gradient buffers and touched-column records, for one worker of data-parallel training. Workers run
    /// backward passes into their own set; <see cref="AddGradientsFrom"/> then sums them into this one.
    /// </summary>
    public ParameterSet CreateGradientBuffers()
    {
        var copy = new ParameterSet();
        foreach (Parameter p in _parameters)
        {
            copy.Append(p.WithFreshGradient());
        }

        return copy;
    }

    /// <summary>
    /// Adds <paramref name="source"/>'s gradients into this set's (for sparse parameters only the source's
    /// recorded columns, which become recorded here too). The source is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">The sets differ in count, names, order, shapes or sparseness.</exception>
    public void AddGradientsFrom(ParameterSet source)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckSameLayout(source, nameof(AddGradientsFrom), nameof(source));
        for (int i = 0; i < _parameters.Count; i++)
        {
            Parameter to = _parameters[i], from = source._parameters[i];
            if (!to.SparseColumns)
            {
                TensorPrimitives.Add(to.Gradients, from.Gradients, to.Gradients);
                continue;
            }

            foreach (int column in from.TouchedColumns)
            {
                Span<double> target = to.GradientColumn(column);
                TensorPrimitives.Add(target, from.GradientColumn(column), target);
                to.TouchColumn(column);
            }
        }
    }

    /// <summary>Enumerates the parameters in the order added; <c>foreach</c> over the set does not allocate.</summary>
    public List<Parameter>.Enumerator GetEnumerator() => _parameters.GetEnumerator();

    IEnumerator<Parameter> IEnumerable<Parameter>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Throws unless <paramref name="other"/> has the same names, order, shapes and sparseness.</summary>
    internal void CheckSameLayout(ParameterSet other, string operation, string paramName)
    {
        if (other.Count != Count)
        {
            throw new ArgumentException(
                $"{operation}: expected {Count} parameters ({string.Join(", ", Names())}) " +
                $"but got {other.Count} ({string.Join(", ", other.Names())}).",
                paramName);
        }

        for (int i = 0; i < Count; i++)
        {
            Parameter mine = _parameters[i], theirs = other._parameters[i];
            if (!string.Equals(mine.Name, theirs.Name, StringComparison.Ordinal) || !mine.SameShape(theirs))
            {
                throw new ArgumentException(
                    $"{operation}: parameter {i} should be '{mine.Name}' ({Describe(mine)}) " +
                    $"but is '{theirs.Name}' ({Describe(theirs)}).",
                    paramName);
            }
        }
    }

    private static string Describe(Parameter p) => p.SparseColumns ? $"{p.ShapeText}, sparse columns" : p.ShapeText;

    private IEnumerable<string> Names()
    {
        foreach (Parameter p in _parameters)
        {
            yield return p.Name;
        }
    }

    private void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new ArgumentException("A parameter name must not be empty.", nameof(name));
        }

        if (_indexByName.ContainsKey(name))
        {
            throw new ArgumentException($"The set already has a parameter named '{name}'.", nameof(name));
        }
    }

    private Parameter Append(Parameter parameter)
    {
        if (ReferenceEquals(parameter.Values, parameter.Gradients))
        {
            throw new ArgumentException(
                $"Parameter '{parameter.Name}': the gradient must be a separate buffer, not the value itself.",
                "gradient");
        }

        _indexByName.Add(parameter.Name, _parameters.Count);
        _parameters.Add(parameter);
        Version++;
        return parameter;
    }
}
