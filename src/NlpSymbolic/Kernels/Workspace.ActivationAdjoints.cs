using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// Adjoints of activations and normalisers; the span math is in VectorMath.Gradients.
public sealed partial class Workspace
{
    /// <summary>dx += dy ∘ y ∘ (1 − y), where y = σ(x).</summary>
    public void AccumulateSigmoidGradient(Vector<double> dx, Vector<double> dy, Vector<double> y) => AccumulateSigmoidGradient<double>(dx, dy, y);

    /// <inheritdoc cref="AccumulateSigmoidGradient(Vector{double}, Vector{double}, Vector{double})"/>
    public void AccumulateSigmoidGradient<T>(Vector<T> dx, Vector<T> dy, Vector<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateSigmoidGradient", dx, dy, y, "dy", "y");
        T[] d = Target(dx);
        VectorMath.AccumulateSigmoidGradient(d, Data(dy), Data(y));
        WriteBack(dx, d);
    }

    /// <summary>dx += dy ∘ (1 − y²), where y = tanh(x).</summary>
    public void AccumulateTanhGradient(Vector<double> dx, Vector<double> dy, Vector<double> y) => AccumulateTanhGradient<double>(dx, dy, y);

    /// <inheritdoc cref="AccumulateTanhGradient(Vector{double}, Vector{double}, Vector{double})"/>
    public void AccumulateTanhGradient<T>(Vector<T> dx, Vector<T> dy, Vector<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateTanhGradient", dx, dy, y, "dy", "y");
        T[] d = Target(dx);
        VectorMath.AccumulateTanhGradient(d, Data(dy), Data(y));
        WriteBack(dx, d);
    }

    /// <summary>dx += dy ∘ [x &gt; 0], the adjoint of relu(x).</summary>
    public void AccumulateReluGradient(Vector<double> dx, Vector<double> dy, Vector<double> x) => AccumulateReluGradient<double>(dx, dy, x);

    /// <inheritdoc cref="AccumulateReluGradient(Vector{double}, Vector{double}, Vector{double})"/>
    public void AccumulateReluGradient<T>(Vector<T> dx, Vector<T> dy, Vector<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateReluGradient", dx, dy, x, "dy", "x");
        T[] d = Target(dx);
        VectorMath.AccumulateReluGradient(d, Data(dy), Data(x));
        WriteBack(dx, d);
    }

    /// <summary>dx += dy ∘ (x &gt; 0 ? 1 : slope), the adjoint of leakyrelu(x, slope) w.r.t. x.</summary>
    public void AccumulateLeakyReluGradient(Vector<double> dx, Vector<double> dy, Vector<double> x, double slope) => AccumulateLeakyReluGradient<double>(dx, dy, x, slope);

    /// <inheritdoc cref="AccumulateLeakyReluGradient(Vector{double}, Vector{double}, Vector{double}, double)"/>
    public void AccumulateLeakyReluGradient<T>(Vector<T> dx, Vector<T> dy, Vector<T> x, T slope)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateLeakyReluGradient", dx, dy, x, "dy", "x");
        T[] d = Target(dx);
        VectorMath.AccumulateLeakyReluGradient(d, Data(dy), Data(x), slope);
        WriteBack(dx, d);
    }

    /// <summary>Σ dyᵢ · min(xᵢ, 0), the adjoint of leakyrelu(x, slope) w.r.t. slope.</summary>
    public double LeakyReluSlopeGradient(Vector<double> dy, Vector<double> x) => LeakyReluSlopeGradient<double>(dy, x);

    /// <inheritdoc cref="LeakyReluSlopeGradient(Vector{double}, Vector{double})"/>
    public T LeakyReluSlopeGradient<T>(Vector<T> dy, Vector<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(x);
        ShapeGuard.SameLength("LeakyReluSlopeGradient", dy, x, nameof(x), "dy", "x");
        return VectorMath.LeakyReluSlopeGradient(Data(dy), Data(x));
    }

    /// <summary>dx += dy ∘ [−1 &lt; x &lt; 1], the adjoint of hardtanh(x).</summary>
    public void AccumulateHardTanhGradient(Vector<double> dx, Vector<double> dy, Vector<double> x) => AccumulateHardTanhGradient<double>(dx, dy, x);

    /// <inheritdoc cref="AccumulateHardTanhGradient(Vector{double}, Vector{double}, Vector{double})"/>
    public void AccumulateHardTanhGradient<T>(Vector<T> dx, Vector<T> dy, Vector<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateHardTanhGradient", dx, dy, x, "dy", "x");
        T[] d = Target(dx);
        VectorMath.AccumulateHardTanhGradient(d, Data(dy), Data(x));
        WriteBack(dx, d);
    }

    /// <summary>dx += y ∘ (dy − ⟨dy, y⟩), where y = softmax(x).</summary>
    public void AccumulateSoftmaxGradient(Vector<double> dx, Vector<double> dy, Vector<double> y) => AccumulateSoftmaxGradient<double>(dx, dy, y);

    /// <inheritdoc cref="AccumulateSoftmaxGradient(Vector{double}, Vector{double}, Vector{double})"/>
    public void AccumulateSoftmaxGradient<T>(Vector<T> dx, Vector<T> dy, Vector<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateSoftmaxGradient", dx, dy, y, "dy", "y");
        T[] d = Target(dx);
        VectorMath.AccumulateSoftmaxGradient(d, Data(dy), Data(y));
        WriteBack(dx, d);
    }

    /// <summary>dx += dy − exp(y) · Σ dy, where y = logsoftmax(x).</summary>
    public void AccumulateLogSoftmaxGradient(Vector<double> dx, Vector<double> dy, Vector<double> y) => AccumulateLogSoftmaxGradient<double>(dx, dy, y);

    /// <inheritdoc cref="AccumulateLogSoftmaxGradient(Vector{double}, Vector{double}, Vector{double})"/>
    public void AccumulateLogSoftmaxGradient<T>(Vector<T> dx, Vector<T> dy, Vector<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        CheckAdjoint("AccumulateLogSoftmaxGradient", dx, dy, y, "dy", "y");
        T[] d = Target(dx);
        VectorMath.AccumulateLogSoftmaxGradient(d, Data(dy), Data(y));
        WriteBack(dx, d);
    }

    /// <summary>dx += ds · exp(x − s), where s = logsumexp(x).</summary>
    public void AccumulateLogSumExpGradient(Vector<double> dx, double ds, Vector<double> x, double s) => AccumulateLogSumExpGradient<double>(dx, ds, x, s);

    /// <inheritdoc cref="AccumulateLogSumExpGradient(Vector{double}, double, Vector{double}, double)"/>
    public void AccumulateLogSumExpGradient<T>(Vector<T> dx, T ds, Vector<T> x, T s)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dx);
        ArgumentNullException.ThrowIfNull(x);
        ShapeGuard.SameLength("AccumulateLogSumExpGradient", dx, x, nameof(x), "the destination", "x");
        T[] d = Target(dx);
        VectorMath.AccumulateLogSumExpGradient(d, ds, Data(x), s);
        WriteBack(dx, d);
    }

    /// <summary>dx += ds · (softmax(logits) − e_label), the adjoint of <see cref="CrossEntropy(Vector{double}, int)"/>.</summary>
    public void AccumulateCrossEntropyGradient(Vector<double> dx, double ds, Vector<double> logits, int label) => AccumulateCrossEntropyGradient<double>(dx, ds, logits, label);

    /// <inheritdoc cref="AccumulateCrossEntropyGradient(Vector{double}, double, Vector{double}, int)"/>
    public void AccumulateCrossEntropyGradient<T>(Vector<T> dx, T ds, Vector<T> logits, int label)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dx);
        ArgumentNullException.ThrowIfNull(logits);
        ShapeGuard.SameLength("AccumulateCrossEntropyGradient", dx, logits, nameof(logits), "the destination", "logits");
        Functions.CheckLabel(logits, label);
        T[] d = Target(dx);
        VectorMath.AccumulateCrossEntropyGradient(d, ds, Data(logits), label);
        WriteBack(dx, d);
    }
}
