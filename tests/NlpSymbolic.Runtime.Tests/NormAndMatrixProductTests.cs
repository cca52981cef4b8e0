using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

public class NormAndMatrixProductTests
{
    private static Matrix<double> M(int seed) => Matrix<double>.Build.Dense(3, 5, (i, j) => System.Math.Sin(seed + 7 * i + j));

    [Fact]
    public void SquaredNormsMatchTheirDefinitions()
    {
        var v = Vector<double>.Build.Dense(new[] { 1.0, -2.0, 3.0 });
        Assert.Equal(14.0, Functions.SquaredNorm(v), 12);
        var m = M(1);
        Assert.Equal(m.FrobeniusNorm() * m.FrobeniusNorm(), Functions.SquaredNorm(m), 12);
    }

    [Fact]
    public void MatrixPointwiseMultiplyMatchesMathNetAndItsAdjointAdds()
    {
        var (a, b) = (M(1), M(2));
        var ws = Workspace.Enter();
        try
        {
            var product = ws.PointwiseMultiply(a, b);
            Assert.True((product - a.PointwiseMultiply(b)).InfinityNorm() < 1e-15);

            var dst = M(3);
            var expected = dst + a.PointwiseMultiply(b);
            ws.AccumulatePointwiseMultiply(dst, a, b);
            Assert.True((dst - expected).InfinityNorm() < 1e-15);
        }
        finally
        {
            ws.Exit();
        }
    }
}
