using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>
/// The float32 kernels come from the same generic source as the float64 ones: run on the same inputs (every input
/// a float32 number, so both precisions start from identical values), each float32 result agrees with the float64
/// result to float32 accuracy. Tolerance: |float − double| ≤ 2e-5 · max(1, |double|) per element; single
/// precision's unit round-off is 6e-8, so this allows ~300 ulps of accumulated rounding, enough for the 96-term
/// dot products below and far below any wrong formula (a wrong kernel is off by O(1)).
/// </summary>
public sealed class FloatKernelTests
{
    private const double FloatTolerance = 2e-5;
    private const int N = 96, M = 40, B = 7;

    private sealed record Inputs<T>(
        Vector<T> X, Vector<T> Dy, Vector<T> Positive, Vector<T> H, Matrix<T> W, Matrix<T> Batch, Matrix<T> DBatch,
        Matrix<T> Right, Vector<T> Logits, Matrix<T> BatchLogits, int[] Labels)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;

    [Fact]
    public void Every_float_kernel_agrees_with_the_double_kernel_to_float_accuracy()
    {
        var data = new TestData(2020);
        // Round to float first, so the double kernels see exactly the float inputs.
        Vector<double> x = Round(data.Vector(N, -4, 4)), dy = Round(data.Vector(N)), positive = Round(data.Vector(N, 0.5, 2));
        Vector<double> h = Round(data.Vector(N)), logits = Round(data.Vector(M, -30, 30));
        Matrix<double> w = Round(data.Matrix(M, N)), batch = Round(data.Matrix(M, B, -3, 3));
        Matrix<double> dBatch = Round(data.Matrix(M, B)), right = Round(data.Matrix(N, B));
        Matrix<double> batchLogits = Round(data.Matrix(M, B, -30, 30));
        int[] labels = [0, 5, 39, 17, 2, 2, 11];

        var d = new Inputs<double>(x, dy, positive, h, w, batch, dBatch, right, logits, batchLogits, labels);
        var f = new Inputs<float>(
            x.Map(v => (float)v), dy.Map(v => (float)v), positive.Map(v => (float)v), h.Map(v => (float)v),
            w.Map(v => (float)v), batch.Map(v => (float)v), dBatch.Map(v => (float)v), right.Map(v => (float)v),
            logits.Map(v => (float)v), batchLogits.Map(v => (float)v), labels);

        List<(string Name, double[] Values)> expected = Outputs(d);
        List<(string Name, double[] Values)> actual = Outputs(f);

        Assert.Equal(expected.Count, actual.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k].Name, actual[k].Name);
            Assert.Equal(expected[k].Values.Length, actual[k].Values.Length);
            for (int i = 0; i < expected[k].Values.Length; i++)
            {
                Near.Equal(expected[k].Values[i], actual[k].Values[i], FloatTolerance, $"{expected[k].Name}[{i}]");
            }
        }
    }

    [Fact]
    public void Float_and_double_buffers_of_one_shape_are_never_confused()
    {
        Workspace ws = Workspace.Enter();
        try
        {
            Vector<double> a = ws.RentVector(5);
            Vector<float> b = ws.RentVector<float>(5);
            Matrix<float> c = ws.RentMatrix<float>(2, 3);
            Matrix<double> e = ws.RentMatrix(2, 3);
            Assert.Equal(5, a.Count);
            Assert.Equal(5, b.Count);
            Assert.Equal(6, c.RowCount * c.ColumnCount);
            Assert.Equal(6, e.RowCount * e.ColumnCount);
        }
        finally
        {
            ws.Exit();
        }

        // The next call rents the same shapes in the opposite order and each gets its own type again.
        ws = Workspace.Enter();
        try
        {
            Vector<float> b = ws.RentVector<float>(5);
            Vector<double> a = ws.RentVector(5);
            Assert.IsType<MathNet.Numerics.LinearAlgebra.Single.DenseVector>(b);
            Assert.IsType<MathNet.Numerics.LinearAlgebra.Double.DenseVector>(a);
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void A_warmed_up_float_backward_sequence_allocates_nothing()
    {
        var data = new TestData(31);
        Matrix<float> w = data.Matrix(30, 50).Map(v => (float)v), batch = data.Matrix(30, 8).Map(v => (float)v);
        Vector<float> x = data.Vector(50).Map(v => (float)v), dy = data.Vector(30).Map(v => (float)v);
        int[] labels = [0, 1, 2, 3, 4, 5, 6, 7];
        Matrix<float> dW = Matrix<float>.Build.Dense(30, 50);
        Vector<float> dx = Vector<float>.Build.Dense(50);

        FloatSequence(w, batch, x, dy, labels, dW, dx);
        FloatSequence(w, batch, x, dy, labels, dW, dx);
        long before = GC.GetAllocatedBytesForCurrentThread();
        float loss = FloatSequence(w, batch, x, dy, labels, dW, dx);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(float.IsFinite(loss));
        Assert.Equal(0L, allocated);
    }

    // A float model's forward and backward the way generated code calls the kernels.
    private static float FloatSequence(
        Matrix<float> w, Matrix<float> batch, Vector<float> x, Vector<float> dy, int[] labels, Matrix<float> dW, Vector<float> dx)
    {
        Workspace ws = Workspace.Enter();
        try
        {
            Vector<float> z = ws.Multiply(w, x);
            Vector<float> h = ws.Tanh(z);
            Vector<float> s = ws.Sigmoid(ws.Add(z, h));
            Vector<float> logSoft = ws.LogSoftmax(s);
            float loss = ws.CrossEntropy(h, 3);
            Matrix<float> logits = ws.Tanh(ws.AddColumnwise(batch, h));
            loss += ws.MeanCrossEntropy(logits, labels);
            Vector<float> dz = ws.TanhGradient(dy, h);
            ws.AccumulateSigmoidGradient(dz, dy, s);
            ws.AccumulateLogSoftmaxGradient(dz, dy, logSoft);
            ws.AccumulateCrossEntropyGradient(dz, 1f, h, 3);
            ws.AccumulateMultiplyAdjoints(dW, dx, w, x, dz);
            Matrix<float> dLogits = ws.CrossEntropyGradient(1f / labels.Length, logits, labels);
            ws.AccumulateTanhGradient(dLogits, dLogits, logits);
            ws.AccumulateRowSums(dz, dLogits);
            return loss;
        }
        finally
        {
            ws.Exit();
        }
    }

    // Forward kernels, their adjoints and the products, in one precision; every result widened to double.
    private static List<(string, double[])> Outputs<T>(Inputs<T> p)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var results = new List<(string, double[])>();
        void Add(string name, params T[][] parts)
        {
            var values = new List<double>();
            foreach (T[] part in parts)
            {
                values.AddRange(Array.ConvertAll(part, double.CreateTruncating));
            }

            results.Add((name, values.ToArray()));
        }

        T slope = T.CreateTruncating(0.1);
        Workspace ws = Workspace.Enter();
        try
        {
            Vector<T> s = ws.Sigmoid(p.X), t = ws.Tanh(p.X), soft = ws.Softmax(p.Logits), logSoft = ws.LogSoftmax(p.Logits);
            Add("Sigmoid", s.AsArray());
            Add("Tanh", t.AsArray());
            Add("Relu", ws.Relu(p.X).AsArray());
            Add("LeakyRelu", ws.LeakyRelu(p.X, slope).AsArray());
            Add("HardTanh", ws.HardTanh(p.X).AsArray());
            Add("Softplus", ws.Softplus(p.X).AsArray());
            Add("Softmax", soft.AsArray());
            Add("LogSoftmax", logSoft.AsArray());
            Add("Exp, Log", ws.PointwiseExp(p.X).AsArray(), ws.PointwiseLog(p.Positive).AsArray());
            Add("Divide", ws.PointwiseDivide(p.Dy, p.Positive).AsArray());
            Add("CrossEntropy, LogSumExp", [ws.CrossEntropy(p.Logits, 7), ws.LogSumExp(p.Logits)]);
            Add("SigmoidGradient", ws.SigmoidGradient(p.Dy, s).AsArray());
            Add("TanhGradient", ws.TanhGradient(p.Dy, t).AsArray());
            Add("ReluGradient", ws.ReluGradient(p.Dy, p.X).AsArray());
            Add("LeakyReluGradient", ws.LeakyReluGradient(p.Dy, p.X, slope).AsArray());
            Add("HardTanhGradient", ws.HardTanhGradient(p.Dy, p.X).AsArray());
            Add("SoftplusGradient", ws.SoftplusGradient(p.Dy, p.X).AsArray());
            Add("SoftmaxGradient", ws.SoftmaxGradient(p.Dy.SubVector(0, M), soft).AsArray());
            Add("LogSoftmaxGradient", ws.LogSoftmaxGradient(p.Dy.SubVector(0, M), logSoft).AsArray());
            Add("CrossEntropyGradient", ws.CrossEntropyGradient(T.CreateTruncating(0.5), p.Logits, 7).AsArray());
            Add("Multiply", ws.Multiply(p.W, p.H).AsArray());
            Add("TransposeThisAndMultiply", ws.TransposeThisAndMultiply(p.W, p.Logits).AsArray());
            Matrix<T> dW = ws.ZerosLike(p.W);
            Vector<T> dh = ws.ZerosLike(p.H);
            ws.AccumulateMultiplyAdjoints(dW, dh, p.W, p.H, p.Logits);
            Add("MultiplyAdjoints", dW.AsColumnMajorArray());
            Add("MultiplyAdjoints dx", dh.AsArray());
            Add("Matrix product", ws.Multiply(p.W, p.Right).AsColumnMajorArray());
            Add("TransposeAndMultiply", ws.TransposeAndMultiply(p.Batch, p.Right).AsColumnMajorArray());
            Add("Matrix TransposeThisAndMultiply", ws.TransposeThisAndMultiply(p.W, p.Batch).AsColumnMajorArray());
            Matrix<T> batchSoft = ws.Softmax(p.BatchLogits);
            Add("Batch Tanh", ws.Tanh(p.Batch).AsColumnMajorArray());
            Add("Batch Softmax", batchSoft.AsColumnMajorArray());
            Add("Batch SoftmaxGradient", ws.SoftmaxGradient(p.DBatch, batchSoft).AsColumnMajorArray());
            Add("Batch MeanCrossEntropy", [ws.MeanCrossEntropy(p.BatchLogits, p.Labels)]);
            Add("Batch CrossEntropyGradient", ws.CrossEntropyGradient(T.One, p.BatchLogits, p.Labels).AsColumnMajorArray());
            Add("AddColumnwise, RowSums", ws.AddColumnwise(p.Batch, p.Logits).AsColumnMajorArray(), ws.RowSums(p.Batch).AsArray());
        }
        finally
        {
            ws.Exit();
        }

        return results;
    }

    private static Vector<double> Round(Vector<double> v) => v.Map(e => (double)(float)e);

    private static Matrix<double> Round(Matrix<double> m) => m.Map(e => (double)(float)e);
}
