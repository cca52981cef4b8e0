using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// A tensor read from a safetensors file. Floating-point types (F64, F32, F16, BF16) are held as
/// <see cref="double"/> (widening is exact); integer types (I64, I32) as <see cref="long"/>.
/// <see cref="DType"/> still tells what the file stored. Data is row-major, as in the file.
/// </summary>
public sealed class LoadedTensor
{
    private readonly int[] _shape;
    private readonly double[]? _doubles;
    private readonly long[]? _integers;

    internal LoadedTensor(string name, SafeTensorDType dtype, int[] shape, double[]? doubles, long[]? integers)
    {
        Name = name;
        DType = dtype;
        _shape = shape;
        _doubles = doubles;
        _integers = integers;
    }

    /// <summary>The tensor's name in the file.</summary>
    public string Name { get; }

    /// <summary>The element type the file stored.</summary>
    public SafeTensorDType DType { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The number of elements (the product of <see cref="Shape"/>; 1 for a scalar).</summary>
    public int ElementCount => _doubles?.Length ?? _integers!.Length;

    /// <summary>True for F64, F32, F16 and BF16 tensors, whose values are in <see cref="Doubles"/>.</summary>
    public bool IsFloatingPoint => _doubles is not null;

    /// <summary>The values of a floating-point tensor, row-major.</summary>
    /// <exception cref="InvalidOperationException">The tensor holds integers; use <see cref="Int64s"/>.</exception>
    public ReadOnlySpan<double> Doubles =>
        _doubles ?? throw new InvalidOperationException($"Tensor \"{Name}\" is {DType}; read it with {nameof(Int64s)}.");

    /// <summary>The values of an integer tensor (I64, or I32 widened), row-major.</summary>
    /// <exception cref="InvalidOperationException">The tensor holds floating-point values; use <see cref="Doubles"/>.</exception>
    public ReadOnlySpan<long> Int64s =>
        _integers ?? throw new InvalidOperationException($"Tensor \"{Name}\" is {DType}; read it with {nameof(Doubles)}.");

    internal int[] ShapeArray => _shape;

    /// <summary>A new dense matrix from a rank-2 floating-point tensor (shape [rows, columns]).</summary>
    /// <exception cref="InvalidOperationException">The tensor is not rank 2 or not floating-point.</exception>
    public Matrix<double> ToMatrix()
    {
        RequireRank(2, "a matrix");
        var columnMajor = new double[ElementCount];
        LayoutOrder.FromRowMajor<double>(Doubles, _shape, TensorLayout.ColumnMajor, columnMajor);
        return Matrix<double>.Build.Dense(_shape[0], _shape[1], columnMajor);
    }

    /// <summary>A new dense vector from a rank-1 floating-point tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not rank 1 or not floating-point.</exception>
    public Vector<double> ToVector()
    {
        RequireRank(1, "a vector");
        return Vector<double>.Build.Dense(Doubles.ToArray());
    }

    /// <summary>The value of a rank-0 (shape []) floating-point tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not rank 0 or not floating-point.</exception>
    public double ToScalar()
    {
        RequireRank(0, "a scalar");
        return Doubles[0];
    }

    /// <summary>Copies the values of a floating-point tensor into <paramref name="destination"/>, ordered by <paramref name="layout"/>.</summary>
    /// <param name="destination">Exactly <see cref="ElementCount"/> elements.</param>
    /// <param name="layout">The order to write in; <see cref="TensorLayout.ColumnMajor"/> fills MathNet-style storage.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">The tensor holds integers.</exception>
    public void CopyTo(Span<double> destination, TensorLayout layout = TensorLayout.RowMajor)
    {
        ReadOnlySpan<double> values = Doubles;
        if (destination.Length != values.Length)
        {
            throw new ArgumentException(
                $"Tensor \"{Name}\" has {values.Length} elements but the destination has {destination.Length}.", nameof(destination));
        }

        LayoutOrder.FromRowMajor(values, _shape, layout, destination);
    }

    /// <summary>A new dense float32 matrix from a rank-2 floating-point tensor: exact for an F32 (or F16, BF16) tensor, rounded to nearest for F64.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not rank 2 or not floating-point.</exception>
    public Matrix<float> ToSingleMatrix()
    {
        RequireRank(2, "a matrix");
        var columnMajor = new float[ElementCount];
        CopyTo(columnMajor, TensorLayout.ColumnMajor);
        return Matrix<float>.Build.Dense(_shape[0], _shape[1], columnMajor);
    }

    /// <summary>A new dense float32 vector from a rank-1 floating-point tensor (exact for F32, rounded for F64).</summary>
    /// <exception cref="InvalidOperationException">The tensor is not rank 1 or not floating-point.</exception>
    public Vector<float> ToSingleVector()
    {
        RequireRank(1, "a vector");
        var values = new float[ElementCount];
        CopyTo(values);
        return Vector<float>.Build.Dense(values);
    }

    /// <summary>
    /// Copies the values of a floating-point tensor into float32 <paramref name="destination"/>, ordered by
    /// <paramref name="layout"/>: exact for an F32 tensor (F32 values are held widened, exactly), rounded to nearest for F64.
    /// </summary>
    /// <param name="destination">Exactly <see cref="ElementCount"/> elements.</param>
    /// <param name="layout">The order to write in; <see cref="TensorLayout.ColumnMajor"/> fills MathNet-style storage.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">The tensor holds integers.</exception>
    public void CopyTo(Span<float> destination, TensorLayout layout = TensorLayout.RowMajor)
    {
        ReadOnlySpan<double> values = Doubles;
        if (destination.Length != values.Length)
        {
            throw new ArgumentException(
                $"Tensor \"{Name}\" has {values.Length} elements but the destination has {destination.Length}.", nameof(destination));
        }

        float[] rowMajor = new float[values.Length];
        for (int i = 0; i < rowMajor.Length; i++)
        {
            rowMajor[i] = (float)values[i];
        }

        LayoutOrder.FromRowMajor<float>(rowMajor, _shape, layout, destination);
    }

    private void RequireRank(int rank, string what)
    {
        if (_shape.Length != rank || !IsFloatingPoint)
        {
            throw new InvalidOperationException(
                $"Tensor \"{Name}\" is {DType} {TensorShape.Format(_shape)}; {what} needs a floating-point tensor of rank {rank}.");
        }
    }
}
