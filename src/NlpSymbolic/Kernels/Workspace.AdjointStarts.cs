using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// The first contribution to an adjoint, as a new buffer: generated code writes `var dz = ws.TanhGradient(da, a);`
// instead of zeroing dz and accumulating into it. Each is its Accumulate… kernel applied to a fresh buffer of
// this frame (kernels that are forward operations too — Outer, Scale, Multiply, Transpose, PointwiseMultiply —
// already exist as such).
public sealed partial class Workspace
{
    /// <summary>mᵀ u.</summary>
    public Vector<double> TransposeThisAndMultiply(Matrix<double> m, Vector<double> u) => TransposeThisAndMultiply<double>(m, u);

    /// <inheritdoc cref="TransposeThisAndMultiply(Matrix{double}, Vector{double})"/>
    public Vector<T> TransposeThisAndMultiply<T>(Matrix<T> m, Vector<T> u)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(m.ColumnCount);
        AccumulateTransposeThisAndMultiply(result, m, u);
        return result;
    }

    /// <summary>aᵀ c.</summary>
    public Matrix<double> TransposeThisAndMultiply(Matrix<double> a, Matrix<double> c) => TransposeThisAndMultiply<double>(a, c);

    /// <inheritdoc cref="TransposeThisAndMultiply(Matrix{double}, Matrix{double})"/>
    public Matrix<T> TransposeThisAndMultiply<T>(Matrix<T> a, Matrix<T> c)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentMatrix<T>(a.ColumnCount, c.ColumnCount);
        result.Clear();
        AccumulateTransposeThisAndMultiply(result, a, c);
        return result;
    }

    /// <summary>c bᵀ.</summary>
    public Matrix<double> TransposeAndMultiply(Matrix<double> c, Matrix<double> b) => TransposeAndMultiply<double>(c, b);

    /// <inheritdoc cref="TransposeAndMultiply(Matrix{double}, Matrix{double})"/>
    public Matrix<T> TransposeAndMultiply<T>(Matrix<T> c, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentMatrix<T>(c.RowCount, b.RowCount);
        result.Clear();
        AccumulateTransposeAndMultiply(result, c, b);
        return result;
    }

    /// <summary>dy ∘ (1 − y²).</summary>
    public Vector<double> TanhGradient(Vector<double> dy, Vector<double> y) => TanhGradient<double>(dy, y);

    /// <inheritdoc cref="TanhGradient(Vector{double}, Vector{double})"/>
    public Vector<T> TanhGradient<T>(Vector<T> dy, Vector<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(y.Count);
        AccumulateTanhGradient(result, dy, y);
        return result;
    }

    /// <summary>dy ∘ y ∘ (1 − y).</summary>
    public Vector<double> SigmoidGradient(Vector<double> dy, Vector<double> y) => SigmoidGradient<double>(dy, y);

    /// <inheritdoc cref="SigmoidGradient(Vector{double}, Vector{double})"/>
    public Vector<T> SigmoidGradient<T>(Vector<T> dy, Vector<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(y.Count);
        AccumulateSigmoidGradient(result, dy, y);
        return result;
    }

    /// <summary>dy ∘ [x &gt; 0].</summary>
    public Vector<double> ReluGradient(Vector<double> dy, Vector<double> x) => ReluGradient<double>(dy, x);

    /// <inheritdoc cref="ReluGradient(Vector{double}, Vector{double})"/>
    public Vector<T> ReluGradient<T>(Vector<T> dy, Vector<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(x.Count);
        AccumulateReluGradient(result, dy, x);
        return result;
    }

    /// <summary>dy ∘ (x &gt; 0 ? 1 : slope).</summary>
    public Vector<double> LeakyReluGradient(Vector<double> dy, Vector<double> x, double slope) => LeakyReluGradient<double>(dy, x, slope);

    /// <inheritdoc cref="LeakyReluGradient(Vector{double}, Vector{double}, double)"/>
    public Vector<T> LeakyReluGradient<T>(Vector<T> dy, Vector<T> x, T slope)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(x.Count);
        AccumulateLeakyReluGradient(result, dy, x, slope);
        return result;
    }

    /// <summary>dy ∘ [−1 &lt; x &lt; 1].</summary>
    public Vector<double> HardTanhGradient(Vector<double> dy, Vector<double> x) => HardTanhGradient<double>(dy, x);

    /// <inheritdoc cref="HardTanhGradient(Vector{double}, Vector{double})"/>
    public Vector<T> HardTanhGradient<T>(Vector<T> dy, Vector<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(x.Count);
        AccumulateHardTanhGradient(result, dy, x);
        return result;
    }

    /// <summary>y ∘ (dy − ⟨dy, y⟩).</summary>
    public Vector<double> SoftmaxGradient(Vector<double> dy, Vector<double> y) => SoftmaxGradient<double>(dy, y);

    /// <inheritdoc cref="SoftmaxGradient(Vector{double}, Vector{double})"/>
    public Vector<T> SoftmaxGradient<T>(Vector<T> dy, Vector<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(y.Count);
        AccumulateSoftmaxGradient(result, dy, y);
        return result;
    }

    /// <summary>dy − exp(y) Σ dy.</summary>
    public Vector<double> LogSoftmaxGradient(Vector<double> dy, Vector<double> y) => LogSoftmaxGradient<double>(dy, y);

    /// <inheritdoc cref="LogSoftmaxGradient(Vector{double}, Vector{double})"/>
    public Vector<T> LogSoftmaxGradient<T>(Vector<T> dy, Vector<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(y.Count);
        AccumulateLogSoftmaxGradient(result, dy, y);
        return result;
    }

    /// <summary>ds · exp(x − s).</summary>
    public Vector<double> LogSumExpGradient(double ds, Vector<double> x, double s) => LogSumExpGradient<double>(ds, x, s);

    /// <inheritdoc cref="LogSumExpGradient(double, Vector{double}, double)"/>
    public Vector<T> LogSumExpGradient<T>(T ds, Vector<T> x, T s)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(x.Count);
        AccumulateLogSumExpGradient(result, ds, x, s);
        return result;
    }

    /// <summary>ds · (softmax(logits) − e_label): the lecture's δ = ŷ − y.</summary>
    public Vector<double> CrossEntropyGradient(double ds, Vector<double> logits, int label) => CrossEntropyGradient<double>(ds, logits, label);

    /// <inheritdoc cref="CrossEntropyGradient(double, Vector{double}, int)"/>
    public Vector<T> CrossEntropyGradient<T>(T ds, Vector<T> logits, int label)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(logits.Count);
        AccumulateCrossEntropyGradient(result, ds, logits, label);
        return result;
    }

    /// <summary>−dy ∘ y / b.</summary>
    public Vector<double> DivisorGradient(Vector<double> dy, Vector<double> y, Vector<double> b) => DivisorGradient<double>(dy, y, b);

    /// <inheritdoc cref="DivisorGradient(Vector{double}, Vector{double}, Vector{double})"/>
    public Vector<T> DivisorGradient<T>(Vector<T> dy, Vector<T> y, Vector<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(b.Count);
        AccumulateDivisorGradient(result, dy, y, b);
        return result;
    }

    // No delegates here: a captured lambda would allocate on every call.
    private Vector<T> RentZeros<T>(int length)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentVector<T>(length);
        result.Clear();
        return result;
    }
}
