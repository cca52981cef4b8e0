using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// One [Differentiable] method per form of a value built in the method: zeros and constants of a given size,
/// one-hot vectors, arrays written element by element (also twice, in loops and branches, read before and
/// after), stacking into a matrix, SubVector, Concat over an array, row vector × matrix, Maximum/Minimum.
/// </summary>
public static partial class BuiltValueOperations
{
    [Differentiable]
    public static Vector<double> SumFromZeros([Shape(3, 4)] Vector<double>[] xs)
    {
        var sum = Vector<double>.Build.Dense(4);
        for (var i = 0; i < xs.Length; i++)
        {
            sum += xs[i];
        }

        return sum;
    }

    [Differentiable]
    public static Matrix<double> MatrixSumFromZeros([Shape(2, 3)] Matrix<double> A, [Shape(2, 3)] Matrix<double> B)
    {
        var total = Matrix<double>.Build.Dense(A.RowCount, A.ColumnCount);
        total += A;
        total += 2.0 * B;
        return total;
    }

    [Differentiable]
    public static Vector<double> ConstantVector(Vector<double> v, double a) => v.PointwiseMultiply(Vector<double>.Build.Dense(v.Count, a * a)) + Vector<double>.Build.Dense(4, 0.5);

    [Differentiable]
    public static double ConstantMatrix([Shape(3, 2)] Matrix<double> W, double a, [Shape(2)] Vector<double> x) =>
        (Matrix<double>.Build.Dense(3, 2, Math.Sin(a)).PointwiseMultiply(W) * x).Sum() + Matrix<double>.Build.Dense(2, 2, 1.5).FrobeniusNorm();

    [Differentiable]
    public static double OneHotTarget([Shape(5)] Vector<double> logits, [Value(3)] int label) =>
        -(OneHot(logits.Count, label) * LogSoftmax(logits));

    [Differentiable]
    public static Vector<double> OneHotSelectsAColumn([Shape(3, 5)] Matrix<double> W, [Value(2)] int k) => Tanh(W * OneHot(5, k));

    [Differentiable]
    public static Vector<double> SubVectorParts([Shape(6)] Vector<double> v) =>
        Sigmoid(v.SubVector(0, 3)).PointwiseMultiply(Tanh(v.SubVector(3, 3))) + v.SubVector(1, 3);

    [Differentiable]
    public static Vector<double> RowVectorTimesMatrix([Shape(3)] Vector<double> v, [Shape(3, 4)] Matrix<double> M) => v * M;

    [Differentiable]
    public static Vector<double> LeftMultiply([Shape(3, 4)] Matrix<double> M, [Shape(3)] Vector<double> v) => M.LeftMultiply(v);

    [Differentiable]
    public static double Maximum([Shape(6)] Vector<double> v, double a) => (a * v).Maximum() + v.Minimum() * a;

    [Differentiable]
    public static double MaximumIndexIsAConstant([Shape(6)] Vector<double> v) => v[v.MaximumIndex()] - v[v.MinimumIndex()];

    [Differentiable]
    public static Vector<double> MaxOverTimePooling([Shape(4, 3)] Vector<double>[] xs, [Shape(5, 3)] Matrix<double> W)
    {
        var H = Matrix<double>.Build.DenseOfColumnVectors(xs);
        var pooled = Vector<double>.Build.Dense(5);
        var scores = W * H;
        for (var i = 0; i < scores.RowCount; i++)
        {
            pooled += scores.Row(i).Maximum() * OneHot(5, i);
        }

        return pooled;
    }

    [Differentiable]
    public static Vector<double> ConcatOfArray([Shape(3, 2)] Vector<double>[] xs, double a) => Tanh(a * Concat(xs));

    [Differentiable]
    public static Vector<double> ConcatOfBuiltArray([Shape(2)] Vector<double> a, [Shape(3)] Vector<double> b)
    {
        var parts = new Vector<double>[3];
        parts[0] = a;
        parts[1] = Tanh(b);
        parts[2] = a * 2.0;
        return Concat(parts);
    }

    [Differentiable]
    public static Vector<double> ConcatOfNewArray([Shape(2)] Vector<double> a, [Shape(3)] Vector<double> b) => Concat(new[] { a, Sigmoid(b) });

    [Differentiable]
    public static Matrix<double> ColumnsOfSeparateVectors([Shape(3)] Vector<double> a, [Shape(3)] Vector<double> b, double s) =>
        Matrix<double>.Build.DenseOfColumnVectors(a, s * b, Tanh(a));

    [Differentiable]
    public static Matrix<double> RowsOfSeparateVectors([Shape(3)] Vector<double> a, [Shape(3)] Vector<double> b) =>
        Matrix<double>.Build.DenseOfRowVectors(a.PointwiseMultiply(b), b);

    [Differentiable]
    public static Matrix<double> RowsOfAnArray([Shape(2, 3)] Vector<double>[] xs, [Shape(3, 3)] Matrix<double> W) =>
        Matrix<double>.Build.DenseOfRowVectors(xs) * W;

    /// <summary>States of an RNN stacked as the columns of a matrix; a column taken back out.</summary>
    [Differentiable]
    public static double StackedStates([Shape(3, 3)] Matrix<double> H, [Shape(3)] Vector<double> h0, [Value(4)] int T)
    {
        var hs = new Vector<double>[T];
        var h = h0;
        for (var t = 0; t < T; t++)
        {
            h = Tanh(H * h);
            hs[t] = h;
        }

        var S = Matrix<double>.Build.DenseOfColumnVectors(hs);
        return S.Column(1) * S.Column(T - 1) + S.FrobeniusNorm();
    }

    /// <summary>An element written twice: the first value gets only what was read before the second write.</summary>
    [Differentiable]
    public static double ElementWrittenTwice([Shape(3)] Vector<double> a, [Shape(3)] Vector<double> b, [Shape(3)] Vector<double> c)
    {
        var xs = new Vector<double>[2];
        xs[0] = a;
        xs[1] = c;
        var before = xs[0] * xs[1];
        xs[0] = Tanh(b);
        var after = xs[0] * xs[0];
        return before + after + Concat(xs).Sum();
    }

    /// <summary>Overwritten by a constant: nothing of the later reads may reach the first value.</summary>
    [Differentiable]
    public static double OverwrittenByAConstant([Shape(3)] Vector<double> a)
    {
        var xs = new Vector<double>[1];
        xs[0] = a;
        var first = xs[0].Sum();
        xs[0] = Vector<double>.Build.Dense(3, 2.0);
        return first * xs[0].Sum() + SquaredNorm(xs[0]) * first;
    }

    /// <summary>Writes in a branch and in a loop, with compound assignment to an element.</summary>
    [Differentiable]
    public static double WritesInBranchesAndLoops([Shape(4, 3)] Vector<double>[] vs, [Shape(3, 3)] Matrix<double> W, [Value(1)] bool flag)
    {
        var hs = new Vector<double>[vs.Length];
        for (var t = 0; t < vs.Length; t++)
        {
            if (t % 2 == 0 || flag)
            {
                hs[t] = Tanh(W * vs[t]);
            }
            else
            {
                hs[t] = vs[t] * 0.5;
            }
        }

        for (var t = 1; t < hs.Length; t++)
        {
            hs[t] += hs[t - 1];
        }

        return hs[hs.Length - 1].Sum() + hs[1] * hs[2];
    }

    /// <summary><c>new double[n]</c> written per index and read later, with ++ and += on elements.</summary>
    [Differentiable]
    public static double ScalarArrayBuilt([Shape(5)] Vector<double> v, double a)
    {
        var scores = new double[v.Count];
        for (var i = 0; i < v.Count; i++)
        {
            scores[i] = v[i] * a;
            scores[i] += Math.Sin(v[i]);
        }

        scores[2]++;
        scores[0] = scores[0] * scores[4];
        var total = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            total += scores[i] * scores[i];
        }

        return total;
    }

    /// <summary>A built array whose elements come from an initializer, passed to another [Differentiable] method.</summary>
    [Differentiable]
    public static double BuiltArrayPassedToACall([Shape(3)] Vector<double> a, [Shape(3)] Vector<double> b)
    {
        var xs = new[] { a, Tanh(b), a + b };
        return SumOfDots(xs) + xs[1].Sum();
    }

    [Differentiable]
    public static double SumOfDots([Shape(3, 3)] Vector<double>[] xs)
    {
        var s = 0.0;
        for (var i = 1; i < xs.Length; i++)
        {
            s += xs[i] * xs[i - 1];
        }

        return s;
    }
}
