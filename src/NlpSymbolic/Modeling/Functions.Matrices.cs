using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

/// <summary>
/// Minibatches as matrices: one example per column. Element-wise functions apply to every entry; Softmax,
/// LogSoftmax and CrossEntropy treat each column as one example's scores; AddColumnwise adds a bias to every
/// column (MathNet has no matrix + vector). Every overload returns a new matrix and never modifies its input.
/// </summary>
public static partial class Functions
{
    /// <summary>Elementwise logistic function.</summary>
    public static Matrix<double> Sigmoid(Matrix<double> x)
    {
        Matrix<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.Sigmoid(source, target);
        return result;
    }

    /// <summary>Elementwise hyperbolic tangent.</summary>
    public static Matrix<double> Tanh(Matrix<double> x)
    {
        Matrix<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.Tanh(source, target);
        return result;
    }

    /// <summary>Elementwise rectified linear unit max(0, x).</summary>
    public static Matrix<double> Relu(Matrix<double> x)
    {
        Matrix<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.Relu(source, target);
        return result;
    }

    /// <summary>Elementwise leaky rectified linear unit: x when x &gt; 0, otherwise slope·x.</summary>
    public static Matrix<double> LeakyRelu(Matrix<double> x, double slope = 0.01)
    {
        Matrix<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.LeakyRelu(source, slope, target);
        return result;
    }

    /// <summary>Each element clamped to [−1, 1].</summary>
    public static Matrix<double> HardTanh(Matrix<double> x)
    {
        Matrix<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.HardTanh(source, target);
        return result;
    }

    /// <summary>
    /// M + b 1ᵀ: <paramref name="b"/> added to every column of <paramref name="m"/> (the bias of a layer applied to a
    /// minibatch, <c>AddColumnwise(W * X, b)</c>; MathNet has no matrix + vector operator).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="b"/>'s length is not <paramref name="m"/>'s row count.</exception>
    public static Matrix<double> AddColumnwise(Matrix<double> m, Vector<double> b)
    {
        BatchGuard.Bias("AddColumnwise", m, b);
        Matrix<double> result = NewLike(m, nameof(m), out double[] source, out double[] target);
        ColumnwiseMath.AddColumnwise(source, m.RowCount, Data(b), target);
        return result;
    }

    /// <summary>The softmax of every column (each column a distribution over the rows), max-shifted.</summary>
    public static Matrix<double> Softmax(Matrix<double> x)
    {
        Matrix<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        ColumnwiseMath.Softmax(source, x.RowCount, target);
        return result;
    }

    /// <summary>The log-softmax of every column: X[:, j] − logsumexp(X[:, j]).</summary>
    public static Matrix<double> LogSoftmax(Matrix<double> x)
    {
        Matrix<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        ColumnwiseMath.LogSoftmax(source, x.RowCount, target);
        return result;
    }

    /// <summary>
    /// The minibatch loss Σⱼ CrossEntropy(logits[:, j], labels[j]): one example per column, one label (a row index)
    /// per column, summed (the sum of the per-example losses, so its gradient is the sum of theirs).
    /// </summary>
    /// <exception cref="ArgumentException">The number of labels is not the number of columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a row index.</exception>
    public static double CrossEntropy(Matrix<double> logits, int[] labels)
    {
        BatchGuard.Labels("Cross-entropy", logits, labels);
        return ColumnwiseMath.CrossEntropy(ColumnMajor(logits), logits.RowCount, labels);
    }

    /// <summary>
    /// The mean over columns of <see cref="CrossEntropy(Matrix{double}, int[])"/>: the sum divided by the number of
    /// examples, so the learning rate does not depend on the batch size.
    /// </summary>
    /// <exception cref="ArgumentException">No columns, or the number of labels is not the number of columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a row index.</exception>
    public static double MeanCrossEntropy(Matrix<double> logits, int[] labels)
    {
        BatchGuard.Labels("Mean cross-entropy", logits, labels);
        CheckNotEmptyBatch("Mean cross-entropy", logits);
        return ColumnwiseMath.CrossEntropy(ColumnMajor(logits), logits.RowCount, labels) / labels.Length;
    }

    internal static void CheckNotEmptyBatch<T>(string operation, Matrix<T> logits)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (logits.ColumnCount == 0)
        {
            throw new ArgumentException($"{operation}: the logits have no columns (no examples); the mean is undefined.", nameof(logits));
        }
    }

    // Sparse or other non-dense storage has no backing array; a dense copy keeps one code path.
    private static double[] ColumnMajor(Matrix<double> m) => m.AsColumnMajorArray() ?? m.ToColumnMajorArray();

    private static Matrix<double> NewLike(Matrix<double> x, string paramName, out double[] source, out double[] target)
    {
        ArgumentNullException.ThrowIfNull(x, paramName);
        source = ColumnMajor(x);
        Matrix<double> result = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount);
        target = result.AsColumnMajorArray();
        return result;
    }
}
