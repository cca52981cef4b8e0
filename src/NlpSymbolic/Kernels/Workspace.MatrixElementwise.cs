using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Element-wise forward kernels on matrices (a minibatch's activations): the vector kernels applied to the whole
// column-major storage, so every element is computed exactly as the vector form computes it.
public sealed partial class Workspace
{
    /// <summary>σ(m), elementwise.</summary>
    public Matrix<double> Sigmoid(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        VectorMath.Sigmoid(Data(m), r);
        return result;
    }

    /// <summary>tanh(m), elementwise.</summary>
    public Matrix<double> Tanh(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        VectorMath.Tanh(Data(m), r);
        return result;
    }

    /// <summary>max(0, m), elementwise.</summary>
    public Matrix<double> Relu(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        VectorMath.Relu(Data(m), r);
        return result;
    }

    /// <summary>Elementwise leaky ReLU: mᵢⱼ when mᵢⱼ &gt; 0, otherwise slope·mᵢⱼ.</summary>
    public Matrix<double> LeakyRelu(Matrix<double> m, double slope)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        VectorMath.LeakyRelu(Data(m), slope, r);
        return result;
    }

    /// <summary>m clamped elementwise to [−1, 1].</summary>
    public Matrix<double> HardTanh(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        VectorMath.HardTanh(Data(m), r);
        return result;
    }

    /// <summary>exp(m), elementwise.</summary>
    public Matrix<double> PointwiseExp(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        TensorPrimitives.Exp(Data(m), r);
        return result;
    }

    /// <summary>log(m), elementwise.</summary>
    public Matrix<double> PointwiseLog(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        TensorPrimitives.Log(Data(m), r);
        return result;
    }

    /// <summary>a / b, elementwise.</summary>
    public Matrix<double> PointwiseDivide(Matrix<double> a, Matrix<double> b)
    {
        CheckPair("Pointwise division", a, b);
        Matrix<double> result = RentResult(a.RowCount, a.ColumnCount, out double[] r);
        TensorPrimitives.Divide(Data(a), Data(b), r);
        return result;
    }

    /// <summary>m + s, elementwise.</summary>
    public Matrix<double> AddScalar(Matrix<double> m, double s)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        TensorPrimitives.Add(Data(m), s, r);
        return result;
    }

    /// <summary>s − m, elementwise.</summary>
    public Matrix<double> ScalarMinus(double s, Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        TensorPrimitives.Subtract(s, Data(m), r);
        return result;
    }

    /// <summary>m / s, elementwise.</summary>
    public Matrix<double> Divide(Matrix<double> m, double s)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        TensorPrimitives.Divide(Data(m), s, r);
        return result;
    }

    /// <summary>s / m, elementwise.</summary>
    public Matrix<double> ScalarDivide(double s, Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<double> result = RentResult(m.RowCount, m.ColumnCount, out double[] r);
        TensorPrimitives.Divide(s, Data(m), r);
        return result;
    }

    /// <summary>Σᵢⱼ mᵢⱼ (the adjoint of a scalar added to every element).</summary>
    public double Sum(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return TensorPrimitives.Sum<double>(Data(m));
    }

    /// <summary>Σᵢⱼ aᵢⱼ/bᵢⱼ: the gradient of Y = s/B with respect to s is Σ dYᵢⱼ/Bᵢⱼ.</summary>
    public double SumQuotient(Matrix<double> a, Matrix<double> b)
    {
        CheckPair("Sum of quotients", a, b);
        double[] x = Data(a);
        double[] y = Data(b);
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] / y[i];
        }

        return sum;
    }
}
