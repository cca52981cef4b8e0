using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Sparse and diagonal storage take the copying fallback path and still give correct results.</summary>
public sealed class NonDenseTests
{
    private readonly TestData _data = new(21);

    private static Vector<double> Sparse(params double[] values) => Vector<double>.Build.SparseOfArray(values);

    [Fact]
    public void ForwardKernelsAcceptSparseInputs()
    {
        Vector<double> s = Sparse(0, 2, 0, -1, 0);
        Vector<double> d = _data.Vector(5);
        Matrix<double> sm = Matrix<double>.Build.SparseOfArray(new double[,] { { 1, 0, 0, 2, 0 }, { 0, 0, 3, 0, 0 }, { 0, 4, 0, 0, 5 } });
        Matrix<double> diag = Matrix<double>.Build.Diagonal(5, 5, 2.0);
        Workspace ws = Workspace.Enter();
        try
        {
            Near.Equal(s + d, ws.Add(s, d));
            Near.Equal(Naive.Map(s, x => Naive.Sigmoid(x)), ws.Sigmoid(s));
            Near.Equal(Naive.Softmax(s), ws.Softmax(s));
            Near.Equal(sm * d, ws.Multiply(sm, d));
            Near.Equal(sm * diag, ws.Multiply(sm, diag));
            Near.Equal(sm.Transpose(), ws.Transpose(sm));
            Near.Equal(sm.Row(2), ws.Row(sm, 2));
            Near.Equal(Naive.Concat(s, d), ws.Concat(s, d));
            Near.Equal(s.DotProduct(d), ws.Dot(s, d));
            Near.Equal(Naive.LogSumExp(s), ws.LogSumExp(s));
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void AdjointKernelsWriteBackIntoSparseDestinations()
    {
        Vector<double> src = _data.Vector(4);
        Vector<double> dst = Sparse(1, 0, 0, 2);
        Vector<double> expected = dst.ToArray() is var a ? Vector<double>.Build.DenseOfArray(a) + src : null!;
        AdjointScope.Check(dst, expected, ws => ws.Accumulate(dst, src), src);

        Vector<double> u = _data.Vector(3), v = Sparse(0, 1.5, 0, 0, -2);
        Matrix<double> dm = Matrix<double>.Build.Sparse(3, 5);
        Matrix<double> expectedM = u.OuterProduct(v);
        AdjointScope.Check(dm, expectedM, ws => ws.AccumulateOuter(dm, u, v), u, v);

        Matrix<double> m = _data.Matrix(3, 5);
        Vector<double> dx = Sparse(0, 0, 1, 0, 0);
        Vector<double> expectedX = Vector<double>.Build.DenseOfArray(dx.ToArray()) + m.TransposeThisAndMultiply(u);
        AdjointScope.Check(dx, expectedX, ws => ws.AccumulateTransposeThisAndMultiply(dx, m, u), m, u);
    }
}
