using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// Loops nested in branches and after jumps: the shapes that once got silently zero gradients (issue 11),
/// because a loop phi's adjoint, reset every reverse iteration, had been merged by copy propagation into the
/// branch's merged adjoint. Each method is checked against central differences.
/// </summary>
public static partial class LoopInBranchModels
{
    // The first reproduction: DBackward(0.7, 0.4, true, …) gave dw = dx = 0.
    [Differentiable]
    public static double LoopInThen(double w, double x, [Value(1)] bool flag)
    {
        var h = x;
        if (flag)
        {
            for (var k = 0; k < 2; k++)
            {
                h = Math.Tanh(w * h);
            }
        }

        return h;
    }

    [Differentiable]
    public static double LoopInThenNotTaken(double w, double x) => LoopInThen(w, x, false) + w * x;

    [Differentiable]
    public static double LoopInElse(double w, double x, [Value(0)] bool flag)
    {
        var h = x;
        if (flag)
        {
            h = h * w;
        }
        else
        {
            for (var k = 0; k < 3; k++)
            {
                h = Math.Sin(w * h) + x;
            }
        }

        return h * h;
    }

    [Differentiable]
    public static double LoopInElseIf(double w, double x, [Value(2)] int mode)
    {
        var h = x;
        var s = 0.0;
        if (mode == 0)
        {
            h = w;
        }
        else if (mode == 2)
        {
            var k = 0;
            while (k < 3)
            {
                h = Math.Tanh(w * h + x);
                s += h * w;
                k++;
            }
        }
        else
        {
            s = x;
        }

        return h + s;
    }

    // The second reproduction: every gradient was 0.
    [Differentiable]
    public static double RnnLossWithGuard([Shape(4, 6)] Matrix<double> L, [Shape(4, 4)] Matrix<double> H, [Shape(6, 4)] Matrix<double> U, [Shape(4)] Vector<double> h0, [Value(0, 3, 5, 1, 2)] int[] tokens)
    {
        if (tokens.Length < 2)
        {
            return 0.0;
        }

        var h = h0;
        var J = 0.0;
        for (var t = 0; t < tokens.Length - 1; t++)
        {
            h = Tanh(H * h + L.Column(tokens[t]));
            J += CrossEntropy(U * h, tokens[t + 1]);
        }

        return J;
    }

    [Differentiable]
    public static double InnerLoopAfterContinue([Shape(5)] double[] w, double x)
    {
        var s = 0.0;
        var h = x;
        for (var i = 0; i < w.Length; i++)
        {
            if (i == 1)
            {
                continue;
            }

            for (var j = 0; j < 2; j++)
            {
                h = Math.Tanh(w[i] * h + 0.1 * j);
            }

            s += h * w[i];
        }

        return s;
    }

    [Differentiable]
    public static double InnerLoopAfterBreak([Shape(5)] double[] w, double x)
    {
        var s = x;
        for (var i = 0; i < w.Length; i++)
        {
            if (i == 3)
            {
                break;
            }

            var p = s;
            for (var j = 0; j < 2; j++)
            {
                p = p * w[i] + x;
            }

            s = Math.Sin(p);
        }

        return s;
    }

    [Differentiable]
    public static double DoWhileInBranch(double w, double x, [Value(1)] bool flag)
    {
        var h = x;
        var k = 0;
        if (flag)
        {
            do
            {
                h = h * Math.Cos(w) + x * w;
                k++;
            }
            while (k < 3);
        }

        return h * x;
    }

    [Differentiable]
    public static double CallInLoopInBranch([Shape(4, 4)] Matrix<double> W, [Shape(4)] Vector<double> h0, [Value(1)] bool flag)
    {
        var h = h0;
        if (flag)
        {
            for (var t = 0; t < 3; t++)
            {
                h = ControlFlowModels.Step(W, h, h0);
            }
        }

        return h.Sum();
    }

    [Differentiable]
    public static Vector<double> VectorResultFromLoopInBranch([Shape(4, 4)] Matrix<double> W, [Shape(4)] Vector<double> x, [Value(1)] bool flag)
    {
        var h = x;
        if (flag)
        {
            for (var t = 0; t < 3; t++)
            {
                h = Tanh(W * h);
            }
        }
        else
        {
            h = Sigmoid(W * x);
        }

        return h;
    }

    [Differentiable]
    public static Vector<double> VectorResultFromLoopInElse([Shape(4, 4)] Matrix<double> W, [Shape(4)] Vector<double> x) =>
        VectorResultFromLoopInBranch(W, x, false) + x;

    [Differentiable]
    public static double ScalarAndVectorCarriedInBranch([Shape(3, 3)] Matrix<double> W, [Shape(3)] Vector<double> x, double a, [Value(1)] bool flag)
    {
        var h = x;
        var s = a;
        if (flag)
        {
            for (var t = 0; t < 4; t++)
            {
                h = Tanh(W * h) * s;
                s = s * 0.5 + h.Sum();
            }
        }

        return s + h.Sum();
    }

    [Differentiable]
    public static double NestedLoopsInBranchesInLoop([Shape(4)] double[] w, double x)
    {
        var s = x;
        for (var i = 0; i < w.Length; i++)
        {
            if (i % 2 == 0)
            {
                for (var j = 0; j < 2; j++)
                {
                    if (j == 1)
                    {
                        for (var k = 0; k < 2; k++)
                        {
                            s = Math.Tanh(s * w[i] + 0.2);
                        }
                    }
                    else
                    {
                        s = s + w[i] * x;
                    }
                }
            }
            else
            {
                s = s * w[i];
            }
        }

        return s;
    }
}
