using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// Counted loops, <c>for (var i = s; i &lt; n; i++)</c> over a bound the loop does not change: their reverse counts
/// the counter back down instead of taping it and the number of iterations. Beside them, the near misses that must
/// stay ordinary loops (a bound or counter the body changes, a counter read after the loop or stepped mid-body).
/// Each method is checked against central differences.
/// </summary>
public static partial class CountedLoopModels
{
    /// <summary>
    /// A linear-chain CRF's log partition function by the forward algorithm: for each position and tag, the
    /// log-sum-exp over the previous tag (shifted by its maximum), three counted loops deep.
    /// </summary>
    [Differentiable]
    public static double CrfLogPartition([Shape(3, 4)] Matrix<double> emissions, [Shape(3, 3)] Matrix<double> transitions)
    {
        var tags = emissions.RowCount;
        var length = emissions.ColumnCount;
        var alpha = new double[length * tags];
        for (var j = 0; j < tags; j++)
        {
            alpha[j] = emissions[j, 0];
        }

        for (var t = 1; t < length; t++)
        {
            for (var j = 0; j < tags; j++)
            {
                var top = alpha[(t - 1) * tags] + transitions[0, j];
                for (var i = 1; i < tags; i++)
                {
                    top = Math.Max(top, alpha[(t - 1) * tags + i] + transitions[i, j]);
                }

                var sum = 0.0;
                for (var i = 0; i < tags; i++)
                {
                    sum += Math.Exp(alpha[(t - 1) * tags + i] + transitions[i, j] - top);
                }

                alpha[t * tags + j] = top + Math.Log(sum) + emissions[j, t];
            }
        }

        var end = (length - 1) * tags;
        var last = alpha[end];
        for (var j = 1; j < tags; j++)
        {
            last = Math.Max(last, alpha[end + j]);
        }

        var total = 0.0;
        for (var j = 0; j < tags; j++)
        {
            total += Math.Exp(alpha[end + j] - last);
        }

        return last + Math.Log(total);
    }

    /// <summary>A triangular nest: the inner bound is computed in the outer body, so it is taped once per outer iteration.</summary>
    [Differentiable]
    public static double Triangular([Shape(5)] Vector<double> x, double w, [Value(5)] int n)
    {
        var s = 0.0;
        for (var i = 0; i < n; i++)
        {
            var m = i + 1;
            for (var j = 0; j < m; j++)
            {
                s += Math.Tanh(w * x[i] + x[j]) * x[j];
            }
        }

        return s;
    }

    /// <summary>A start other than zero, a bound written as an expression, and a counted loop inside a branch inside one.</summary>
    [Differentiable]
    public static double OffsetsAndBranches([Shape(6)] Vector<double> x, double w, [Value(2)] int start)
    {
        var h = w;
        for (var t = start; t < x.Count - 2; t++)
        {
            if (x[t] > 0)
            {
                for (var k = t; k < t + 2; k++)
                {
                    h = Math.Sin(h * x[k + 1]) + x[k];
                }
            }
            else
            {
                h = h * x[t];
            }
        }

        return h * w;
    }

    /// <summary>A counted loop that runs no iteration (its bound is below its start), then one that does.</summary>
    [Differentiable]
    public static double EmptyThenFull(double x, [Value(1)] int n)
    {
        var h = x;
        for (var t = 3; t < n; t++)
        {
            h = h * h + x;
        }

        for (var t = 0; t < n + 2; t++)
        {
            h = Math.Tanh(h * x);
        }

        return h;
    }

    /// <summary>The counter stepped as a while loop's last statement: counted too, since nothing reads it after the loop.</summary>
    [Differentiable]
    public static double WhileStepsAtTheEnd([Shape(4)] Vector<double> x, double w)
    {
        var h = w;
        var i = 0;
        while (i < x.Count)
        {
            h = h * x[i] + w;
            i++;
        }

        return h;
    }

    /// <summary>Not counted: the counter is read after the loop.</summary>
    [Differentiable]
    public static double CounterReadAfter([Shape(4)] Vector<double> x, double w, [Value(3)] int n)
    {
        var h = w;
        var i = 0;
        while (i < n)
        {
            h = Math.Sin(h + x[i]);
            i++;
        }

        return h * x[i];
    }

    /// <summary>Not counted: the counter is stepped mid-body and the stepped value read.</summary>
    [Differentiable]
    public static double SteppedMidBody([Shape(5)] Vector<double> x, double w)
    {
        var h = w;
        var i = 0;
        while (i < 4)
        {
            i++;
            h = h * x[i] + x[i - 1];
        }

        return h;
    }

    /// <summary>Not counted: the bound changes inside the loop.</summary>
    [Differentiable]
    public static double BoundChanges([Shape(6)] Vector<double> x, double w, [Value(6)] int n)
    {
        var h = w;
        var m = n;
        for (var i = 0; i < m; i++)
        {
            h = Math.Tanh(h + x[i]);
            m = m - 1;
        }

        return h;
    }

    /// <summary>Not counted: the counter jumps inside the body.</summary>
    [Differentiable]
    public static double CounterJumps([Shape(6)] Vector<double> x, double w)
    {
        var h = w;
        for (var i = 0; i < x.Count; i++)
        {
            h = h * x[i];
            if (h > 0.5)
            {
                i++;
            }
        }

        return h;
    }
}
