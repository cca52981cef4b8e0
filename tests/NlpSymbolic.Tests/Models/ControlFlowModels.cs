using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>Loops, branches, jumps and calls, one [Differentiable] method per shape of control flow.</summary>
public static partial class ControlFlowModels
{
    [Differentiable]
    public static double ForLoop([Shape(5)] double[] w, double x, [Value(5)] int n)
    {
        var s = 0.0;
        for (var i = 0; i < n; i++)
        {
            s += w[i] * x * x;
        }

        return s;
    }

    [Differentiable]
    public static double LoopCarriedScalar(double x, [Value(6)] int n)
    {
        var h = x;
        for (var i = 0; i < n; i++)
        {
            h = Math.Tanh(1.3 * h + 0.1 * i);
        }

        return h * x;
    }

    [Differentiable]
    public static double NestedLoops([Shape(3, 4)] Matrix<double> A, [Shape(4)] Vector<double> v)
    {
        var s = 0.0;
        for (var i = 0; i < A.RowCount; i++)
        {
            var row = 0.0;
            for (var j = 0; j < A.ColumnCount; j++)
            {
                row += A[i, j] * v[j];
            }

            s += row * row;
        }

        return s;
    }

    [Differentiable]
    public static double ZeroTripLoop(double x, [Value(0)] int n)
    {
        var h = x * 2;
        for (var i = 0; i < n; i++)
        {
            h = h * h;
        }

        return h + x;
    }

    [Differentiable]
    public static double WhileLoop([Shape(4)] Vector<double> v, double a)
    {
        var i = 0;
        var s = a;
        while (i < v.Count)
        {
            s = s * v[i] + a;
            i++;
        }

        return s;
    }

    [Differentiable]
    public static double DoWhileLoop(double x, [Value(3)] int n)
    {
        var i = 0;
        var s = x;
        do
        {
            s = Math.Sin(s) + x;
            i++;
        }
        while (i < n);
        return s;
    }

    [Differentiable]
    public static double WhileOnDifferentiableValue([Range(0.5, 1)] double x)
    {
        var s = x;
        while (s < 10)
        {
            s = s * 1.7 + x;
        }

        return s;
    }

    [Differentiable]
    public static double BreakOut([Shape(6)] double[] w, double x)
    {
        var s = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            if (i == 4)
            {
                break;
            }

            s += w[i] * x;
        }

        return s * s;
    }

    [Differentiable]
    public static double ContinueOver([Shape(6)] double[] w, double x)
    {
        var s = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            if (i % 2 == 1)
            {
                continue;
            }

            s += w[i] * x;
        }

        return s * x;
    }

    [Differentiable]
    public static double BranchInLoop([Shape(6)] double[] w, double x)
    {
        var s = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            var z = w[i] * x;
            if (z > 0)
            {
                s += z * z;
            }
            else if (z > -0.3)
            {
                s += 3 * z;
            }
            else
            {
                s -= z;
            }
        }

        return s;
    }

    [Differentiable]
    public static double EarlyReturn(double x, double y)
    {
        var z = x * y;
        if (z > 0)
        {
            return z * z;
        }

        var w = Math.Exp(z);
        return w + x;
    }

    [Differentiable]
    public static double EarlyReturnNegative(double x, double y) => EarlyReturn(-Math.Abs(x) - 0.1, Math.Abs(y) + 0.1) + x;

    [Differentiable]
    public static double EarlyReturnInLoop([Shape(5)] double[] w, double x)
    {
        var s = x;
        for (var i = 0; i < w.Length; i++)
        {
            s = s * w[i] + x;
            if (i == 2)
            {
                return s * 3;
            }
        }

        return s;
    }

    [Differentiable]
    public static Vector<double> RecurrenceOverVectors([Shape(4, 4)] Matrix<double> W, [Shape(4, 3)] Matrix<double> U, [Shape(5, 3)] Vector<double>[] xs, [Shape(4)] Vector<double> h0)
    {
        var h = h0;
        for (var t = 0; t < xs.Length; t++)
        {
            h = Tanh(W * h + U * xs[t]);
        }

        return h;
    }

    [Differentiable]
    public static double Cell([Shape(4, 4)] Matrix<double> W, [Shape(4)] Vector<double> h, double scale) => scale * (h * Tanh(W * h));

    [Differentiable]
    public static double CallUsedTwice([Shape(4, 4)] Matrix<double> W, [Shape(4)] Vector<double> h, double scale)
    {
        var a = Cell(W, h, scale);
        var b = Cell(W, h, scale);
        return a * b;
    }

    [Differentiable]
    public static double CallResultUnused([Shape(4, 4)] Matrix<double> W, [Shape(4)] Vector<double> h, double scale)
    {
        Cell(W, h, scale);
        var unused = Cell(W, h, 2.0);
        return h.Sum() * scale;
    }

    [Differentiable]
    public static Vector<double> Step([Shape(4, 4)] Matrix<double> W, [Shape(4)] Vector<double> h, [Shape(4)] Vector<double> x) => Tanh(W * h + x);

    [Differentiable]
    public static double CallInLoop([Shape(4, 4)] Matrix<double> W, [Shape(6, 4)] Vector<double>[] xs, [Shape(4)] Vector<double> h0)
    {
        var h = h0;
        for (var t = 0; t < xs.Length; t++)
        {
            h = Step(W, h, xs[t]);
        }

        return h * h;
    }

    [Differentiable]
    public static double CallWithConstantArgument([Shape(4, 4)] Matrix<double> W, [Shape(4)] Vector<double> h) => Cell(W, h, 0.5) + OtherModels.Scaled(h.Sum(), 3);
}

/// <summary>A [Differentiable] method in another partial type, called from <see cref="ControlFlowModels"/>.</summary>
public static partial class OtherModels
{
    [Differentiable]
    public static double Scaled(double x, [NoDerivative] double factor) => factor * x * x;
}
