using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>In steady state, a backward-shaped sequence of workspace calls allocates nothing.</summary>
public sealed class AllocationTests
{
    private sealed class Inputs
    {
        private readonly TestData _data = new(77);

        public Inputs()
        {
            W = _data.Matrix(3, 5);
            B = _data.Matrix(5, 4);
            C = _data.Matrix(3, 4);
            X = _data.Vector(5);
            Z = _data.Vector(3);
            Positive = _data.Vector(3, 0.5, 2);
            Long = _data.Vector(300, -3, 3);
            LongDy = _data.Vector(300);
            Parts = new[] { _data.Vector(2), _data.Vector(3) };
            DW = _data.Matrix(3, 5);
            DB = _data.Matrix(5, 4);
            DWt = _data.Matrix(5, 3);
            DX = _data.Vector(5);
            DZ = _data.Vector(3);
            DLong = _data.Vector(300);
            Grads = new[] { 0.0, 0.0 };
            VectorGrads = new[] { _data.Vector(3), _data.Vector(5) };
        }

        public Matrix<double> W { get; }
        public Matrix<double> B { get; }
        public Matrix<double> C { get; }
        public Vector<double> X { get; }
        public Vector<double> Z { get; }
        public Vector<double> Positive { get; }
        public Vector<double> Long { get; }
        public Vector<double> LongDy { get; }
        public Vector<double>[] Parts { get; }
        public Matrix<double> DW { get; }
        public Matrix<double> DB { get; }
        public Matrix<double> DWt { get; }
        public Vector<double> DX { get; }
        public Vector<double> DZ { get; }
        public Vector<double> DLong { get; }
        public double[] Grads { get; }
        public Vector<double>[] VectorGrads { get; }
    }

    // Touches every kernel once, the way a generated backward method would, including a nested frame.
    private static double Sequence(Inputs p)
    {
        Workspace ws = Workspace.Enter();
        try
        {
            ws.CheckValue(p.W, "w");
            ws.CheckValue(p.X, "x");
            ws.CheckValue(p.Grads, "g");
            ws.CheckValue(p.VectorGrads, "vg");
            ws.CheckGradient(p.DW, p.W, "dw", "w");
            ws.CheckGradient(p.DX, p.X, "dx", "x");
            ws.CheckGradient(p.Grads, p.Grads, "dg", "g");
            ws.CheckGradient(p.VectorGrads, p.VectorGrads, "dvg", "vg");

            Vector<double> z = ws.Multiply(p.W, p.X);
            Vector<double> s = ws.Sigmoid(z);
            Vector<double> t = ws.Tanh(ws.Add(z, p.Z));
            Vector<double> r = ws.Relu(ws.Subtract(z, p.Z));
            Vector<double> l = ws.LeakyRelu(ws.Negate(z), 0.1);
            Vector<double> h = ws.HardTanh(ws.Scale(2.0, z));
            Vector<double> e = ws.PointwiseExp(ws.AddScalar(z, 1.0));
            Vector<double> g = ws.PointwiseLog(p.Positive);
            Vector<double> q = ws.PointwiseDivide(ws.PointwiseMultiply(s, t), p.Positive);
            Vector<double> u = ws.ScalarDivide(1.0, ws.ScalarMinus(3.0, ws.Divide(p.Positive, 2.0)));
            Vector<double> soft = ws.Softmax(p.Long);
            Vector<double> logSoft = ws.LogSoftmax(p.Long);
            Vector<double> pt = ws.PointwiseTanh(z);
            Vector<double> row = ws.Row(p.W, 1);
            Vector<double> col = ws.Column(p.W, 2);
            Vector<double> cat = ws.Concat(s, t);
            cat = ws.Concat(s, t, r);
            cat = ws.Concat(s, t, r, l);
            cat = ws.Concat(s, t, r, l, h);
            cat = ws.Concat(s, t, r, l, h, e);
            cat = ws.Concat(s, t, r, l, h, e, g);
            cat = ws.Concat(s, t, r, l, h, e, g, q);
            cat = ws.Concat(p.Parts);
            Matrix<double> m = ws.Add(p.W, p.W);
            m = ws.Subtract(m, p.W);
            m = ws.Negate(m);
            m = ws.Scale(0.5, m);
            Matrix<double> product = ws.Multiply(p.W, p.B);
            Matrix<double> wt = ws.Transpose(p.W);
            Matrix<double> outer = ws.Outer(p.Z, p.X);
            Vector<double> zeros = ws.ZerosLike(p.X);
            Matrix<double> zerosM = ws.ZerosLike(p.W);
            Vector<double> rented = ws.RentVector(4);
            Matrix<double> rentedM = ws.RentMatrix(2, 2);

            double total = ws.Dot(s, t) + ws.Dot(p.W, m) + ws.Sum(u) + ws.LogSumExp(p.Long)
                + ws.CrossEntropy(p.Long, 3) + ws.Sigmoid(0.3) + ws.Tanh(0.3) + ws.Relu(0.3)
                + ws.LeakyRelu(-0.3, 0.1) + ws.HardTanh(0.3) + ws.At(z, 1) + ws.At(p.W, 2, 4)
                + ws.LeakyReluSlopeGradient(p.Z, z) + pt[0] + row[0] + col[0] + cat[0] + product[0, 0]
                + wt[0, 0] + outer[0, 0] + zeros[0] + zerosM[0, 0] + rented.Count + rentedM.RowCount
                + soft[0] + logSoft[0];

            ws.Accumulate(p.DZ, s);
            ws.Accumulate(p.DW, outer);
            ws.AccumulateNegate(p.DZ, t);
            ws.AccumulateNegate(p.DW, outer);
            ws.AccumulateScale(p.DZ, 0.5, r);
            ws.AccumulateScale(p.DW, 0.5, outer);
            ws.AccumulateScalar(p.DZ, 0.1);
            ws.AccumulateOuter(p.DW, p.DZ, p.X);
            ws.AccumulateTransposeThisAndMultiply(p.DX, p.W, p.DZ);
            ws.AccumulateMultiply(p.DZ, p.W, p.DX);
            ws.AccumulateTransposeAndMultiply(p.DW, p.C, p.B);
            ws.AccumulateTransposeThisAndMultiply(p.DB, p.W, p.C);
            ws.AccumulateTranspose(p.DWt, p.W);
            ws.AccumulatePointwiseMultiply(p.DZ, s, t);
            ws.AccumulatePointwiseDivide(p.DZ, s, p.Positive);
            ws.AccumulateDivisorGradient(p.DZ, s, q, p.Positive);
            ws.AccumulateSigmoidGradient(p.DZ, t, s);
            ws.AccumulateTanhGradient(p.DZ, s, t);
            ws.AccumulateReluGradient(p.DZ, s, z);
            ws.AccumulateLeakyReluGradient(p.DZ, s, z, 0.1);
            ws.AccumulateHardTanhGradient(p.DZ, s, z);
            ws.AccumulateSoftmaxGradient(p.DLong, p.LongDy, soft);
            ws.AccumulateLogSoftmaxGradient(p.DLong, p.LongDy, logSoft);
            ws.AccumulateLogSumExpGradient(p.DLong, 0.5, p.Long, 3.0);
            ws.AccumulateCrossEntropyGradient(p.DLong, 0.5, p.Long, 7);
            ws.AccumulateSlice(p.DZ, cat, 1);
            ws.AccumulateIntoRow(p.DW, 1, p.X);
            ws.AccumulateIntoColumn(p.DW, 2, p.Z);
            ws.AccumulateAt(p.DZ, 0, 1.0);
            ws.AccumulateAt(p.DW, 0, 0, 1.0);
            ws.AccumulateElement(p.Grads, 1, 1.0);
            ws.AccumulateElement(p.VectorGrads, 0, s);
            // Aliased destinations take the rented-copy path, which must also settle into reuse.
            ws.AccumulateMultiply(p.DZ, ws.Multiply(p.W, wt), p.DZ);

            Workspace nested = Workspace.Enter();
            try
            {
                total += nested.Sum(nested.Add(p.X, p.DX));
            }
            finally
            {
                nested.Exit();
            }

            return total;
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void SteadyStateAllocatesNothing()
    {
        var inputs = new Inputs();
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            Sequence(inputs);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        double result = Sequence(inputs);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(double.IsNaN(result));
        Assert.Equal(0L, allocated);
    }

    [Fact]
    public void FirstCallDoesAllocateSoTheMeasurementIsMeaningful()
    {
        // Run on a fresh thread so no frame exists yet: proves the counter sees workspace allocations.
        long allocated = 0;
        var thread = new System.Threading.Thread(() =>
        {
            var inputs = new Inputs();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Sequence(inputs);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        thread.Start();
        thread.Join();
        Assert.True(allocated > 0);
    }
}
