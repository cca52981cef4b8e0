using System;
using System.Globalization;
using System.Text;

namespace NlpSymbolic.Benchmarks.GeneratorTiming;

/// <summary>
/// The file issue 13 times the generator on: the lecture models (taken from the generator's snapshot sources)
/// and 100 small <c>[Differentiable]</c> methods of ten shapes, each with a constant of its own that the
/// "edit one method" round changes.
/// </summary>
internal static class TimedSource
{
    public const int SmallMethods = 100;

    /// <summary>The constant of small method <paramref name="index"/>, as it appears in the source.</summary>
    public static string Constant(int index) => (1.25 + index / 100.0).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The comment line before small method <paramref name="index"/>: where an edit inserts a blank line.</summary>
    public static string Marker(int index) => $"    // Small method {index}.\n";

    public static string Build(Func<int, string> constant)
    {
        var text = new StringBuilder(LectureModels);
        text.AppendLine();
        text.AppendLine("public static partial class Small");
        text.AppendLine("{");
        for (var i = 0; i < SmallMethods; i++)
        {
            text.Append(Marker(i));
            text.AppendLine(SmallMethod(i, constant(i)));
        }

        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>Ten shapes: scalar math, vector and matrix products, loops, branches, calls, vector results.</summary>
    private static string SmallMethod(int i, string c) => (i % 10) switch
    {
        0 => $$"""
                [Differentiable]
                public static double Scalar{{i}}(double x, double y) => x * x * {{c}} + Math.Exp(y) - Math.Log(1 + y * y);
            """,
        1 => $$"""
                [Differentiable]
                public static double Dot{{i}}(Vector<double> u, Vector<double> v) => u * Tanh(v * {{c}});
            """,
        2 => $$"""
                [Differentiable]
                public static double Layer{{i}}(Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x)
                {
                    var h = Sigmoid(W * x + b);
                    return u * h * {{c}};
                }
            """,
        3 => $$"""
                [Differentiable]
                public static double Loop{{i}}(double x, double w, int n)
                {
                    var J = 0.0;
                    for (var k = 0; k < n; k++)
                    {
                        J += Math.Sin(x * k + {{c}}) * w;
                    }

                    return J;
                }
            """,
        4 => $$"""
                [Differentiable]
                public static double Branch{{i}}(double x, double y)
                {
                    if (x > {{c}})
                    {
                        return x * y;
                    }

                    return Math.Log(1 + y * y) - x;
                }
            """,
        5 => $$"""
                [Differentiable]
                public static double Classify{{i}}(Matrix<double> W, Vector<double> b, Vector<double> h, int y) => CrossEntropy(W * h + b, y) * {{c}};
            """,
        6 => $$"""
                [Differentiable]
                public static Vector<double> Activation{{i}}(Matrix<double> W, Vector<double> x) => Tanh(W * x) * {{c}};
            """,
        7 => $$"""
                [Differentiable]
                public static double Calls{{i}}(double x, double y) => Scalar{{i - 7}}(x, y) * {{c}} + Sigmoid(x);
            """,
        8 => $$"""
                [Differentiable]
                public static double Norm{{i}}(Vector<double> v, Matrix<double> M) => SquaredNorm(v) * {{c}} + SquaredNorm(M);
            """,
        _ => $$"""
                [Differentiable]
                public static double Sequence{{i}}(Vector<double> h0, Matrix<double> H, Vector<double>[] xs)
                {
                    var h = h0;
                    for (var t = 0; t < xs.Length; t++)
                    {
                        h = Tanh(H * h + xs[t] * {{c}});
                    }

                    return SquaredNorm(h);
                }
            """,
    };

    private const string LectureModels = """
        using System;
        using MathNet.Numerics.LinearAlgebra;
        using NlpSymbolic;
        using static NlpSymbolic.Functions;

        namespace Lecture;

        public static partial class Window
        {
            [Differentiable]
            public static double Score(Matrix<double> W, Vector<double> x, Vector<double> b, Vector<double> u)
            {
                var z = W * x + b;
                var a = Tanh(z);
                return u * a;
            }

            [Differentiable]
            public static double MaxMargin(Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, Vector<double> xc)
            {
                var s = u * Tanh(W * x + b);
                var sc = u * Tanh(W * xc + b);
                return Math.Max(0, 1 - s + sc);
            }
        }

        public static partial class TwoLayer
        {
            [Differentiable]
            public static double Score(Matrix<double> W1, Vector<double> b1, Matrix<double> W2, Vector<double> b2, Vector<double> U, Vector<double> x)
            {
                var a1 = Tanh(W1 * x + b1);
                var a2 = Tanh(W2 * a1 + b2);
                return U * a2;
            }
        }

        public static partial class Rnn
        {
            [Differentiable]
            public static double StepLoss(Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
                                          Vector<double> hPrev, Vector<double> x, int y)
            {
                var h = Sigmoid(H * hPrev + W * x + b1);
                return CrossEntropy(U * h + b2, y);
            }

            [Differentiable]
            public static double LanguageModelLoss(Matrix<double> L, Matrix<double> H, Matrix<double> W, Vector<double> b1,
                                                   Matrix<double> U, Vector<double> b2, Vector<double> h0, int[] tokens)
            {
                var h = h0;
                var J = 0.0;
                for (var t = 0; t < tokens.Length - 1; t++)
                {
                    var x = L.Column(tokens[t]);
                    h = Sigmoid(H * h + W * x + b1);
                    J += CrossEntropy(U * h + b2, tokens[t + 1]);
                }

                return J;
            }
        }

        public static partial class Gru
        {
            [Differentiable]
            public static Vector<double> Cell(Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur,
                                              Matrix<double> W, Matrix<double> U, Vector<double> x, Vector<double> hPrev)
            {
                var z = Sigmoid(Wz * x + Uz * hPrev);
                var r = Sigmoid(Wr * x + Ur * hPrev);
                var hTilde = Tanh(W * x + r.PointwiseMultiply(U * hPrev));
                return z.PointwiseMultiply(hPrev) + (1 - z).PointwiseMultiply(hTilde);
            }

            [Differentiable]
            public static double SequenceLoss(Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur,
                                              Matrix<double> W, Matrix<double> U, Matrix<double> L, Matrix<double> V,
                                              Vector<double> h0, int[] tokens)
            {
                var h = h0;
                var J = 0.0;
                for (var t = 0; t < tokens.Length - 1; t++)
                {
                    var x = L.Column(tokens[t]);
                    h = Cell(Wz, Uz, Wr, Ur, W, U, x, h);
                    J += CrossEntropy(V * h, tokens[t + 1]);
                }

                return J;
            }
        }

        public static partial class Word2Vec
        {
            [Differentiable]
            public static double SkipGramNegativeSampling(Vector<double> vc, Vector<double> uo, Vector<double>[] negatives)
            {
                var J = -LogSigmoid(uo * vc);
                for (var k = 0; k < negatives.Length; k++)
                {
                    J -= LogSigmoid(-(negatives[k] * vc));
                }

                return J;
            }
        }

        public static partial class Lstm
        {
            [Differentiable]
            public static (Vector<double> h, Vector<double> c) Cell(
                Matrix<double> Wi, Matrix<double> Ui, Vector<double> bi, Matrix<double> Wf, Matrix<double> Uf, Vector<double> bf,
                Matrix<double> Wo, Matrix<double> Uo, Vector<double> bo, Matrix<double> Wg, Matrix<double> Ug, Vector<double> bg,
                Vector<double> x, Vector<double> h, Vector<double> c)
            {
                var i = Sigmoid(Wi * x + Ui * h + bi);
                var f = Sigmoid(Wf * x + Uf * h + bf);
                var o = Sigmoid(Wo * x + Uo * h + bo);
                var g = Tanh(Wg * x + Ug * h + bg);
                var cNext = f.PointwiseMultiply(c) + i.PointwiseMultiply(g);
                var hNext = o.PointwiseMultiply(Tanh(cNext));
                return (hNext, cNext);
            }

            [Differentiable]
            public static double LanguageModelLoss(
                Matrix<double> L, Matrix<double> Wi, Matrix<double> Ui, Vector<double> bi, Matrix<double> Wf, Matrix<double> Uf, Vector<double> bf,
                Matrix<double> Wo, Matrix<double> Uo, Vector<double> bo, Matrix<double> Wg, Matrix<double> Ug, Vector<double> bg,
                Matrix<double> U, Vector<double> b, Vector<double> h0, Vector<double> c0, int[] tokens)
            {
                var h = h0;
                var c = c0;
                var J = 0.0;
                for (var t = 0; t < tokens.Length - 1; t++)
                {
                    (h, c) = Cell(Wi, Ui, bi, Wf, Uf, bf, Wo, Uo, bo, Wg, Ug, bg, L.Column(tokens[t]), h, c);
                    J += CrossEntropy(U * h + b, tokens[t + 1]);
                }

                return J;
            }
        }

        public sealed partial class TinyRnn
        {
            public Matrix<double> Wxh, Whh, Why;
            public Vector<double> bh;
            public double temperature;

            [Differentiable]
            public Vector<double> Step(Vector<double> h, Vector<double> x) => Tanh(Wxh * x + Whh * h + bh);

            [Differentiable]
            public double Loss(Vector<double> h0, Vector<double>[] xs, int[] targets)
            {
                var h = h0;
                var loss = 0.0;
                for (var t = 0; t < xs.Length; t++)
                {
                    h = Step(h, xs[t]);
                    loss += CrossEntropy(Why * h * temperature, targets[t]);
                }

                return loss;
            }
        }
        """;
}
