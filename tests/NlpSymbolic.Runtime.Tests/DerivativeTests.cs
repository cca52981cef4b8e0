using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>
/// The derivatives that the adjoint kernels encode, checked against central finite differences of the
/// forward functions: for a random cotangent w, the kernel's output must equal ∇ₓ ⟨w, f(x)⟩.
/// </summary>
public sealed class DerivativeTests
{
    private const int N = 6;
    private readonly TestData _data = new(2024);

    private static Vector<double> Adjoint(int n, Action<Workspace, Vector<double>> kernel)
    {
        Vector<double> dx = Vector<double>.Build.Dense(n);
        Workspace ws = Workspace.Enter();
        try
        {
            kernel(ws, dx);
        }
        finally
        {
            ws.Exit();
        }

        return dx;
    }

    private static Matrix<double> Adjoint(int rows, int columns, Action<Workspace, Matrix<double>> kernel)
    {
        Matrix<double> dx = Matrix<double>.Build.Dense(rows, columns);
        Workspace ws = Workspace.Enter();
        try
        {
            kernel(ws, dx);
        }
        finally
        {
            ws.Exit();
        }

        return dx;
    }

    // Points at least 0.2 from the kinks at 0 and ±1, so x ± h never crosses one.
    private Vector<double> AwayFromKinks()
    {
        Vector<double> x = _data.Vector(N, 0.2, 0.8);
        for (int i = 0; i < N; i++)
        {
            x[i] *= (i % 3 == 0 ? 2.0 : 1.0) * (i % 2 == 0 ? -1.0 : 1.0);
        }

        return x;
    }

    [Fact]
    public void SmoothActivations()
    {
        Vector<double> x = _data.Vector(N, -3, 3), w = _data.Vector(N);
        Vector<double> sigmoid = Functions.Sigmoid(x), tanh = Functions.Tanh(x);

        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => w.DotProduct(Functions.Sigmoid(v)), x),
            Adjoint(N, (ws, dx) => ws.AccumulateSigmoidGradient(dx, w, sigmoid)));
        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => w.DotProduct(Functions.Tanh(v)), x),
            Adjoint(N, (ws, dx) => ws.AccumulateTanhGradient(dx, w, tanh)));
    }

    [Fact]
    public void PiecewiseActivations()
    {
        Vector<double> x = AwayFromKinks(), w = _data.Vector(N);
        const double slope = 0.13;

        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => w.DotProduct(Functions.Relu(v)), x),
            Adjoint(N, (ws, dx) => ws.AccumulateReluGradient(dx, w, x)));
        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => w.DotProduct(Functions.LeakyRelu(v, slope)), x),
            Adjoint(N, (ws, dx) => ws.AccumulateLeakyReluGradient(dx, w, x, slope)));
        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => w.DotProduct(Functions.HardTanh(v)), x),
            Adjoint(N, (ws, dx) => ws.AccumulateHardTanhGradient(dx, w, x)));

        double slopeGradient;
        Workspace frame = Workspace.Enter();
        try
        {
            slopeGradient = frame.LeakyReluSlopeGradient(w, x);
        }
        finally
        {
            frame.Exit();
        }

        FiniteDifference.AssertClose(
            FiniteDifference.Derivative(a => w.DotProduct(Functions.LeakyRelu(x, a)), slope), slopeGradient, "slope");
    }

    [Fact]
    public void ScalarActivationsMatchTheirVectorDerivatives()
    {
        // The scalar forms share the vector adjoints (a length-1 vector), so check them the same way.
        foreach (double x in new[] { -2.5, -0.4, 0.3, 1.7 })
        {
            Vector<double> point = Vector<double>.Build.Dense(1, x), one = Vector<double>.Build.Dense(1, 1.0);
            Vector<double> s = Vector<double>.Build.Dense(1, Functions.Sigmoid(x));
            Vector<double> t = Vector<double>.Build.Dense(1, Functions.Tanh(x));
            FiniteDifference.AssertClose(
                FiniteDifference.Derivative(Functions.Sigmoid, x),
                Adjoint(1, (ws, dx) => ws.AccumulateSigmoidGradient(dx, one, s))[0], "sigmoid′");
            FiniteDifference.AssertClose(
                FiniteDifference.Derivative(Functions.Tanh, x),
                Adjoint(1, (ws, dx) => ws.AccumulateTanhGradient(dx, one, t))[0], "tanh′");
            FiniteDifference.AssertClose(
                FiniteDifference.Derivative(Functions.HardTanh, x),
                Adjoint(1, (ws, dx) => ws.AccumulateHardTanhGradient(dx, one, point))[0], "hardtanh′");
            FiniteDifference.AssertClose(
                FiniteDifference.Derivative(v => Functions.LeakyRelu(v), x),
                Adjoint(1, (ws, dx) => ws.AccumulateLeakyReluGradient(dx, one, point, 0.01))[0], "leakyrelu′");
        }
    }

    [Fact]
    public void Normalisers()
    {
        Vector<double> x = _data.Vector(N, -3, 3), w = _data.Vector(N);
        Vector<double> p = Functions.Softmax(x), logP = Functions.LogSoftmax(x);
        double lse = Functions.LogSumExp(x);
        const double ds = 1.7;
        const int label = 2;

        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => w.DotProduct(Functions.Softmax(v)), x),
            Adjoint(N, (ws, dx) => ws.AccumulateSoftmaxGradient(dx, w, p)));
        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => w.DotProduct(Functions.LogSoftmax(v)), x),
            Adjoint(N, (ws, dx) => ws.AccumulateLogSoftmaxGradient(dx, w, logP)));
        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => ds * Functions.LogSumExp(v), x),
            Adjoint(N, (ws, dx) => ws.AccumulateLogSumExpGradient(dx, ds, x, lse)));
        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => ds * Functions.CrossEntropy(v, label), x),
            Adjoint(N, (ws, dx) => ws.AccumulateCrossEntropyGradient(dx, ds, x, label)));
    }

    [Fact]
    public void PointwiseDivision()
    {
        Vector<double> a = _data.Vector(N), b = _data.AwayFromZero(N), w = _data.Vector(N);
        Vector<double> y = a.PointwiseDivide(b);

        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => w.DotProduct(v.PointwiseDivide(b)), a),
            Adjoint(N, (ws, da) => ws.AccumulatePointwiseDivide(da, w, b)));
        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => w.DotProduct(a.PointwiseDivide(v)), b),
            Adjoint(N, (ws, db) => ws.AccumulateDivisorGradient(db, w, y, b)));
    }

    [Fact]
    public void MatrixVectorProduct()
    {
        Matrix<double> m = _data.Matrix(3, 5);
        Vector<double> x = _data.Vector(5), w = _data.Vector(3);

        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(k => w.DotProduct(k * x), m),
            Adjoint(3, 5, (ws, dm) => ws.AccumulateOuter(dm, w, x)));
        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(v => w.DotProduct(m * v), x),
            Adjoint(5, (ws, dx) => ws.AccumulateTransposeThisAndMultiply(dx, m, w)));
    }

    [Fact]
    public void MatrixProductAndTranspose()
    {
        Matrix<double> a = _data.Matrix(3, 4), b = _data.Matrix(4, 5), c = _data.Matrix(3, 5);
        static double Frobenius(Matrix<double> x, Matrix<double> y) => x.PointwiseMultiply(y).ColumnSums().Sum();

        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(k => Frobenius(c, k * b), a),
            Adjoint(3, 4, (ws, da) => ws.AccumulateTransposeAndMultiply(da, c, b)));
        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(k => Frobenius(c, a * k), b),
            Adjoint(4, 5, (ws, db) => ws.AccumulateTransposeThisAndMultiply(db, a, c)));

        Matrix<double> ct = _data.Matrix(5, 3);
        FiniteDifference.AssertClose(
            FiniteDifference.Gradient(k => Frobenius(ct, k.Transpose()), c),
            Adjoint(3, 5, (ws, dc) => ws.AccumulateTranspose(dc, ct)));
    }
}
