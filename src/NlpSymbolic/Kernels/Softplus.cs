using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Softplus, log(1 + eˣ), a smooth ReLU: the function, its workspace kernel and its adjoint, in one place, because an
// operation is added by one catalogue entry in the generator and one kernel file here.
public static partial class Functions
{
    /// <summary>Softplus log(1 + eˣ), computed without overflow for large |x|. Its derivative is σ(x).</summary>
    public static double Softplus(double x) => SoftplusMath.Value(x);

    /// <summary>Elementwise softplus log(1 + eˣ).</summary>
    public static Vector<double> Softplus(Vector<double> x)
    {
        Vector<double> result = NewLike(x, nameof(x), out double[] source, out double[] target);
        SoftplusMath.Value(source, target);
        return result;
    }
}

public sealed partial class Workspace
{
    /// <summary>Softplus log(1 + eˣ), elementwise; identical to <see cref="Functions.Softplus(Vector{double})"/>.</summary>
    public Vector<double> Softplus(Vector<double> v) => Softplus<double>(v);

    /// <inheritdoc cref="Softplus(Vector{double})"/>
    public Vector<T> Softplus<T>(Vector<T> v)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Vector<T> result = RentResult(v.Count, out T[] r);
        SoftplusMath.Value(Data(v), r);
        return result;
    }

    /// <summary>dy ∘ σ(x) in a new buffer: the adjoint of y = softplus(x) starting from its first contribution.</summary>
    public Vector<double> SoftplusGradient(Vector<double> dy, Vector<double> x) => SoftplusGradient<double>(dy, x);

    /// <inheritdoc cref="SoftplusGradient(Vector{double}, Vector{double})"/>
    public Vector<T> SoftplusGradient<T>(Vector<T> dy, Vector<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = RentZeros<T>(x.Count);
        AccumulateSoftplusGradient(result, dy, x);
        return result;
    }

    /// <summary>dx += dy ∘ σ(x), the adjoint of y = softplus(x).</summary>
    public void AccumulateSoftplusGradient(Vector<double> dx, Vector<double> dy, Vector<double> x) => AccumulateSoftplusGradient<double>(dx, dy, x);

    /// <inheritdoc cref="AccumulateSoftplusGradient(Vector{double}, Vector{double}, Vector{double})"/>
    public void AccumulateSoftplusGradient<T>(Vector<T> dx, Vector<T> dy, Vector<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateSoftplusGradient", dx, dy, x, "dy", "x");
        T[] d = Target(dx);
        SoftplusMath.AccumulateGradient(d, Data(dy), Data(x));
        WriteBack(dx, d);
    }
}

internal static class SoftplusMath
{
    // log(1 + eˣ) = x + log(1 + e⁻ˣ) for x > 0: neither form overflows on its side.
    internal static T Value<T>(T x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        x > T.Zero ? x + T.Log(T.One + T.Exp(-x)) : T.Log(T.One + T.Exp(x));

    internal static void Value<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = Value(x[i]);
        }
    }

    internal static void AccumulateGradient<T>(Span<T> dx, ReadOnlySpan<T> dy, ReadOnlySpan<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] += dy[i] * VectorMath.Sigmoid(x[i]);
        }
    }
}
