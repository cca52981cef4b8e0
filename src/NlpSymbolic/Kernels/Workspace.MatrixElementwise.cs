using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Element-wise forward kernels on matrices (a minibatch's activations): the vector kernels applied to the whole
// column-major storage, so every element is computed exactly as the vector form computes it.
public sealed partial class Workspace
{
    /// <summary>σ(m), elementwise.</summary>
    public Matrix<double> Sigmoid(Matrix<double> m) => Sigmoid<double>(m);

    /// <inheritdoc cref="Sigmoid(Matrix{double})"/>
    public Matrix<T> Sigmoid<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        VectorMath.Sigmoid(Data(m), r);
        return result;
    }

    /// <summary>tanh(m), elementwise.</summary>
    public Matrix<double> Tanh(Matrix<double> m) => Tanh<double>(m);

    /// <inheritdoc cref="Tanh(Matrix{double})"/>
    public Matrix<T> Tanh<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        VectorMath.Tanh(Data(m), r);
        return result;
    }

    /// <summary>max(0, m), elementwise.</summary>
    public Matrix<double> Relu(Matrix<double> m) => Relu<double>(m);

    /// <inheritdoc cref="Relu(Matrix{double})"/>
    public Matrix<T> Relu<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        VectorMath.Relu(Data(m), r);
        return result;
    }

    /// <summary>Elementwise leaky ReLU: mᵢⱼ when mᵢⱼ &gt; 0, otherwise slope·mᵢⱼ.</summary>
    public Matrix<double> LeakyRelu(Matrix<double> m, double slope) => LeakyRelu<double>(m, slope);

    /// <inheritdoc cref="LeakyRelu(Matrix{double}, double)"/>
    public Matrix<T> LeakyRelu<T>(Matrix<T> m, T slope)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        VectorMath.LeakyRelu(Data(m), slope, r);
        return result;
    }

    /// <summary>m clamped elementwise to [−1, 1].</summary>
    public Matrix<double> HardTanh(Matrix<double> m) => HardTanh<double>(m);

    /// <inheritdoc cref="HardTanh(Matrix{double})"/>
    public Matrix<T> HardTanh<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        VectorMath.HardTanh(Data(m), r);
        return result;
    }

    /// <summary>exp(m), elementwise.</summary>
    public Matrix<double> PointwiseExp(Matrix<double> m) => PointwiseExp<double>(m);

    /// <inheritdoc cref="PointwiseExp(Matrix{double})"/>
    public Matrix<T> PointwiseExp<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        TensorPrimitives.Exp(Data(m), r);
        return result;
    }

    /// <summary>log(m), elementwise.</summary>
    public Matrix<double> PointwiseLog(Matrix<double> m) => PointwiseLog<double>(m);

    /// <inheritdoc cref="PointwiseLog(Matrix{double})"/>
    public Matrix<T> PointwiseLog<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        TensorPrimitives.Log(Data(m), r);
        return result;
    }

    /// <summary>a / b, elementwise.</summary>
    public Matrix<double> PointwiseDivide(Matrix<double> a, Matrix<double> b) => PointwiseDivide<double>(a, b);

    /// <inheritdoc cref="PointwiseDivide(Matrix{double}, Matrix{double})"/>
    public Matrix<T> PointwiseDivide<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Pointwise division", a, b);
        Matrix<T> result = RentResult(a.RowCount, a.ColumnCount, out T[] r);
        TensorPrimitives.Divide(Data(a), Data(b), r);
        return result;
    }

    /// <summary>m + s, elementwise.</summary>
    public Matrix<double> AddScalar(Matrix<double> m, double s) => AddScalar<double>(m, s);

    /// <inheritdoc cref="AddScalar(Matrix{double}, double)"/>
    public Matrix<T> AddScalar<T>(Matrix<T> m, T s)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        TensorPrimitives.Add(Data(m), s, r);
        return result;
    }

    /// <summary>s − m, elementwise.</summary>
    public Matrix<double> ScalarMinus(double s, Matrix<double> m) => ScalarMinus<double>(s, m);

    /// <inheritdoc cref="ScalarMinus(double, Matrix{double})"/>
    public Matrix<T> ScalarMinus<T>(T s, Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        TensorPrimitives.Subtract(s, Data(m), r);
        return result;
    }

    /// <summary>m / s, elementwise.</summary>
    public Matrix<double> Divide(Matrix<double> m, double s) => Divide<double>(m, s);

    /// <inheritdoc cref="Divide(Matrix{double}, double)"/>
    public Matrix<T> Divide<T>(Matrix<T> m, T s)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        TensorPrimitives.Divide(Data(m), s, r);
        return result;
    }

    /// <summary>s / m, elementwise.</summary>
    public Matrix<double> ScalarDivide(double s, Matrix<double> m) => ScalarDivide<double>(s, m);

    /// <inheritdoc cref="ScalarDivide(double, Matrix{double})"/>
    public Matrix<T> ScalarDivide<T>(T s, Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        Matrix<T> result = RentResult(m.RowCount, m.ColumnCount, out T[] r);
        TensorPrimitives.Divide(s, Data(m), r);
        return result;
    }

    /// <summary>Σᵢⱼ mᵢⱼ (the adjoint of a scalar added to every element).</summary>
    public double Sum(Matrix<double> m) => Sum<double>(m);

    /// <inheritdoc cref="Sum(Matrix{double})"/>
    public T Sum<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        return TensorPrimitives.Sum<T>(Data(m));
    }

    /// <summary>Σᵢⱼ aᵢⱼ/bᵢⱼ: the gradient of Y = s/B with respect to s is Σ dYᵢⱼ/Bᵢⱼ.</summary>
    public double SumQuotient(Matrix<double> a, Matrix<double> b) => SumQuotient<double>(a, b);

    /// <inheritdoc cref="SumQuotient(Matrix{double}, Matrix{double})"/>
    public T SumQuotient<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Sum of quotients", a, b);
        T[] x = Data(a);
        T[] y = Data(b);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] / y[i];
        }

        return sum;
    }
}
