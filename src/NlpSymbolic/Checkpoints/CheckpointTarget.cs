using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// A named slot of model or optimiser storage that a checkpoint tensor is loaded into (and can be
/// saved from): the expected shape, and the memory to fill in a given layout.
/// </summary>
/// <remarks>
/// A training runtime describes its state once as a list of targets (one per parameter, gradient
/// moment or counter) and uses it both ways: <see cref="ToNamedTensor"/> for
/// <see cref="SafeTensors.Save(string, IEnumerable{NamedTensor}, IReadOnlyDictionary{string, string}?)"/>
/// and <see cref="CheckpointLoader.LoadInto(SafeTensorsFile, IEnumerable{CheckpointTarget}, bool)"/> to restore.
/// </remarks>
public sealed class CheckpointTarget
{
    private readonly int[] _shape;
    private readonly Memory<double> _doubles;
    private readonly Memory<long> _integers;

    /// <summary>A floating-point target: <paramref name="destination"/> receives the values, ordered by <paramref name="layout"/>.</summary>
    /// <param name="name">The tensor name to look for in the checkpoint.</param>
    /// <param name="shape">The shape the model expects; empty for a scalar. Copied.</param>
    /// <param name="destination">Exactly as many elements as <paramref name="shape"/> describes (a <c>double[]</c> converts implicitly).</param>
    /// <param name="layout">The order of <paramref name="destination"/>; use <see cref="TensorLayout.ColumnMajor"/> for MathNet dense matrix storage.</param>
    /// <exception cref="ArgumentException">The shape is negative or does not match the destination's length.</exception>
    public CheckpointTarget(string name, int[] shape, Memory<double> destination, TensorLayout layout = TensorLayout.RowMajor)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _shape = CheckShape(name, shape, destination.Length);
        _doubles = destination;
        Layout = layout is TensorLayout.RowMajor or TensorLayout.ColumnMajor
            ? layout
            : throw new ArgumentOutOfRangeException(nameof(layout), layout, "Not a tensor layout.");
    }

    /// <summary>An integer target (I64 or I32 in the file), row-major, e.g. an optimiser's step count with shape [].</summary>
    /// <param name="name">The tensor name to look for in the checkpoint.</param>
    /// <param name="shape">The shape the model expects; empty for a scalar. Copied.</param>
    /// <param name="destination">Exactly as many elements as <paramref name="shape"/> describes.</param>
    /// <exception cref="ArgumentException">The shape is negative or does not match the destination's length.</exception>
    public CheckpointTarget(string name, int[] shape, Memory<long> destination)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _shape = CheckShape(name, shape, destination.Length);
        _integers = destination;
        IsInteger = true;
        Layout = TensorLayout.RowMajor;
    }

    /// <summary>The tensor name to look for in the checkpoint.</summary>
    public string Name { get; }

    /// <summary>The shape the model expects.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The order of the destination memory.</summary>
    public TensorLayout Layout { get; }

    /// <summary>True for an integer target; false for a floating-point one.</summary>
    public bool IsInteger { get; }

    internal int[] ShapeArray => _shape;

    internal Memory<double> Doubles => _doubles;

    internal Memory<long> Integers => _integers;

    /// <summary>
    /// A target that loads straight into a dense matrix's storage (shape [rows, columns]); the
    /// file's row-major data is transposed into MathNet's column-major array.
    /// </summary>
    /// <param name="name">The tensor name to look for in the checkpoint.</param>
    /// <param name="matrix">A dense matrix; its values are replaced in place.</param>
    /// <exception cref="ArgumentException">The matrix is not dense, so it has no array to load into.</exception>
    public static CheckpointTarget ForMatrix(string name, Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double[] storage = matrix.AsColumnMajorArray()
            ?? throw new ArgumentException($"Target \"{name}\": the matrix is not dense; loading writes into a dense matrix's array.", nameof(matrix));
        return new CheckpointTarget(name, [matrix.RowCount, matrix.ColumnCount], storage, TensorLayout.ColumnMajor);
    }

    /// <summary>A target that loads straight into a dense vector's storage (shape [count]).</summary>
    /// <param name="name">The tensor name to look for in the checkpoint.</param>
    /// <param name="vector">A dense vector; its values are replaced in place.</param>
    /// <exception cref="ArgumentException">The vector is not dense.</exception>
    public static CheckpointTarget ForVector(string name, Vector<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        double[] storage = vector.AsArray()
            ?? throw new ArgumentException($"Target \"{name}\": the vector is not dense; loading writes into a dense vector's array.", nameof(vector));
        return new CheckpointTarget(name, [vector.Count], storage);
    }

    /// <summary>The target's current values as a tensor to save, viewing the same memory.</summary>
    /// <param name="storeAs">The file type; null means F64 for floating-point targets and I64 for integer ones.</param>
    /// <returns>A tensor with this target's name and shape.</returns>
    public NamedTensor ToNamedTensor(SafeTensorDType? storeAs = null) =>
        IsInteger
            ? NamedTensor.FromInt64s(Name, _shape, _integers, storeAs ?? SafeTensorDType.I64)
            : new NamedTensor(Name, _shape, _doubles, Layout, storeAs ?? SafeTensorDType.F64);

    private static int[] CheckShape(string name, int[] shape, int destinationLength)
    {
        int[] copy = TensorShape.Validated(shape, name, nameof(shape), out int count);
        if (count != destinationLength)
        {
            throw new ArgumentException(
                $"Target \"{name}\": shape {TensorShape.Format(copy)} has {count} elements but the destination has {destinationLength}.", nameof(shape));
        }

        return copy;
    }
}
