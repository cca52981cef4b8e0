using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// Programs found by the random-program suite (tests/NlpSymbolic.Generator.Tests/RandomPrograms), as it printed
/// them after shrinking, kept as regression tests. Each records the seed that produced it.
/// </summary>
public static partial class RandomProgramRegressions
{
    [Differentiable]
    public static Vector<double> G0(double x, [Shape(3)] Vector<double> h, [Shape(3, 3)] Matrix<double> M) => (h + h);

    // Seed 2vidQanQ9Mob, inputs 40765: an early return inside a loop. The carried result is unassigned (length 0)
    // until an iteration returns, so the carried gradient changes shape from one reversed iteration to the next;
    // the two gradient buffers that trade places each iteration assumed one shape ("Accumulate: the destination has
    // length 0 but the source has length 3"). The buffer is now replaced when the shape differs. Issue 12.
    [Differentiable]
    public static (Vector<double>, Matrix<double>, double) ReturnInsideLoopChangesTheCarriedShape(
        [Range(-1, 1)] double a, [Shape(3)] Vector<double> u, [Shape(3, 3)] Matrix<double> W)
    {
        if (a > 3.0) return (Tanh(u).PointwiseExp(), W, a);
        var k0 = 0;
        while (k0 < 3)
        {
            k0++;
            if (k0 > 1) return (Tanh(u), W, a);
        }

        return (u, W, a);
    }

    // Seed aoZ87Of_9kdb, inputs 158: a while loop in a then-branch, with a branch inside it, a call and a
    // vector carried through both; the loop phis' adjoints were merged into the branch's merged adjoint and
    // reset every reverse iteration (gradient of u[0]: 1.918 instead of 2.577). Issue 11.
    [Differentiable]
    public static double WhileInThenWithBranchAndCall(
        double a, double b, [Shape(3)] Vector<double> u, [Shape(3)] Vector<double> v, [Shape(3, 3)] Matrix<double> W,
        [Shape(3, 3)] Matrix<double> K, [Shape(3, 5)] Matrix<double> L, [Shape(3, 3)] Vector<double>[] vs, [Value(1)] bool flag)
    {
        double s0;
        if (flag)
        {
            var k1 = 0;
            while (k1 < vs.Length)
            {
                k1++;
                if (((flag || flag) || k1 > 2))
                {
                    var p2 = v;
                    a = Math.Pow(1.5 + Math.Sin((a / (1.5 + a * a))), ((W.Transpose() * G0(a, u, W)) * Softmax(Softmax(u))));
                    b += Math.Tanh(p2.Sum());
                    u += Tanh(p2);
                }
                else
                {
                    v += (L.Column(k1 % 5) + (u - u));
                    var s5 = (flag ? (vs[0] * (flag ? u : u).PointwiseDivide(Sigmoid(u) + 0.5)) : ((b * (a * a)) * SquaredNorm(W)));
                    a -= a;
                    K += W;
                    a += Math.Tanh(s5);
                }
            }

            s0 = Tanh((K * (W * u))).PointwiseExp().DotProduct(u);
        }
        else
        {
            s0 = a;
        }

        return (HardTanh((Relu(a) / (1.5 + a * a))) + a) + s0;
    }
}
