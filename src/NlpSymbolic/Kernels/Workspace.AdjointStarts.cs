using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// The first contribution to an adjoint, as a new buffer: generated code writes `var dz = ws.TanhGradient(da, a);`
// instead of zeroing dz and accumulating into it. Each is its Accumulate… kernel applied to a fresh buffer of
// this frame (kernels that are forward operations too — Outer, Scale, Multiply, Transpose, PointwiseMultiply —
// already exist as such).
public sealed partial class Workspace
{
    /// <summary>mᵀ u.</summary>
    public Vector<double> TransposeThisAndMultiply(Matrix<double> m, Vector<double> u)
    {
        var result = RentZeros(m.ColumnCount);
        AccumulateTransposeThisAndMultiply(result, m, u);
        return result;
    }

    /// <summary>aᵀ c.</summary>
    public Matrix<double> TransposeThisAndMultiply(Matrix<double> a, Matrix<double> c)
    {
        var result = RentMatrix(a.ColumnCount, c.ColumnCount);
        result.Clear();
        AccumulateTransposeThisAndMultiply(result, a, c);
        return result;
    }

    /// <summary>c bᵀ.</summary>
    public Matrix<double> TransposeAndMultiply(Matrix<double> c, Matrix<double> b)
    {
        var result = RentMatrix(c.RowCount, b.RowCount);
        result.Clear();
        AccumulateTransposeAndMultiply(result, c, b);
        return result;
    }

    /// <summary>dy ∘ (1 − y²).</summary>
    public Vector<double> TanhGradient(Vector<double> dy, Vector<double> y)
    {
        var result = RentZeros(y.Count);
        AccumulateTanhGradient(result, dy, y);
        return result;
    }

    /// <summary>dy ∘ y ∘ (1 − y).</summary>
    public Vector<double> SigmoidGradient(Vector<double> dy, Vector<double> y)
    {
        var result = RentZeros(y.Count);
        AccumulateSigmoidGradient(result, dy, y);
        return result;
    }

    /// <summary>dy ∘ [x &gt; 0].</summary>
    public Vector<double> ReluGradient(Vector<double> dy, Vector<double> x)
    {
        var result = RentZeros(x.Count);
        AccumulateReluGradient(result, dy, x);
        return result;
    }

    /// <summary>dy ∘ (x &gt; 0 ? 1 : slope).</summary>
    public Vector<double> LeakyReluGradient(Vector<double> dy, Vector<double> x, double slope)
    {
        var result = RentZeros(x.Count);
        AccumulateLeakyReluGradient(result, dy, x, slope);
        return result;
    }

    /// <summary>dy ∘ [−1 &lt; x &lt; 1].</summary>
    public Vector<double> HardTanhGradient(Vector<double> dy, Vector<double> x)
    {
        var result = RentZeros(x.Count);
        AccumulateHardTanhGradient(result, dy, x);
        return result;
    }

    /// <summary>y ∘ (dy − ⟨dy, y⟩).</summary>
    public Vector<double> SoftmaxGradient(Vector<double> dy, Vector<double> y)
    {
        var result = RentZeros(y.Count);
        AccumulateSoftmaxGradient(result, dy, y);
        return result;
    }

    /// <summary>dy − exp(y) Σ dy.</summary>
    public Vector<double> LogSoftmaxGradient(Vector<double> dy, Vector<double> y)
    {
        var result = RentZeros(y.Count);
        AccumulateLogSoftmaxGradient(result, dy, y);
        return result;
    }

    /// <summary>ds · exp(x − s).</summary>
    public Vector<double> LogSumExpGradient(double ds, Vector<double> x, double s)
    {
        var result = RentZeros(x.Count);
        AccumulateLogSumExpGradient(result, ds, x, s);
        return result;
    }

    /// <summary>ds · (softmax(logits) − e_label): the lecture's δ = ŷ − y.</summary>
    public Vector<double> CrossEntropyGradient(double ds, Vector<double> logits, int label)
    {
        var result = RentZeros(logits.Count);
        AccumulateCrossEntropyGradient(result, ds, logits, label);
        return result;
    }

    /// <summary>−dy ∘ y / b.</summary>
    public Vector<double> DivisorGradient(Vector<double> dy, Vector<double> y, Vector<double> b)
    {
        var result = RentZeros(b.Count);
        AccumulateDivisorGradient(result, dy, y, b);
        return result;
    }

    // No delegates here: a captured lambda would allocate on every call.
    private Vector<double> RentZeros(int length)
    {
        var result = RentVector(length);
        result.Clear();
        return result;
    }
}
