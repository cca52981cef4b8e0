using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Kernels with a scalar result: no buffer is rented on the dense path.
public sealed partial class Workspace
{
    /// <summary>⟨a, b⟩ = Σ aᵢbᵢ.</summary>
    public double Dot(Vector<double> a, Vector<double> b) => Dot<double>(a, b);

    /// <inheritdoc cref="Dot(Vector{double}, Vector{double})"/>
    public T Dot<T>(Vector<T> a, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Dot product", a, b);
        return TensorPrimitives.Dot<T>(Data(a), Data(b));
    }

    /// <summary>Frobenius inner product Σ aᵢⱼbᵢⱼ.</summary>
    public double Dot(Matrix<double> a, Matrix<double> b) => Dot<double>(a, b);

    /// <inheritdoc cref="Dot(Matrix{double}, Matrix{double})"/>
    public T Dot<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Frobenius inner product", a, b);
        // Equal shapes give equal column-major layouts, so the matrices can be compared as flat arrays.
        return TensorPrimitives.Dot<T>(Data(a), Data(b));
    }

    /// <summary>Σ aᵢ/bᵢ: the gradient of y = s/b with respect to s is Σ dyᵢ/bᵢ (exact even where s = 0).</summary>
    public double SumQuotient(Vector<double> a, Vector<double> b) => SumQuotient<double>(a, b);

    /// <inheritdoc cref="SumQuotient(Vector{double}, Vector{double})"/>
    public T SumQuotient<T>(Vector<T> a, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckPair("Sum of quotients", a, b);
        var x = Data(a);
        var y = Data(b);
        T sum = T.Zero;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] / y[i];
        }

        return sum;
    }

    /// <summary>Σ vᵢ.</summary>
    public double Sum(Vector<double> v) => Sum<double>(v);

    /// <inheritdoc cref="Sum(Vector{double})"/>
    public T Sum<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        return TensorPrimitives.Sum<T>(Data(v));
    }

    /// <summary>log Σ exp(vᵢ), max-shifted; identical to <see cref="Functions.LogSumExp"/>.</summary>
    public double LogSumExp(Vector<double> v) => LogSumExp<double>(v);

    /// <inheritdoc cref="LogSumExp(Vector{double})"/>
    public T LogSumExp<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        ShapeGuard.NotEmpty("Log-sum-exp", v, nameof(v));
        return VectorMath.LogSumExp(Data(v));
    }

    /// <summary>logsumexp(logits) − logits[label]; identical to <see cref="Functions.CrossEntropy(Vector{double}, int)"/>.</summary>
    public double CrossEntropy(Vector<double> logits, int label) => CrossEntropy<double>(logits, label);

    /// <inheritdoc cref="CrossEntropy(Vector{double}, int)"/>
    public T CrossEntropy<T>(Vector<T> logits, int label)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(logits);
        Functions.CheckLabel(logits, label);
        return VectorMath.CrossEntropy(Data(logits), label);
    }

    /// <summary>v[i], bounds-checked.</summary>
    public double At(Vector<double> v, int i) => At<double>(v, i);

    /// <inheritdoc cref="At(Vector{double}, int)"/>
    public T At<T>(Vector<T> v, int i)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        ShapeGuard.Index("Element access", i, v.Count, nameof(i));
        return v[i];
    }

    /// <summary>m[i, j], bounds-checked.</summary>
    public double At(Matrix<double> m, int i, int j) => At<double>(m, i, j);

    /// <inheritdoc cref="At(Matrix{double}, int, int)"/>
    public T At<T>(Matrix<T> m, int i, int j)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        ShapeGuard.Index("Element access", i, j, m);
        return m[i, j];
    }
}
