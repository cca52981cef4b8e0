using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// Every diagnostic of one source file full of unsupported constructs, as a text snapshot:
/// <c>id | severity | line:col-line:col | message</c>, sorted by location (1-based lines and columns).
/// Reading it answers "what does a user see, and where", and a changed message is a visible diff.
/// </summary>
public sealed class DiagnosticsSnapshots
{
    public const string UnsupportedSource = """
        using System;
        using System.Collections.Generic;
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;
        using static NlpSymbolic.Functions;

        namespace Unsupported;

        public static partial class Statements
        {
            private static readonly object Gate = new();

            [Differentiable]
            public static double ForEach(double[] xs)
            {
                var s = 0.0;
                foreach (var x in xs)
                {
                    s += x;
                }

                return s;
            }

            [Differentiable]
            public static double Switch(double x, int k)
            {
                switch (k)
                {
                    case 0: return x;
                    default: return 2 * x;
                }
            }

            [Differentiable]
            public static double TryCatch(double x)
            {
                try
                {
                    return x * x;
                }
                catch (ArithmeticException)
                {
                    return 0;
                }
            }

            [Differentiable]
            public static double Throw(double x)
            {
                if (x < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(x));
                }

                return x;
            }

            [Differentiable]
            public static double Goto(double x)
            {
                var s = x;
            again:
                s = s * 0.5;
                if (s > 1)
                {
                    goto again;
                }

                return s;
            }

            [Differentiable]
            public static double Using(double x)
            {
                using (var stream = new System.IO.MemoryStream())
                {
                    return x;
                }
            }

            [Differentiable]
            public static double Lock(double x)
            {
                lock (Gate)
                {
                    return x;
                }
            }

            [Differentiable]
            public static double LocalFunction(double x)
            {
                double Square(double y) => y * y;
                return Square(x);
            }

            [Differentiable]
            public static double RefLocal(double x)
            {
                ref double r = ref x;
                return r * r;
            }

            [Differentiable]
            public static double Recursion(double x, int n) => n == 0 ? x : Recursion(x * 0.5, n - 1);
        }

        public static partial class Expressions
        {
            private static double scale = 2;

            private static double Scale => scale;

            [Differentiable]
            public static Vector<double> NewVector(double x) => Vector<double>.Build.Random(3);

            [Differentiable]
            public static double Lambda(double x)
            {
                Func<double, double> square = y => y * y;
                return square(x);
            }

            [Differentiable]
            public static double Modulo(double x) => x % 2.0;

            [Differentiable]
            public static double Pattern(double x) => x is > 0 and < 1 ? x : 0;

            [Differentiable]
            public static double NoRule(double x, double y) => Math.Atan2(x, y);

            [Differentiable]
            public static double NoRuleOnVector(Vector<double> v) => v.L2Norm();

            [Differentiable]
            public static double ElementMutation(Vector<double> v, double x)
            {
                v[0] = x;
                return v.Sum();
            }

            [Differentiable]
            public static double FieldAndProperty(double x) => x * scale + Scale;

            [Differentiable]
            public static double FloatLocal(double x)
            {
                float f = 1;
                return x * f;
            }

            [Differentiable]
            public static Vector<double> EarlyVectorReturn(Vector<double> v)
            {
                if (v[0] > 0)
                {
                    return v;
                }

                var w = 2 * v;
                return w;
            }
        }

        public partial class Signatures
        {
            [Differentiable]
            public double NotStatic(double x) => x;

            [Differentiable]
            public static double NoDifferentiableParameter(int n) => n * 2.0;

            [Differentiable]
            public static float FloatResult(double x) => (float)x;

            [Differentiable]
            public static double FloatParameter(float x) => x;

            [Differentiable]
            public static double ListParameter(List<double> xs) => xs[0];

            [Differentiable]
            public static double RefParameter(ref double x) => x;

            [Differentiable]
            public static double Generic<T>(double x) => x;

            [Differentiable]
            public static extern double External(double x);

            [Differentiable]
            public static double Clash(double x) => x;

            public static double ClashBackward(double x, double dResult, ref double dx) => 0;

            [Differentiable]
            public static partial double Declared(double x);

            public static partial double Declared(double x) => x * x;
        }

        public static class NotPartial
        {
            [Differentiable]
            public static double Square(double x) => x * x;
        }

        file static partial class FileLocal
        {
            [Differentiable]
            public static double Square(double x) => x * x;
        }
        """;

    [Fact]
    public void UnsupportedConstructs()
    {
        var run = GeneratorHarness.Run(("Unsupported.cs", UnsupportedSource));

        // The input is valid C# (the compiler's own errors would silence the generator for that method).
        Assert.Empty(run.InputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        run.AssertNoNewErrors();

        Snapshot.VerifyText(null, Listing(run));
    }

    /// <summary><c>id | severity | line:col-line:col | message</c>, one line per generator diagnostic, in source order.</summary>
    internal static string Listing(GeneratorRun run) =>
        string.Concat(run.GeneratorDiagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan().Span;
            var severity = d.Severity.ToString().ToLowerInvariant();
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{d.Id} | {severity} | {span.Start.Line + 1}:{span.Start.Character + 1}-{span.End.Line + 1}:{span.End.Character + 1} | {d.GetMessage(CultureInfo.InvariantCulture)}\n");
        }));
}
