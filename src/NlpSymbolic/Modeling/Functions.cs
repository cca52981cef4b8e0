using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

/// <summary>
/// Differentiable building blocks for forward code (<c>using static NlpSymbolic.Functions;</c>).
/// Vector overloads always return a new vector and never modify their input.
/// </summary>
public static partial class Functions
{
    /// <summary>Logistic function 1/(1+e^{−x}); finite and exact in the limits for large |x|.</summary>
    public static double Sigmoid(double x) => VectorMath.Sigmoid(x);

    /// <summary>Elementwise logistic function.</summary>
    public static Vector<double> Sigmoid(Vector<double> x)
    {
        Vector<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.Sigmoid(source, target);
        return result;
    }

    /// <summary>Hyperbolic tangent.</summary>
    public static double Tanh(double x) => VectorMath.Tanh(x);

    /// <summary>Elementwise hyperbolic tangent.</summary>
    public static Vector<double> Tanh(Vector<double> x)
    {
        Vector<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.Tanh(source, target);
        return result;
    }

    /// <summary>Rectified linear unit max(0, x).</summary>
    public static double Relu(double x) => VectorMath.Relu(x);

    /// <summary>Elementwise rectified linear unit max(0, x).</summary>
    public static Vector<double> Relu(Vector<double> x)
    {
        Vector<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.Relu(source, target);
        return result;
    }

    /// <summary>Leaky rectified linear unit: x when x &gt; 0, otherwise slope·x.</summary>
    public static double LeakyRelu(double x, double slope = 0.01) => VectorMath.LeakyRelu(x, slope);

    /// <summary>Elementwise leaky rectified linear unit: x when x &gt; 0, otherwise slope·x.</summary>
    public static Vector<double> LeakyRelu(Vector<double> x, double slope = 0.01)
    {
        Vector<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.LeakyRelu(source, slope, target);
        return result;
    }

    /// <summary>x clamped to [−1, 1].</summary>
    public static double HardTanh(double x) => VectorMath.HardTanh(x);

    /// <summary>Each element clamped to [−1, 1].</summary>
    public static Vector<double> HardTanh(Vector<double> x)
    {
        Vector<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.HardTanh(source, target);
        return result;
    }

    /// <summary>softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ), computed with a max shift so it never overflows.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static Vector<double> Softmax(Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        ShapeGuard.NotEmpty("Softmax", x, nameof(x));
        Vector<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.Softmax(source, target);
        return result;
    }

    /// <summary>logsoftmax(x) = x − logsumexp(x).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static Vector<double> LogSoftmax(Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        ShapeGuard.NotEmpty("Log-softmax", x, nameof(x));
        Vector<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        VectorMath.LogSoftmax(source, target);
        return result;
    }

    /// <summary>
    /// log σ(x), computed as −log(1 + e^(−x)) without forming σ(x): finite where σ(x) underflows to 0
    /// (word2vec's negative-sampling loss, −log σ(u_oᵀv_c) − Σ log σ(−u_kᵀv_c)).
    /// </summary>
    public static double LogSigmoid(double x) => x < 0 ? x - Math.Log(1 + Math.Exp(x)) : -Math.Log(1 + Math.Exp(-x));

    /// <summary>Σ xᵢ², the squared L2 norm (L2 regularisation λ‖v‖²).</summary>
    public static double SquaredNorm(Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.DotProduct(x);
    }

    /// <summary>Σ xᵢⱼ², the squared Frobenius norm (L2 regularisation λ‖W‖²).</summary>
    public static double SquaredNorm(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var sum = 0.0;
        foreach (var value in x.Enumerate())
        {
            sum += value * value;
        }

        return sum;
    }

    /// <summary>log Σ exp(xᵢ), computed with a max shift so it stays finite for large inputs.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static double LogSumExp(Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        ShapeGuard.NotEmpty("Log-sum-exp", x, nameof(x));
        return VectorMath.LogSumExp(Data(x));
    }

    /// <summary>Cross-entropy of the softmax of <paramref name="logits"/> against a class index: logsumexp(logits) − logits[label].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not an index into <paramref name="logits"/>.</exception>
    public static double CrossEntropy(Vector<double> logits, int label)
    {
        ArgumentNullException.ThrowIfNull(logits);
        CheckLabel(logits, label);
        return VectorMath.CrossEntropy(Data(logits), label);
    }

    /// <summary>The parts laid end to end in a new vector.</summary>
    public static Vector<double> Concat(params Vector<double>[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        int total = 0;
        for (int p = 0; p < parts.Length; p++)
        {
            if (parts[p] is null)
            {
                throw new ArgumentNullException(nameof(parts), $"Concat: part {p} is null.");
            }

            total += parts[p].Count;
        }

        Vector<double> result = Vector<double>.Build.Dense(total);
        double[] target = result.AsArray();
        int offset = 0;
        foreach (Vector<double> part in parts)
        {
            Data(part).CopyTo(target, offset);
            offset += part.Count;
        }

        return result;
    }

    /// <summary>
    /// The one-hot vector e_index of length <paramref name="length"/>: 1 at <paramref name="index"/>, 0 elsewhere
    /// (a target distribution, or a selector: <c>W * OneHot(V, k)</c> is column k of W). A constant: no gradient flows into it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <paramref name="length"/>.</exception>
    public static Vector<double> OneHot(int length, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if ((uint)index >= (uint)length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"OneHot: index {index} is out of range for length {length}.");
        }

        Vector<double> result = Vector<double>.Build.Dense(length);
        result[index] = 1;
        return result;
    }

    internal static void CheckLabel<T>(Vector<T> logits, int label)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if ((uint)label >= (uint)logits.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(label),
                label,
                $"Cross-entropy: label {label} is out of range for logits of length {logits.Count}.");
        }
    }

    private static Vector<double> NewLike(Vector<double> x, string paramName, out double[] source, out double[] target)
    {
        ArgumentNullException.ThrowIfNull(x, paramName);
        source = Data(x);
        Vector<double> result = Vector<double>.Build.Dense(x.Count);
        target = result.AsArray();
        return result;
    }

    // Sparse or other non-dense storage has no backing array; a dense copy keeps one code path.
    private static double[] Data(Vector<double> v) => v.AsArray() ?? v.ToArray();
}
