using System;
using Xunit;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests.RandomPrograms;

/// <summary>
/// The oracle itself: it must fail a wrong gradient, and it must not fail a right one merely because central
/// differences cannot resolve the function on the inputs drawn (it draws other inputs instead).
/// </summary>
public sealed class GradientOracleTests
{
    private const string Body = """
            for (var i0 = 0; i0 < xs.Length; i0++)
            {
                a -= (a * a);
            }
            for (var i1 = 0; i1 < xs.Length; i1++)
            {
                var s2 = Math.Log(1.5 + Math.Sin((a * a)));
                var hs3 = new Vector<double>[3];
                for (var i4 = 0; i4 < 3; i4++)
                {
                    hs3[i4] = W.ColumnSums();
                }
                a += Math.Tanh(s2 + Concat(hs3).Sum());
            }
            return ((a / (1.5 + a * a)) / (1.5 + b * b));
    """;

    /// <summary>
    /// A program the random run met (seed 8dZ5J4F6xmGb, inputs 8203527): on the first draw <c>a</c> reaches −1,510
    /// before <c>sin(a²)</c>, which then oscillates with a period of about 1.5e-7 in the input; central differences at
    /// 1e-5 and 2.5e-6 agree with each other (−0.0027616) and not with the exact derivative (−0.0028077, which the
    /// generated gradient gives and which steps of 1e-9 reach). That draw cannot be judged; the next one is smooth.
    /// </summary>
    [Fact]
    public void AFunctionOscillatingFasterThanTheStepsIsNotCalledAWrongGradient()
    {
        using var program = CompiledProgram.Compile(Source(Body, "dx += dy / (1 + Math.Exp(-x));"));

        Assert.Equal(Verdict.Checked, GradientOracle.Check(program, 8203527));
    }

    /// <summary>
    /// The same program plus a term through a pullback that is 1 % wrong, on <c>b</c>: the first draw fails on
    /// <c>b</c> although the differences cannot judge <c>a</c> on it — an element that cannot be judged does not hide
    /// another that can.
    /// </summary>
    [Fact]
    public void AOnePercentWrongPullbackFails()
    {
        var body = Body.Replace("return ((a / (1.5 + a * a))", "return ((Opaque.Soft(b) + a / (1.5 + a * a))", StringComparison.Ordinal);
        using var program = CompiledProgram.Compile(Source(body, "dx += 1.01 * dy / (1 + Math.Exp(-x));"));

        var error = Assert.Throws<XunitException>(() => GradientOracle.Check(program, 8203527));
        Assert.Contains("gradient of b", error.Message);
    }

    private static string Source(string body, string softPullback) => $$"""
        using System;
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;
        using static NlpSymbolic.Functions;

        namespace Fuzz;

        public static partial class Model
        {
            [Differentiable]
            public static double Run(double a, double b, Vector<double> u, Vector<double> v, Matrix<double> W, Matrix<double> K, Matrix<double> L, double[] xs, Vector<double>[] vs, int n, bool flag, int[] ids, int[] ys)
            {
        {{body}}
            }
        }

        public sealed partial class Net
        {
            public Matrix<double> W = null!, K = null!;
            public Vector<double> u = null!;

            [Differentiable]
            public double RunModel(double a, double b, Vector<double> v, Matrix<double> L, double[] xs, Vector<double>[] vs, int n, bool flag, int[] ids, int[] ys)
            {
        {{body}}
            }
        }

        public static class Opaque
        {
            public static double Soft(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

            [DerivativeOf(nameof(Soft))]
            public static void SoftPullback(double x, double dy, ref double dx) => {{softPullback}}
        }
        """;
}
