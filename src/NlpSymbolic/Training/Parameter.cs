using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace NlpSymbolic.Training;

/// <summary>
/// One trainable tensor: a named dense matrix or vector together with a gradient buffer of the same shape.
/// </summary>
/// <remarks>
/// <para>
/// Optimisers, clipping and the gradient check work on the flat storage arrays <see cref="Values"/> and
/// <see cref="Gradients"/>. These are the arrays inside MathNet's dense storage, so writing to them changes
/// <see cref="ValueMatrix"/>/<see cref="ValueVector"/> and vice versa. MathNet's dense matrices are
/// column-major: entry (i, j) of an R×C matrix is <c>Values[j * R + i]</c>, and column j is the contiguous
/// range <c>[j * R, (j + 1) * R)</c>.
/// </para>
/// <para>
/// A matrix added with <c>sparseColumns: true</c> (an embedding matrix with one column per word) is
/// updated column by column: the backward pass records which columns it wrote with
/// <see cref="TouchColumn"/>/<see cref="TouchColumns"/>, and optimisers, clipping, the gradient norm and
/// <see cref="ZeroGradient"/> visit only those columns, so a step costs O(touched columns · rows) rather
/// than O(vocabulary · rows). The contract is that every column not recorded has a zero gradient.
/// </para>
/// <para>
/// Recording columns is not thread-safe: in data-parallel training each worker writes its own gradients and
/// records (<see cref="ParameterSet.CreateGradientBuffers"/>).
/// </para>
/// </remarks>
public sealed class Parameter
{
    // Dedup without hashing: a flag per column plus the list of flagged columns, both sized once at
    // construction so recording touches never allocates.
    private readonly bool[]? _isTouched;
    private readonly int[]? _touched;
    private int _touchedCount;

    internal Parameter(string name, Matrix<double> value, Matrix<double> gradient, bool sparseColumns)
    {
        Name = name;
        ValueMatrix = value;
        GradientMatrix = gradient;
        Values = DenseData(value, name, "value");
        Gradients = DenseData(gradient, name, "gradient");
        Rows = value.RowCount;
        Columns = value.ColumnCount;
        SparseColumns = sparseColumns;
        if (sparseColumns)
        {
            _isTouched = new bool[Columns];
            _touched = new int[Columns];
        }
    }

    internal Parameter(string name, Vector<double> value, Vector<double> gradient)
    {
        Name = name;
        ValueVector = value;
        GradientVector = gradient;
        Values = DenseData(value, name, "value");
        Gradients = DenseData(gradient, name, "gradient");
        Rows = value.Count;
        Columns = 1;
    }

    /// <summary>The parameter's name, unique within its <see cref="ParameterSet"/>.</summary>
    public string Name { get; }

    /// <summary>True for a matrix parameter, false for a vector parameter.</summary>
    public bool IsMatrix => ValueMatrix is not null;

    /// <summary>Rows of the matrix, or the length of the vector.</summary>
    public int Rows { get; }

    /// <summary>Columns of the matrix, or 1 for a vector.</summary>
    public int Columns { get; }

    /// <summary>Number of entries, <see cref="Rows"/> · <see cref="Columns"/>.</summary>
    public int Length => Values.Length;

    /// <summary>The value when this is a matrix parameter; otherwise null.</summary>
    public Matrix<double>? ValueMatrix { get; }

    /// <summary>The value when this is a vector parameter; otherwise null.</summary>
    public Vector<double>? ValueVector { get; }

    /// <summary>The gradient buffer when this is a matrix parameter; otherwise null.</summary>
    public Matrix<double>? GradientMatrix { get; }

    /// <summary>The gradient buffer when this is a vector parameter; otherwise null.</summary>
    public Vector<double>? GradientVector { get; }

    /// <summary>The value's dense storage (column-major for matrices), shared with the MathNet object.</summary>
    public double[] Values { get; }

    /// <summary>The gradient's dense storage (column-major for matrices), shared with the MathNet object.</summary>
    public double[] Gradients { get; }

    /// <summary>
    /// True when only the columns recorded with <see cref="TouchColumn"/> are updated, cleared and measured.
    /// </summary>
    public bool SparseColumns { get; }

    /// <summary>
    /// The distinct columns recorded since the gradient was last zeroed, in the order first touched.
    /// Empty for a parameter without <see cref="SparseColumns"/>.
    /// </summary>
    public ReadOnlySpan<int> TouchedColumns => _touched.AsSpan(0, _touchedCount);

    /// <summary>A short description of the shape for messages, such as "3×4" or "length 5".</summary>
    public string ShapeText => IsMatrix ? $"{Rows}×{Columns}" : $"length {Rows}";

    /// <summary>The value's storage of column <paramref name="column"/> (the whole vector for a vector parameter).</summary>
    public Span<double> ValueColumn(int column) => Values.AsSpan(ColumnStart(column), Rows);

    /// <summary>The gradient's storage of column <paramref name="column"/> (the whole vector for a vector parameter).</summary>
    public Span<double> GradientColumn(int column) => Gradients.AsSpan(ColumnStart(column), Rows);

    /// <summary>Records that this step's gradient wrote column <paramref name="column"/>; repeated calls are ignored.</summary>
    /// <exception cref="InvalidOperationException">The parameter was not added with <c>sparseColumns: true</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The column is outside the matrix.</exception>
    public void TouchColumn(int column)
    {
        bool[] isTouched = SparseFlags();
        if ((uint)column >= (uint)Columns)
        {
            ThrowColumn(column);
        }

        if (!isTouched[column])
        {
            isTouched[column] = true;
            _touched![_touchedCount++] = column;
        }
    }

    /// <summary>Records each of <paramref name="columns"/> as touched (see <see cref="TouchColumn"/>).</summary>
    /// <exception cref="InvalidOperationException">The parameter was not added with <c>sparseColumns: true</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A column is outside the matrix; earlier ones stay recorded.</exception>
    public void TouchColumns(ReadOnlySpan<int> columns)
    {
        SparseFlags();
        foreach (int column in columns)
        {
            TouchColumn(column);
        }
    }

    /// <summary>Whether <paramref name="column"/> is recorded as touched (false for a dense parameter).</summary>
    internal bool IsColumnTouched(int column) => _isTouched is not null && _isTouched[column];

    /// <summary>Puts the recorded columns in increasing order, so sums over them do not depend on who touched them first.</summary>
    internal void SortTouchedColumns()
    {
        if (_touched is not null)
        {
            Array.Sort(_touched, 0, _touchedCount);
        }
    }

    /// <summary>Forgets the recorded columns without clearing their gradients.</summary>
    public void ForgetTouchedColumns()
    {
        if (_isTouched is null)
        {
            return;
        }

        foreach (int column in TouchedColumns)
        {
            _isTouched[column] = false;
        }

        _touchedCount = 0;
    }

    /// <summary>
    /// Sets the gradient to zero: the whole buffer, or for a <see cref="SparseColumns"/> parameter only the
    /// recorded columns, which are then forgotten.
    /// </summary>
    public void ZeroGradient()
    {
        if (!SparseColumns)
        {
            Array.Clear(Gradients);
            return;
        }

        foreach (int column in TouchedColumns)
        {
            GradientColumn(column).Clear();
        }

        ForgetTouchedColumns();
    }

    /// <summary>Sum of squared gradient entries (recorded columns only for a sparse parameter).</summary>
    internal double GradientSumOfSquares()
    {
        if (!SparseColumns)
        {
            return TensorPrimitives.SumOfSquares<double>(Gradients);
        }

        double sum = 0;
        foreach (int column in TouchedColumns)
        {
            sum += TensorPrimitives.SumOfSquares<double>(GradientColumn(column));
        }

        return sum;
    }

    /// <summary>True when every gradient entry (recorded columns only for a sparse parameter) is finite.</summary>
    internal bool GradientIsFinite()
    {
        if (!SparseColumns)
        {
            return TensorPrimitives.IsFiniteAll<double>(Gradients);
        }

        foreach (int column in TouchedColumns)
        {
            if (!TensorPrimitives.IsFiniteAll<double>(GradientColumn(column)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Multiplies the gradient (recorded columns only for a sparse parameter) by <paramref name="factor"/>.</summary>
    internal void ScaleGradient(double factor)
    {
        if (!SparseColumns)
        {
            TensorPrimitives.Multiply(Gradients, factor, Gradients);
            return;
        }

        foreach (int column in TouchedColumns)
        {
            Span<double> g = GradientColumn(column);
            TensorPrimitives.Multiply(g, factor, g);
        }
    }

    /// <summary>Clamps every gradient entry (recorded columns only for a sparse parameter) to [−limit, limit]; NaN stays NaN.</summary>
    internal void ClampGradient(double limit)
    {
        if (!SparseColumns)
        {
            TensorPrimitives.Clamp(Gradients, -limit, limit, Gradients);
            return;
        }

        foreach (int column in TouchedColumns)
        {
            Span<double> g = GradientColumn(column);
            TensorPrimitives.Clamp(g, -limit, limit, g);
        }
    }

    /// <summary>A parameter sharing this one's value but with its own zeroed gradient and touch record.</summary>
    internal Parameter WithFreshGradient() => IsMatrix
        ? new Parameter(Name, ValueMatrix!, Matrix<double>.Build.Dense(Rows, Columns), SparseColumns)
        : new Parameter(Name, ValueVector!, Vector<double>.Build.Dense(Rows));

    internal bool SameShape(Parameter other) =>
        IsMatrix == other.IsMatrix && Rows == other.Rows && Columns == other.Columns && SparseColumns == other.SparseColumns;

    private int ColumnStart(int column)
    {
        if ((uint)column >= (uint)Columns)
        {
            ThrowColumn(column);
        }

        return column * Rows;
    }

    private bool[] SparseFlags()
    {
        if (_isTouched is null)
        {
            throw new InvalidOperationException(
                $"Parameter '{Name}' was not added with sparseColumns: true, so it has no touched columns; " +
                "its gradient is always used whole.");
        }

        return _isTouched;
    }

    [DoesNotReturn]
    private void ThrowColumn(int column) =>
        throw new ArgumentOutOfRangeException(
            nameof(column), column, $"Parameter '{Name}': column {column} is outside its {ShapeText} shape.");

    private static double[] DenseData(Matrix<double> m, string name, string role) =>
        m.Storage is DenseColumnMajorMatrixStorage<double> dense
            ? dense.Data
            : throw new ArgumentException(
                $"Parameter '{name}': the {role} must be a dense matrix (Matrix<double>.Build.Dense), " +
                $"got {m.GetType().Name}; optimisers update the dense storage array in place.",
                role);

    private static double[] DenseData(Vector<double> v, string name, string role) =>
        v.Storage is DenseVectorStorage<double> dense
            ? dense.Data
            : throw new ArgumentException(
                $"Parameter '{name}': the {role} must be a dense vector (Vector<double>.Build.Dense), " +
                $"got {v.GetType().Name}; optimisers update the dense storage array in place.",
                role);
}
