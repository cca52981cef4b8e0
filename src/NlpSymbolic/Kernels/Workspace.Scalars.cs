using System;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Kernels with a scalar result: no buffer is rented on the dense path.
public sealed partial class Workspace
{
    /// <summary>⟨a, b⟩ = Σ aᵢbᵢ.</summary>
    public double Dot(Vector<double> a, Vector<double> b)
    {
        CheckPair("Dot product", a, b);
        return TensorPrimitives.Dot<double>(Data(a), Data(b));
    }

    /// <summary>Frobenius inner product Σ aᵢⱼbᵢⱼ.</summary>
    public double Dot(Matrix<double> a, Matrix<double> b)
    {
        CheckPair("Frobenius inner product", a, b);
        // Equal shapes give equal column-major layouts, so the matrices can be compared as flat arrays.
        return TensorPrimitives.Dot<double>(Data(a), Data(b));
    }

    /// <summary>Σ aᵢ/bᵢ: the gradient of y = s/b with respect to s is Σ dyᵢ/bᵢ (exact even where s = 0).</summary>
    public double SumQuotient(Vector<double> a, Vector<double> b)
    {
        CheckPair("Sum of quotients", a, b);
        var x = Data(a);
        var y = Data(b);
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] / y[i];
        }

        return sum;
    }

    /// <summary>Σ vᵢ.</summary>
    public double Sum(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return TensorPrimitives.Sum<double>(Data(v));
    }

    /// <summary>log Σ exp(vᵢ), max-shifted; identical to <see cref="Functions.LogSumExp"/>.</summary>
    public double LogSumExp(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        ShapeGuard.NotEmpty("Log-sum-exp", v, nameof(v));
        return VectorMath.LogSumExp(Data(v));
    }

    /// <summary>logsumexp(logits) − logits[label]; identical to <see cref="Functions.CrossEntropy(Vector{double}, int)"/>.</summary>
    public double CrossEntropy(Vector<double> logits, int label)
    {
        ArgumentNullException.ThrowIfNull(logits);
        Functions.CheckLabel(logits, label);
        return VectorMath.CrossEntropy(Data(logits), label);
    }

    /// <summary>v[i], bounds-checked.</summary>
    public double At(Vector<double> v, int i)
    {
        ArgumentNullException.ThrowIfNull(v);
        ShapeGuard.Index("Element access", i, v.Count, nameof(i));
        return v[i];
    }

    /// <summary>m[i, j], bounds-checked.</summary>
    public double At(Matrix<double> m, int i, int j)
    {
        ArgumentNullException.ThrowIfNull(m);
        ShapeGuard.Index("Element access", i, j, m);
        return m[i, j];
    }
}
