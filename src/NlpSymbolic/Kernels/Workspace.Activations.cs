using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Activation functions. The math lives in VectorMath so results match Functions exactly.
public sealed partial class Workspace
{
    /// <summary>σ(x) = 1/(1+e^{−x}); identical to <see cref="Functions.Sigmoid(double)"/>.</summary>
    public double Sigmoid(double x) => VectorMath.Sigmoid(x);

    /// <summary>tanh(x); identical to <see cref="Functions.Tanh(double)"/>.</summary>
    public double Tanh(double x) => VectorMath.Tanh(x);

    /// <summary>max(0, x); identical to <see cref="Functions.Relu(double)"/>.</summary>
    public double Relu(double x) => VectorMath.Relu(x);

    /// <summary>x when x &gt; 0, otherwise slope·x; identical to <see cref="Functions.LeakyRelu(double, double)"/>.</summary>
    public double LeakyRelu(double x, double slope) => VectorMath.LeakyRelu(x, slope);

    /// <summary>x clamped to [−1, 1]; identical to <see cref="Functions.HardTanh(double)"/>.</summary>
    public double HardTanh(double x) => VectorMath.HardTanh(x);

    /// <summary>σ(v), elementwise.</summary>
    public Vector<double> Sigmoid(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        VectorMath.Sigmoid(Data(v), r);
        return result;
    }

    /// <summary>tanh(v), elementwise.</summary>
    public Vector<double> Tanh(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        VectorMath.Tanh(Data(v), r);
        return result;
    }

    /// <summary>max(0, v), elementwise.</summary>
    public Vector<double> Relu(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        VectorMath.Relu(Data(v), r);
        return result;
    }

    /// <summary>Elementwise leaky ReLU: vᵢ when vᵢ &gt; 0, otherwise slope·vᵢ.</summary>
    public Vector<double> LeakyRelu(Vector<double> v, double slope)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        VectorMath.LeakyRelu(Data(v), slope, r);
        return result;
    }

    /// <summary>v clamped elementwise to [−1, 1].</summary>
    public Vector<double> HardTanh(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<double> result = RentResult(v.Count, out double[] r);
        VectorMath.HardTanh(Data(v), r);
        return result;
    }

    /// <summary>softmax(v), max-shifted.</summary>
    public Vector<double> Softmax(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        ShapeGuard.NotEmpty("Softmax", v, nameof(v));
        Vector<double> result = RentResult(v.Count, out double[] r);
        VectorMath.Softmax(Data(v), r);
        return result;
    }

    /// <summary>logsoftmax(v) = v − logsumexp(v).</summary>
    public Vector<double> LogSoftmax(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        ShapeGuard.NotEmpty("Log-softmax", v, nameof(v));
        Vector<double> result = RentResult(v.Count, out double[] r);
        VectorMath.LogSoftmax(Data(v), r);
        return result;
    }
}
