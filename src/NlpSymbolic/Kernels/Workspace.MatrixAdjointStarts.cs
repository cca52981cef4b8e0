using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// First contributions to matrix adjoints as new buffers (see Workspace.AdjointStarts.cs): each is its
// Accumulate… kernel applied to a zeroed buffer of this frame.
public sealed partial class Workspace
{
    /// <summary>dY ∘ (1 − Y∘Y).</summary>
    public Matrix<double> TanhGradient(Matrix<double> dy, Matrix<double> y) => TanhGradient<double>(dy, y);

    /// <inheritdoc cref="TanhGradient(Matrix{double}, Matrix{double})"/>
    public Matrix<T> TanhGradient<T>(Matrix<T> dy, Matrix<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(y);
        AccumulateTanhGradient(result, dy, y);
        return result;
    }

    /// <summary>dY ∘ Y ∘ (1 − Y).</summary>
    public Matrix<double> SigmoidGradient(Matrix<double> dy, Matrix<double> y) => SigmoidGradient<double>(dy, y);

    /// <inheritdoc cref="SigmoidGradient(Matrix{double}, Matrix{double})"/>
    public Matrix<T> SigmoidGradient<T>(Matrix<T> dy, Matrix<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(y);
        AccumulateSigmoidGradient(result, dy, y);
        return result;
    }

    /// <summary>dY ∘ [X &gt; 0].</summary>
    public Matrix<double> ReluGradient(Matrix<double> dy, Matrix<double> x) => ReluGradient<double>(dy, x);

    /// <inheritdoc cref="ReluGradient(Matrix{double}, Matrix{double})"/>
    public Matrix<T> ReluGradient<T>(Matrix<T> dy, Matrix<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(x);
        AccumulateReluGradient(result, dy, x);
        return result;
    }

    /// <summary>dY ∘ (X &gt; 0 ? 1 : slope).</summary>
    public Matrix<double> LeakyReluGradient(Matrix<double> dy, Matrix<double> x, double slope) => LeakyReluGradient<double>(dy, x, slope);

    /// <inheritdoc cref="LeakyReluGradient(Matrix{double}, Matrix{double}, double)"/>
    public Matrix<T> LeakyReluGradient<T>(Matrix<T> dy, Matrix<T> x, T slope)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(x);
        AccumulateLeakyReluGradient(result, dy, x, slope);
        return result;
    }

    /// <summary>dY ∘ [−1 &lt; X &lt; 1].</summary>
    public Matrix<double> HardTanhGradient(Matrix<double> dy, Matrix<double> x) => HardTanhGradient<double>(dy, x);

    /// <inheritdoc cref="HardTanhGradient(Matrix{double}, Matrix{double})"/>
    public Matrix<T> HardTanhGradient<T>(Matrix<T> dy, Matrix<T> x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(x);
        AccumulateHardTanhGradient(result, dy, x);
        return result;
    }

    /// <summary>Column by column, Y ∘ (dY − ⟨dY, Y⟩).</summary>
    public Matrix<double> SoftmaxGradient(Matrix<double> dy, Matrix<double> y) => SoftmaxGradient<double>(dy, y);

    /// <inheritdoc cref="SoftmaxGradient(Matrix{double}, Matrix{double})"/>
    public Matrix<T> SoftmaxGradient<T>(Matrix<T> dy, Matrix<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(y);
        AccumulateSoftmaxGradient(result, dy, y);
        return result;
    }

    /// <summary>Column by column, dY − exp(Y) Σ dY.</summary>
    public Matrix<double> LogSoftmaxGradient(Matrix<double> dy, Matrix<double> y) => LogSoftmaxGradient<double>(dy, y);

    /// <inheritdoc cref="LogSoftmaxGradient(Matrix{double}, Matrix{double})"/>
    public Matrix<T> LogSoftmaxGradient<T>(Matrix<T> dy, Matrix<T> y)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(y);
        AccumulateLogSoftmaxGradient(result, dy, y);
        return result;
    }

    /// <summary>ds · (softmax(Z) − Y), column by column (Y the one-hot labels): the minibatch's δ = Ŷ − Y.</summary>
    public Matrix<double> CrossEntropyGradient(double ds, Matrix<double> logits, int[] labels) => CrossEntropyGradient<double>(ds, logits, labels);

    /// <inheritdoc cref="CrossEntropyGradient(double, Matrix{double}, int[])"/>
    public Matrix<T> CrossEntropyGradient<T>(T ds, Matrix<T> logits, int[] labels)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(logits);
        AccumulateCrossEntropyGradient(result, ds, logits, labels);
        return result;
    }

    /// <summary>−dY ∘ Y / B.</summary>
    public Matrix<double> DivisorGradient(Matrix<double> dy, Matrix<double> y, Matrix<double> b) => DivisorGradient<double>(dy, y, b);

    /// <inheritdoc cref="DivisorGradient(Matrix{double}, Matrix{double}, Matrix{double})"/>
    public Matrix<T> DivisorGradient<T>(Matrix<T> dy, Matrix<T> y, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(b);
        AccumulateDivisorGradient(result, dy, y, b);
        return result;
    }

    /// <summary>dy 1ᵀ with the shape of <paramref name="a"/>.</summary>
    public Matrix<double> RowSumsGradient(Vector<double> dy, Matrix<double> a) => RowSumsGradient<double>(dy, a);

    /// <inheritdoc cref="RowSumsGradient(Vector{double}, Matrix{double})"/>
    public Matrix<T> RowSumsGradient<T>(Vector<T> dy, Matrix<T> a)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(a);
        AccumulateRowSumsGradient(result, dy, a);
        return result;
    }

    /// <summary>1 dyᵀ with the shape of <paramref name="a"/>.</summary>
    public Matrix<double> ColumnSumsGradient(Vector<double> dy, Matrix<double> a) => ColumnSumsGradient<double>(dy, a);

    /// <inheritdoc cref="ColumnSumsGradient(Vector{double}, Matrix{double})"/>
    public Matrix<T> ColumnSumsGradient<T>(Vector<T> dy, Matrix<T> a)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = RentZeros<T>(a);
        AccumulateColumnSumsGradient(result, dy, a);
        return result;
    }

    // A null shape argument is reported by the Accumulate… kernel; here it only must not throw first.
    private Matrix<T> RentZeros<T>(Matrix<T> like)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => like is null ? null! : ZerosLike(like);
}
