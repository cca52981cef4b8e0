using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Activation functions. The math lives in VectorMath so results match Functions exactly.
public sealed partial class Workspace
{
    /// <summary>σ(x) = 1/(1+e^{−x}); identical to <see cref="Functions.Sigmoid(double)"/>.</summary>
    public double Sigmoid(double x) => Sigmoid<double>(x);

    /// <inheritdoc cref="Sigmoid(double)"/>
    public T Sigmoid<T>(T x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => VectorMath.Sigmoid(x);

    /// <summary>tanh(x); identical to <see cref="Functions.Tanh(double)"/>.</summary>
    public double Tanh(double x) => Tanh<double>(x);

    /// <inheritdoc cref="Tanh(double)"/>
    public T Tanh<T>(T x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => VectorMath.Tanh(x);

    /// <summary>max(0, x); identical to <see cref="Functions.Relu(double)"/>.</summary>
    public double Relu(double x) => Relu<double>(x);

    /// <inheritdoc cref="Relu(double)"/>
    public T Relu<T>(T x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => VectorMath.Relu(x);

    /// <summary>x when x &gt; 0, otherwise slope·x; identical to <see cref="Functions.LeakyRelu(double, double)"/>.</summary>
    public double LeakyRelu(double x, double slope) => LeakyRelu<double>(x, slope);

    /// <inheritdoc cref="LeakyRelu(double, double)"/>
    public T LeakyRelu<T>(T x, T slope)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => VectorMath.LeakyRelu(x, slope);

    /// <summary>x clamped to [−1, 1]; identical to <see cref="Functions.HardTanh(double)"/>.</summary>
    public double HardTanh(double x) => HardTanh<double>(x);

    /// <inheritdoc cref="HardTanh(double)"/>
    public T HardTanh<T>(T x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => VectorMath.HardTanh(x);

    /// <summary>σ(v), elementwise.</summary>
    public Vector<double> Sigmoid(Vector<double> v) => Sigmoid<double>(v);

    /// <inheritdoc cref="Sigmoid(Vector{double})"/>
    public Vector<T> Sigmoid<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        VectorMath.Sigmoid(Data(v), r);
        return result;
    }

    /// <summary>tanh(v), elementwise.</summary>
    public Vector<double> Tanh(Vector<double> v) => Tanh<double>(v);

    /// <inheritdoc cref="Tanh(Vector{double})"/>
    public Vector<T> Tanh<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        VectorMath.Tanh(Data(v), r);
        return result;
    }

    /// <summary>max(0, v), elementwise.</summary>
    public Vector<double> Relu(Vector<double> v) => Relu<double>(v);

    /// <inheritdoc cref="Relu(Vector{double})"/>
    public Vector<T> Relu<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        VectorMath.Relu(Data(v), r);
        return result;
    }

    /// <summary>Elementwise leaky ReLU: vᵢ when vᵢ &gt; 0, otherwise slope·vᵢ.</summary>
    public Vector<double> LeakyRelu(Vector<double> v, double slope) => LeakyRelu<double>(v, slope);

    /// <inheritdoc cref="LeakyRelu(Vector{double}, double)"/>
    public Vector<T> LeakyRelu<T>(Vector<T> v, T slope)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        VectorMath.LeakyRelu(Data(v), slope, r);
        return result;
    }

    /// <summary>v clamped elementwise to [−1, 1].</summary>
    public Vector<double> HardTanh(Vector<double> v) => HardTanh<double>(v);

    /// <inheritdoc cref="HardTanh(Vector{double})"/>
    public Vector<T> HardTanh<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        VectorMath.HardTanh(Data(v), r);
        return result;
    }

    /// <summary>softmax(v), max-shifted.</summary>
    public Vector<double> Softmax(Vector<double> v) => Softmax<double>(v);

    /// <inheritdoc cref="Softmax(Vector{double})"/>
    public Vector<T> Softmax<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        ShapeGuard.NotEmpty("Softmax", v, nameof(v));
        Vector<T> result = RentResult(v.Count, out T[] r);
        VectorMath.Softmax(Data(v), r);
        return result;
    }

    /// <summary>logsoftmax(v) = v − logsumexp(v).</summary>
    public Vector<double> LogSoftmax(Vector<double> v) => LogSoftmax<double>(v);

    /// <inheritdoc cref="LogSoftmax(Vector{double})"/>
    public Vector<T> LogSoftmax<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        ShapeGuard.NotEmpty("Log-softmax", v, nameof(v));
        Vector<T> result = RentResult(v.Count, out T[] r);
        VectorMath.LogSoftmax(Data(v), r);
        return result;
    }
}
