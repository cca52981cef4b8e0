using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.Models;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// A null gradient argument means "not wanted": the gradients that are passed are the full call's, nothing is
/// written for the null ones, and the work only they need does not run. KernelProbe counts the products mᵀu that a
/// wanted dx costs (dx += Wᵀ dy, alone or fused with dW). For the window model the generator hands the null dx to
/// the fused kernel, which skips the product; for the RNN's embedding column (an adjoint of the method's own, which
/// only dL needs) the generator must pass null itself: a generator that stopped pruning fails those counts.
/// </summary>
public class UnwantedGradientTests
{
    private readonly Random random = new(17);

    [Fact]
    public void WindowWithoutInputGradientsGivesTheSameWeightGradientsAndSkipsBothInputProducts()
    {
        var (W, b, u, x, xc) = (M(5, 9), V(5), V(5), V(9), V(9));
        var full = (dW: Z(5, 9), db: Z(5), du: Z(5), dx: Z(9), dxc: Z(9));
        var value = LectureModels.WindowMaxMarginBackward(W, b, u, x, xc, 1.0, full.dW, full.db, full.du, full.dx, full.dxc);
        Assert.True(value > 0, "the margin must be active for a gradient to flow");

        var (dW, db, du) = (Z(5, 9), Z(5), Z(5));
        var before = KernelProbe.TransposeProducts;
        Assert.Equal(value, LectureModels.WindowMaxMarginBackward(W, b, u, x, xc, 1.0, dW, db, du, null, null));
        Assert.Equal(0, KernelProbe.TransposeProducts - before);
        AssertSame(full.dW, dW);
        AssertSame(full.db, db);
        AssertSame(full.du, du);

        // The probe sees the products when the input gradients are wanted: without pruning, the test above fails.
        before = KernelProbe.TransposeProducts;
        LectureModels.WindowMaxMarginBackward(W, b, u, x, xc, 1.0, Z(5, 9), Z(5), Z(5), Z(9), Z(9));
        Assert.Equal(2, KernelProbe.TransposeProducts - before);
    }

    [Fact]
    public void WindowWithoutInputGradientsAllocatesNothingOnceWarm()
    {
        var (W, b, u, x, xc) = (M(20, 50), V(20), V(20), V(50), V(50));
        var (dW, db, du) = (Z(20, 50), Z(20), Z(20));
        long Step()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            SteadyStateModels.WindowHingeBackward(W, b, u, x, xc, 1.0, dW, db, du, null, null);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        for (var i = 0; i < 50; i++)
        {
            Step();
        }

        Assert.Equal(0, Step());
    }

    [Fact]
    public void WindowWithOnlyTheInputGradientGivesTheFullCallsInputGradient()
    {
        var (W, b, u, x, xc) = (M(5, 9), V(5), V(5), V(9), V(9));
        var (fullDx, onlyDx) = (Z(9), Z(9));
        LectureModels.WindowMaxMarginBackward(W, b, u, x, xc, 1.0, Z(5, 9), Z(5), Z(5), fullDx, Z(9));
        LectureModels.WindowMaxMarginBackward(W, b, u, x, xc, 1.0, null, null, null, onlyDx, null);
        AssertSame(fullDx, onlyDx);
    }

    [Fact]
    public void RnnWithoutTheInitialStateGradientGivesTheSameParameterGradients()
    {
        var (L, H, W, b1, U, b2, h0) = (M(3, 5), M(4, 4), M(4, 3), V(4), M(5, 4), V(5), V(4));
        int[] tokens = [2, 0, 4, 2, 2, 1, 4, 0];
        var full = new[] { Z(3, 5), Z(4, 4), Z(4, 3), Z(5, 4) };
        var (fullDb1, fullDb2) = (Z(4), Z(5));
        var value = SequenceModels.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, full[0], full[1], full[2], fullDb1, full[3], fullDb2, Z(4));

        var pruned = new[] { Z(3, 5), Z(4, 4), Z(4, 3), Z(5, 4) };
        var (db1, db2) = (Z(4), Z(5));
        Assert.Equal(value, SequenceModels.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, pruned[0], pruned[1], pruned[2], db1, pruned[3], db2, null));
        foreach (var (expected, actual) in full.Zip(pruned))
        {
            AssertSame(expected, actual);
        }

        AssertSame(fullDb1, db1);
        AssertSame(fullDb2, db2);
    }

    [Fact]
    public void RnnWithoutTheEmbeddingGradientSkipsTheInputProductOfEveryStep()
    {
        var (L, H, W, b1, U, b2, h0) = (M(3, 5), M(4, 4), M(4, 3), V(4), M(5, 4), V(5), V(4));
        int[] tokens = [2, 0, 4, 2, 2, 1, 4, 0];
        var steps = tokens.Length - 1;
        var (fullDW, fullDH, fullDh0) = (Z(4, 3), Z(4, 4), Z(4));
        var before = KernelProbe.TransposeProducts;
        SequenceModels.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, Z(3, 5), fullDH, fullDW, Z(4), Z(5, 4), Z(5), fullDh0);
        var wanted = KernelProbe.TransposeProducts - before;

        var (dW, dH, dh0) = (Z(4, 3), Z(4, 4), Z(4));
        before = KernelProbe.TransposeProducts;
        SequenceModels.RnnLanguageModelLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, null, dH, dW, Z(4), Z(5, 4), Z(5), dh0);

        // Each step's Wᵀ δ feeds only the embedding column; H's and U's products still carry the state's gradient.
        Assert.Equal(wanted - steps, KernelProbe.TransposeProducts - before);
        AssertSame(fullDW, dW);
        AssertSame(fullDH, dH);
        AssertSame(fullDh0, dh0);
    }

    [Fact]
    public void CallsHandTheirCalleesNullForAGradientNobodyWantsAndSkipItsProduct()
    {
        // RnnStep's pullback gets `dL is not null ? dx : null` for x = L.Column(tokens[t]).
        var (L, H, W, b1, U, b2, h0) = (M(3, 5), M(4, 4), M(4, 3), V(4), M(5, 4), V(5), V(4));
        int[] tokens = [2, 0, 4, 2, 2, 1, 4, 0];
        var (fullDW, fullDb2) = (Z(4, 3), Z(5));
        var before = KernelProbe.TransposeProducts;
        var value = SequenceModels.RnnLanguageModelLossByCallsBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, Z(3, 5), Z(4, 4), fullDW, Z(4), Z(5, 4), fullDb2, Z(4));
        var wanted = KernelProbe.TransposeProducts - before;

        var (dW, db2) = (Z(4, 3), Z(5));
        before = KernelProbe.TransposeProducts;
        Assert.Equal(value, SequenceModels.RnnLanguageModelLossByCallsBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, null, Z(4, 4), dW, null, null, db2, null));
        Assert.Equal(wanted - (tokens.Length - 1), KernelProbe.TransposeProducts - before);
        AssertSame(fullDW, dW);
        AssertSame(fullDb2, db2);
    }

    [Fact]
    public void HandWrittenPullbacksGetABufferForAGradientNobodyWants()
    {
        // ScaledQuadraticPullback (hand-written) writes dA and dx: it is handed `dx ?? ws.ZerosLike(x)`.
        var (A, x) = (M(3, 3), V(3));
        var fullDA = Z(3, 3);
        var value = CustomDerivativeModels.QuadraticBackward(A, x, 3, 1.0, fullDA, Z(3));
        var dA = Z(3, 3);
        Assert.Equal(value, CustomDerivativeModels.QuadraticBackward(A, x, 3, 1.0, dA, null));
        AssertSame(fullDA, dA);

        var (fullDx, dx) = (Z(3), Z(3));
        CustomDerivativeModels.QuadraticBackward(A, x, 3, 1.0, Z(3, 3), fullDx);
        CustomDerivativeModels.QuadraticBackward(A, x, 3, 1.0, null, dx);
        AssertSame(fullDx, dx);
    }

    [Fact]
    public void ShapeChecksStillThrowForABufferThatIsPassed()
    {
        var (W, b, u, x, xc) = (M(5, 9), V(5), V(5), V(9), V(9));
        var wrong = Assert.Throws<ArgumentException>(() => LectureModels.WindowMaxMarginBackward(W, b, u, x, xc, 1.0, null, null, null, Z(8), null));
        Assert.Equal("dx", wrong.ParamName);
        wrong = Assert.Throws<ArgumentException>(() => LectureModels.WindowMaxMarginBackward(W, b, u, x, xc, 1.0, Z(9, 5), null, null, null, null));
        Assert.Equal("dW", wrong.ParamName);

        // An input is still required when its gradient is not wanted.
        var missing = Assert.Throws<ArgumentNullException>(() => LectureModels.WindowMaxMarginBackward(W, b, u, null!, xc, 1.0, null, null, null, null, null));
        Assert.Equal("x", missing.ParamName);
    }

    private Matrix<double> M(int rows, int columns) => Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() - 0.5);

    private Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);

    private static Matrix<double> Z(int rows, int columns) => Matrix<double>.Build.Dense(rows, columns);

    private static Vector<double> Z(int n) => Vector<double>.Build.Dense(n);

    /// <summary>The same kernels in the same order give the same bits; a product run alone (dW without dx) may round differently.</summary>
    private static void AssertSame(Matrix<double> expected, Matrix<double> actual)
    {
        for (var i = 0; i < expected.RowCount; i++)
        {
            for (var j = 0; j < expected.ColumnCount; j++)
            {
                Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i, j])), $"[{i}, {j}]: {actual[i, j]:R} instead of {expected[i, j]:R}");
            }
        }
    }

    private static void AssertSame(Vector<double> expected, Vector<double> actual)
    {
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"[{i}]: {actual[i]:R} instead of {expected[i]:R}");
        }
    }
}
