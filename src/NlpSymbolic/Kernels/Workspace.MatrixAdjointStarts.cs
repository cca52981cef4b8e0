using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// First contributions to matrix adjoints as new buffers (see Workspace.AdjointStarts.cs): each is its
// Accumulate… kernel applied to a zeroed buffer of this frame.
public sealed partial class Workspace
{
    /// <summary>dY ∘ (1 − Y∘Y).</summary>
    public Matrix<double> TanhGradient(Matrix<double> dy, Matrix<double> y)
    {
        var result = RentZeros(y);
        AccumulateTanhGradient(result, dy, y);
        return result;
    }

    /// <summary>dY ∘ Y ∘ (1 − Y).</summary>
    public Matrix<double> SigmoidGradient(Matrix<double> dy, Matrix<double> y)
    {
        var result = RentZeros(y);
        AccumulateSigmoidGradient(result, dy, y);
        return result;
    }

    /// <summary>dY ∘ [X &gt; 0].</summary>
    public Matrix<double> ReluGradient(Matrix<double> dy, Matrix<double> x)
    {
        var result = RentZeros(x);
        AccumulateReluGradient(result, dy, x);
        return result;
    }

    /// <summary>dY ∘ (X &gt; 0 ? 1 : slope).</summary>
    public Matrix<double> LeakyReluGradient(Matrix<double> dy, Matrix<double> x, double slope)
    {
        var result = RentZeros(x);
        AccumulateLeakyReluGradient(result, dy, x, slope);
        return result;
    }

    /// <summary>dY ∘ [−1 &lt; X &lt; 1].</summary>
    public Matrix<double> HardTanhGradient(Matrix<double> dy, Matrix<double> x)
    {
        var result = RentZeros(x);
        AccumulateHardTanhGradient(result, dy, x);
        return result;
    }

    /// <summary>Column by column, Y ∘ (dY − ⟨dY, Y⟩).</summary>
    public Matrix<double> SoftmaxGradient(Matrix<double> dy, Matrix<double> y)
    {
        var result = RentZeros(y);
        AccumulateSoftmaxGradient(result, dy, y);
        return result;
    }

    /// <summary>Column by column, dY − exp(Y) Σ dY.</summary>
    public Matrix<double> LogSoftmaxGradient(Matrix<double> dy, Matrix<double> y)
    {
        var result = RentZeros(y);
        AccumulateLogSoftmaxGradient(result, dy, y);
        return result;
    }

    /// <summary>ds · (softmax(Z) − Y), column by column (Y the one-hot labels): the minibatch's δ = Ŷ − Y.</summary>
    public Matrix<double> CrossEntropyGradient(double ds, Matrix<double> logits, int[] labels)
    {
        var result = RentZeros(logits);
        AccumulateCrossEntropyGradient(result, ds, logits, labels);
        return result;
    }

    /// <summary>−dY ∘ Y / B.</summary>
    public Matrix<double> DivisorGradient(Matrix<double> dy, Matrix<double> y, Matrix<double> b)
    {
        var result = RentZeros(b);
        AccumulateDivisorGradient(result, dy, y, b);
        return result;
    }

    /// <summary>dy 1ᵀ with the shape of <paramref name="a"/>.</summary>
    public Matrix<double> RowSumsGradient(Vector<double> dy, Matrix<double> a)
    {
        var result = RentZeros(a);
        AccumulateRowSumsGradient(result, dy, a);
        return result;
    }

    /// <summary>1 dyᵀ with the shape of <paramref name="a"/>.</summary>
    public Matrix<double> ColumnSumsGradient(Vector<double> dy, Matrix<double> a)
    {
        var result = RentZeros(a);
        AccumulateColumnSumsGradient(result, dy, a);
        return result;
    }

    // A null shape argument is reported by the Accumulate… kernel; here it only must not throw first.
    private Matrix<double> RentZeros(Matrix<double> like) => like is null ? null! : ZerosLike(like);
}
