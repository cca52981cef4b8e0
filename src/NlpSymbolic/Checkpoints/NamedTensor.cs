using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// One tensor to save: a name, a shape and the data, with the element type to store it as.
/// </summary>
/// <remarks>
/// A <see cref="NamedTensor"/> views its data rather than copying it: the values written are the
/// ones in the buffer (or matrix, or vector) when the save runs. Shape and
/// length are checked here, so a save never fails halfway for a caller mistake.
/// </remarks>
public sealed class NamedTensor
{
    /// <summary>The reserved header key for file-level metadata; no tensor may use it.</summary>
    internal const string MetadataKey = "__metadata__";

    private readonly int[] _shape;

    private NamedTensor(string name, int[] shape, SafeTensorDType dtype, ReadOnlyMemory<double> doubles, ReadOnlyMemory<long> integers, TensorLayout layout)
    {
        _shape = shape;
        Name = name;
        DType = dtype;
        Doubles = doubles;
        Integers = integers;
        Layout = layout;
    }

    /// <summary>
    /// A floating-point tensor from <paramref name="data"/> (a <c>double[]</c> converts implicitly),
    /// ordered by <paramref name="layout"/>, stored as <paramref name="storeAs"/>.
    /// </summary>
    /// <param name="name">The tensor's name in the file; any string except <c>__metadata__</c>.</param>
    /// <param name="shape">The dimensions; empty for a scalar. Copied.</param>
    /// <param name="data">Exactly as many elements as <paramref name="shape"/> describes.</param>
    /// <param name="layout">The order of <paramref name="data"/>; the file is always row-major.</param>
    /// <param name="storeAs"><see cref="SafeTensorDType.F64"/> (lossless) or <see cref="SafeTensorDType.F32"/> (rounded, half the size).</param>
    /// <exception cref="ArgumentException">The name is reserved, the shape is negative or does not match the data's length, or <paramref name="storeAs"/> is not F64 or F32.</exception>
    public NamedTensor(string name, int[] shape, ReadOnlyMemory<double> data, TensorLayout layout = TensorLayout.RowMajor, SafeTensorDType storeAs = SafeTensorDType.F64)
        : this(CheckName(name), CheckShape(name, shape, data.Length), CheckFloatType(name, storeAs), data, default, CheckLayout(layout))
    {
    }

    /// <summary>The tensor's name in the file.</summary>
    public string Name { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The element type written to the file.</summary>
    public SafeTensorDType DType { get; }

    internal int[] ShapeArray => _shape;

    internal ReadOnlyMemory<double> Doubles { get; }

    internal ReadOnlyMemory<long> Integers { get; }

    internal TensorLayout Layout { get; }

    internal long ByteLength => (long)Math.Max(Doubles.Length, Integers.Length) * DType.ElementSize();

    /// <summary>An integer tensor (a step counter, token ids, ...) stored as <paramref name="storeAs"/>.</summary>
    /// <param name="name">The tensor's name in the file; any string except <c>__metadata__</c>.</param>
    /// <param name="shape">The dimensions, row-major; empty for a scalar. Copied.</param>
    /// <param name="data">Exactly as many elements as <paramref name="shape"/> describes.</param>
    /// <param name="storeAs"><see cref="SafeTensorDType.I64"/>, or <see cref="SafeTensorDType.I32"/> when every value fits.</param>
    /// <exception cref="ArgumentException">The name is reserved, the shape does not match, <paramref name="storeAs"/> is not an integer type, or a value does not fit I32.</exception>
    public static NamedTensor FromInt64s(string name, int[] shape, ReadOnlyMemory<long> data, SafeTensorDType storeAs = SafeTensorDType.I64)
    {
        CheckName(name);
        int[] copy = CheckShape(name, shape, data.Length);
        if (storeAs == SafeTensorDType.I32)
        {
            foreach (long value in data.Span)
            {
                if (value is < int.MinValue or > int.MaxValue)
                {
                    throw new ArgumentException($"Tensor \"{name}\": the value {value} does not fit I32; store it as I64.", nameof(data));
                }
            }
        }
        else if (storeAs != SafeTensorDType.I64)
        {
            throw new ArgumentException($"Tensor \"{name}\": integer data is stored as I64 or I32, not {storeAs}.", nameof(storeAs));
        }

        return new NamedTensor(name, copy, storeAs, default, data, TensorLayout.RowMajor);
    }

    /// <summary>An integer scalar (shape []) stored as I64, e.g. an optimiser's step count.</summary>
    /// <param name="name">The tensor's name in the file.</param>
    /// <param name="value">The value.</param>
    public static NamedTensor FromInt64(string name, long value) => FromInt64s(name, [], new[] { value });

    /// <summary>A floating-point scalar (shape []).</summary>
    /// <param name="name">The tensor's name in the file.</param>
    /// <param name="value">The value.</param>
    /// <param name="storeAs">F64 or F32.</param>
    public static NamedTensor FromScalar(string name, double value, SafeTensorDType storeAs = SafeTensorDType.F64) =>
        new(name, [], new[] { value }, TensorLayout.RowMajor, storeAs);

    /// <summary>
    /// A matrix as shape [rows, columns]. Dense storage is viewed without copying (and written
    /// transposed to the file's row-major order); other storage is copied now.
    /// </summary>
    /// <param name="name">The tensor's name in the file.</param>
    /// <param name="matrix">The matrix.</param>
    /// <param name="storeAs">F64 or F32.</param>
    public static NamedTensor FromMatrix(string name, Matrix<double> matrix, SafeTensorDType storeAs = SafeTensorDType.F64)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double[] columnMajor = matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray();
        return new NamedTensor(name, [matrix.RowCount, matrix.ColumnCount], columnMajor, TensorLayout.ColumnMajor, storeAs);
    }

    /// <summary>A vector as shape [count]. Dense storage is viewed without copying; other storage is copied now.</summary>
    /// <param name="name">The tensor's name in the file.</param>
    /// <param name="vector">The vector.</param>
    /// <param name="storeAs">F64 or F32.</param>
    public static NamedTensor FromVector(string name, Vector<double> vector, SafeTensorDType storeAs = SafeTensorDType.F64)
    {
        ArgumentNullException.ThrowIfNull(vector);
        double[] values = vector.AsArray() ?? vector.ToArray();
        return new NamedTensor(name, [vector.Count], values, TensorLayout.RowMajor, storeAs);
    }

    /// <summary>
    /// A float32 matrix as shape [rows, columns], stored as F32 by default: the file holds exactly the matrix's
    /// values and opens as float32 anywhere (numpy, PyTorch). The values are copied now, widened to double (exact).
    /// </summary>
    /// <param name="name">The tensor's name in the file.</param>
    /// <param name="matrix">The matrix.</param>
    /// <param name="storeAs">F32 (the default), or F64: both hold every float32 value exactly.</param>
    public static NamedTensor FromSingleMatrix(string name, Matrix<float> matrix, SafeTensorDType storeAs = SafeTensorDType.F32)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double[] columnMajor = Widen(/* Stryker disable once NullCoalescing : the view only saves a copy; Widen copies the values either way */ matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray());
        return new NamedTensor(name, [matrix.RowCount, matrix.ColumnCount], columnMajor, TensorLayout.ColumnMajor, storeAs);
    }

    /// <summary>A float32 vector as shape [count], stored as F32 by default; the values are copied now (see the matrix form).</summary>
    /// <param name="name">The tensor's name in the file.</param>
    /// <param name="vector">The vector.</param>
    /// <param name="storeAs">F32 (the default), or F64.</param>
    public static NamedTensor FromSingleVector(string name, Vector<float> vector, SafeTensorDType storeAs = SafeTensorDType.F32)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return new NamedTensor(name, [vector.Count], Widen(/* Stryker disable once NullCoalescing : the view only saves a copy; Widen copies the values either way */ vector.AsArray() ?? vector.ToArray()), TensorLayout.RowMajor, storeAs);
    }

    private static double[] Widen(float[] values) => Array.ConvertAll(values, v => (double)v);

    private static string CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == MetadataKey)
        {
            throw new ArgumentException($"\"{MetadataKey}\" is reserved for file metadata and cannot name a tensor.", nameof(name));
        }

        return name;
    }

    private static int[] CheckShape(string name, int[] shape, int dataLength)
    {
        int[] copy = TensorShape.Validated(shape, name, nameof(shape), out int count);
        if (count != dataLength)
        {
            throw new ArgumentException(
                $"Tensor \"{name}\": shape {TensorShape.Format(copy)} has {count} elements but the data has {dataLength}.", nameof(shape));
        }

        return copy;
    }

    private static SafeTensorDType CheckFloatType(string name, SafeTensorDType storeAs) =>
        storeAs is SafeTensorDType.F64 or SafeTensorDType.F32
            ? storeAs
            : throw new ArgumentException($"Tensor \"{name}\": floating-point data is stored as F64 or F32, not {storeAs}.", nameof(storeAs));

    private static TensorLayout CheckLayout(TensorLayout layout) =>
        layout is TensorLayout.RowMajor or TensorLayout.ColumnMajor
            ? layout
            : throw new ArgumentOutOfRangeException(nameof(layout), layout, "Not a tensor layout.");
}
