using System;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>One [Differentiable] method per scalar operation of the vocabulary.</summary>
public static partial class ScalarOperations
{
    [Differentiable] public static double Add(double a, double b) => a + b;
    [Differentiable] public static double Subtract(double a, double b) => a - b;
    [Differentiable] public static double Multiply(double a, double b) => a * b;
    [Differentiable] public static double Divide(double a, [Range(0.5, 2)] double b) => a / b;
    [Differentiable] public static double Negate(double a) => -a;
    [Differentiable] public static double Literals(double a) => 2 * a - 0.5 / (1 + a * a) + -3.25;
    [Differentiable] public static double Exp(double a) => Math.Exp(a);
    [Differentiable] public static double Log([Range(0.5, 3)] double a) => Math.Log(a);
    [Differentiable] public static double Sqrt([Range(0.5, 3)] double a) => Math.Sqrt(a);
    [Differentiable] public static double PowConstant([Range(0.5, 3)] double a) => Math.Pow(a, 3.5);
    [Differentiable] public static double PowBoth([Range(0.5, 3)] double a, double b) => Math.Pow(a, b);
    [Differentiable] public static double MathTanh(double a) => Math.Tanh(a);
    [Differentiable] public static double Sin(double a) => Math.Sin(a);
    [Differentiable] public static double Cos(double a) => Math.Cos(a);
    [Differentiable] public static double Abs(double a, double b) => Math.Abs(a - 2 * b);
    [Differentiable] public static double Max(double a, double b) => Math.Max(a, 3 * b);
    [Differentiable] public static double Min(double a, double b) => Math.Min(a, 3 * b);
    [Differentiable] public static double Sigmoid(double a) => Functions.Sigmoid(3 * a);
    [Differentiable] public static double FunctionsTanh(double a) => Tanh(a);
    [Differentiable] public static double LogSigmoid([Range(-3, 3)] double a) => Functions.LogSigmoid(2 * a);
    [Differentiable] public static double Relu(double a, double b) => Functions.Relu(a) + Functions.Relu(-b);
    [Differentiable] public static double LeakyRelu(double a, double b) => Functions.LeakyRelu(a) + Functions.LeakyRelu(-b, 0.2);
    [Differentiable] public static double LeakyReluSlope(double a, [Range(0.01, 0.5)] double slope) => Functions.LeakyRelu(-a * a - 0.1, slope);
    [Differentiable] public static double HardTanh([Range(-2, 2)] double a) => Functions.HardTanh(a * 0.9);
    [Differentiable] public static double Softplus([Range(-4, 4)] double a, double b) => Functions.Softplus(2 * a) * b;

    [Differentiable]
    public static double Conditional(double a, double b) => a > b ? a * a : 3 * b;

    [Differentiable]
    public static double ConditionalHinge(double s, double sc) => 1 - s + sc > 0 ? 1 - s + sc : 0;

    [Differentiable]
    public static double ConditionalOnBool(double a, bool flag) => flag && a < 10 ? a * 2 : a;

    [Differentiable]
    public static double CompoundAssignments(double a, double b)
    {
        var s = a;
        s += b;
        s *= a;
        s -= 0.5 * b;
        s /= 1 + b * b;
        return s;
    }

    [Differentiable]
    public static double Reassignment(double x)
    {
        var h = x;
        h = Math.Tanh(h * 2);
        h = Math.Tanh(h * 2);
        h = h * h + x;
        return h;
    }

    [Differentiable]
    public static double IncrementAndDecrement(double x)
    {
        var y = x * x;
        y++;
        y++;
        y--;
        return y * x;
    }

    [Differentiable]
    public static double DeclaredThenAssigned(double x)
    {
        double y;
        y = x * x;
        return y;
    }

    [Differentiable]
    public static double ParameterReassigned(double x)
    {
        x = x * 3;
        return x * x;
    }

    [Differentiable]
    public static double IntConversion(double x, [Value(3)] int n) => x * n + n / 2;

    [Differentiable]
    public static double ReturnParameter(double x, double unused) => x;

    [Differentiable]
    public static double ReturnConstant(double x) => 4.0;

    [Differentiable]
    public static double NoDerivativeParameter(double x, [NoDerivative] double scale) => scale * x * x;

    [Differentiable]
    public static double DeadCode(double x, double y)
    {
        var unused = Math.Exp(y) * x;
        var z = x * 2;
        return z;
    }

    [Differentiable]
    public static double SameValueTwice(double x) => x * x + x / (1 + x * x);

    /// <summary>The first worked example of the backprop slides: z = w²(w − 3), dz/dw = 2w(w − 3) + w².</summary>
    [Differentiable]
    public static double SlideCubic(double w) => w * w * (w - 3);
}
