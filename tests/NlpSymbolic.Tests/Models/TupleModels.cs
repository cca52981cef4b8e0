using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// Methods with several outputs: each returns a tuple, and <c>NameBackward</c>'s dResult is a tuple of seeds (a
/// null vector or 0 scalar seed: no gradient from that output). Shapes differ (W 4×3, x 3, h 4) so a transposed
/// gradient cannot pass.
/// </summary>
public static partial class TupleModels
{
    /// <summary>A scalar and a vector output: h = tanh(W x + h₀), loss = Σh · h₀[0].</summary>
    [Differentiable]
    public static (double loss, Vector<double> h) ScalarAndVector([Shape(4, 3)] Matrix<double> W, [Shape(3)] Vector<double> x, [Shape(4)] Vector<double> h0)
    {
        var h = Tanh(W * x + h0);
        return (h.Sum() * h0[0], h);
    }

    /// <summary>Two vector outputs, unnamed, sharing an input: (tanh(a) + b, a ∘ b).</summary>
    [Differentiable]
    public static (Vector<double>, Vector<double>) TwoVectors(Vector<double> a, Vector<double> b) => (Tanh(a) + b, a.PointwiseMultiply(b));

    /// <summary>A matrix, a scalar and a parameter returned as it is (its seed goes straight into its gradient).</summary>
    [Differentiable]
    public static (Matrix<double> outer, double norm, Vector<double> same) ThreeOutputs([Shape(4)] Vector<double> u, [Shape(3)] Vector<double> v)
    {
        var outer = u.OuterProduct(v);
        return (outer, outer.FrobeniusNorm(), u);
    }

    /// <summary>The same value in two components, and a component computed from the other.</summary>
    [Differentiable]
    public static (Vector<double> a, Vector<double> b, double c) Repeated(Vector<double> x)
    {
        var y = Sigmoid(x);
        return (y, y, y * y);
    }

    /// <summary>An early return of a tuple (each path assigns both components).</summary>
    [Differentiable]
    public static (double, Vector<double>) EarlyReturn(Vector<double> x, double s)
    {
        if (x[0] > 0)
        {
            return (s * x.Sum(), x * s);
        }

        var y = Tanh(x * s);
        return (y.Sum(), y);
    }

    /// <summary>An early return from inside a loop: the first step whose state sum exceeds a bound.</summary>
    [Differentiable]
    public static (double steps, Vector<double> h) ReturnFromLoop([Shape(4, 4)] Matrix<double> W, [Shape(4)] Vector<double> h0, [Value(6)] int n)
    {
        var h = h0;
        var total = 0.0;
        for (var t = 0; t < n; t++)
        {
            h = Tanh(W * h + h0);
            total += h[1];
            if (h.Sum() > 0.5)
            {
                return (total, h);
            }
        }

        return (total * 2, h);
    }

    /// <summary>
    /// Calls <see cref="ScalarAndVector"/> in a loop and deconstructs it, carrying h from step to step
    /// (truncated BPTT's shape: a loss and a state per step).
    /// </summary>
    [Differentiable]
    public static double Unrolled([Shape(4, 3)] Matrix<double> W, [Shape(3, 3)] Vector<double>[] xs, [Shape(4)] Vector<double> h0)
    {
        var h = h0;
        var total = 0.0;
        for (var t = 0; t < xs.Length; t++)
        {
            var (loss, next) = ScalarAndVector(W, xs[t], h);
            total += loss;
            h = next;
        }

        return total + h[2];
    }

    /// <summary>Deconstruction into existing locals, in a branch and in a loop; a discard; a swap.</summary>
    [Differentiable]
    public static (Vector<double> a, Vector<double> b) Deconstructions(Vector<double> a0, Vector<double> b0, [Value(3)] int n)
    {
        var a = a0;
        var b = b0;
        for (var i = 0; i < n; i++)
        {
            if (a[0] > b[0])
            {
                (a, b) = TwoVectors(a, b);
            }
            else
            {
                (a, b) = (b, a);
            }

            var (c, _) = TwoVectors(b, a);
            a = a + 0.5 * c;
        }

        return (a, b);
    }

    /// <summary>A tuple kept in a local and read by component, by name and by ItemN; a component reassigned.</summary>
    [Differentiable]
    public static double TupleLocal([Shape(4, 3)] Matrix<double> W, [Shape(3)] Vector<double> x, [Shape(4)] Vector<double> h0)
    {
        var r = ScalarAndVector(W, x, h0);
        var s = ScalarAndVector(W, x, r.h);
        r.loss = r.loss * s.Item1;
        return r.loss + s.h.Sum() + ScalarAndVector(W, x, s.Item2).loss;
    }

    /// <summary>Only one output of a callee is used: the other's seed is null (vector) or 0 (scalar).</summary>
    [Differentiable]
    public static double OneOutputUsed([Shape(4, 3)] Matrix<double> W, [Shape(3)] Vector<double> x, [Shape(4)] Vector<double> h0)
    {
        var (_, h) = ScalarAndVector(W, x, h0);
        var (loss, _) = ScalarAndVector(W, x, h);
        return loss;
    }

    /// <summary>Returns a callee's tuple as it is, through a tuple with other names.</summary>
    [Differentiable]
    public static (double first, Vector<double> second) PassThrough([Shape(4, 3)] Matrix<double> W, [Shape(3)] Vector<double> x, [Shape(4)] Vector<double> h0) =>
        ScalarAndVector(W, x, h0 * 2);

    /// <summary>A tuple literal with an int component converted to double, and a tuple local without initializer.</summary>
    [Differentiable]
    public static (double, Vector<double>) Conversions(Vector<double> x, [Value(2)] int k)
    {
        (double scale, Vector<double> v) r;
        if (k > 1)
        {
            r = (k, x);
        }
        else
        {
            r = (1, Tanh(x));
        }

        return (r.scale * x.Sum(), r.v * r.scale);
    }

    /// <summary>A tuple local, one component reassigned, returned as it is.</summary>
    [Differentiable]
    public static (Vector<double>, Vector<double>) ReturnLocal(Vector<double> a, Vector<double> b)
    {
        var r = TwoVectors(a, b);
        r.Item1 = r.Item1 * r.Item2[0];
        return r;
    }
}
