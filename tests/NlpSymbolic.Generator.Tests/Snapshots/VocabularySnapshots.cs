using Xunit;
using static NlpSymbolic.Generator.Tests.Snapshots.SnapshotRuns;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// One snapshot per family of the README's vocabulary: the generated code of every supported operation,
/// statement and call shape, so a change of any adjoint rule or of the emitter is a visible diff.
/// </summary>
public sealed class VocabularySnapshots
{
    /// <summary><c>+ − * /</c>, unary minus, and every <c>Math.*</c> with a derivative rule.</summary>
    public const string ScalarSource = $$"""
        {{Usings}}

        namespace Vocabulary;

        public static partial class Scalars
        {
            [Differentiable]
            public static double Arithmetic(double a, double b)
            {
                var sum = a + b;
                var difference = a - b;
                var product = a * b;
                var quotient = a / (1 + b * b);
                var negated = -a;
                return sum * difference + product - quotient + 0.5 * negated;
            }

            [Differentiable]
            public static double MathFunctions(double a, double b)
            {
                var e = Math.Exp(a);
                var l = Math.Log(1 + b * b);
                var r = Math.Sqrt(1 + a * a);
                var p = Math.Pow(r, 1.5) + Math.Pow(r, b);
                var t = Math.Tanh(a) + Math.Sin(b) * Math.Cos(a);
                var m = Math.Max(a, b) - Math.Min(a, 2 * b) + Math.Abs(a - b);
                return e + l + p + t + m;
            }
        }
        """;

    /// <summary>MathNet vector operators, the Pointwise* family, Sum, DotProduct, indexing and Count.</summary>
    public const string VectorSource = $$"""
        {{Usings}}

        namespace Vocabulary;

        public static partial class Vectors
        {
            [Differentiable]
            public static double Operators(Vector<double> v, Vector<double> w, double a)
            {
                var sum = v + w;
                var difference = v - w;
                var scaled = a * v + w * a - v / a;
                var shifted = (v + a) - (a - w) + (a + v) - (v - a);
                var inverted = a / w;
                var negated = -v;
                return sum * difference + scaled * shifted + inverted.DotProduct(negated);
            }

            [Differentiable]
            public static double Pointwise(Vector<double> v, Vector<double> w)
            {
                var product = v.PointwiseMultiply(w);
                var ratio = v.PointwiseDivide(w);
                var e = v.PointwiseExp();
                var l = w.PointwiseLog();
                var t = v.PointwiseTanh();
                return product.Sum() + ratio * e + l * t + v[0] * w[v.Count - 1];
            }
        }
        """;

    /// <summary>M v, M N, Transpose, OuterProduct, Row/Column, M ± N, a M, M[i, j], and a matrix-valued method.</summary>
    public const string MatrixSource = $$"""
        {{Usings}}

        namespace Vocabulary;

        public static partial class Matrices
        {
            [Differentiable]
            public static double Products(Matrix<double> M, Matrix<double> N, Vector<double> v, Vector<double> w, double a)
            {
                var Mv = M * v;
                var MN = M * N;
                var back = M.Transpose() * w;
                var outer = w.OuterProduct(v);
                var mixed = (M + outer - a * M) * v;
                var row = M.Row(0);
                var column = MN.Column(1);
                return w * Mv + back * row + column * mixed + M[1, 2] * N[0, 1];
            }

            [Differentiable]
            public static Matrix<double> Compose(Matrix<double> A, Matrix<double> B, double a) => (A * B).Transpose() * a - B.Transpose();

            /// <summary>L2 regularisation and norms: λ(‖W‖²_F + ‖b‖²) plus the plain norms.</summary>
            [Differentiable]
            public static double Norms(Matrix<double> W, Matrix<double> G, Vector<double> b, [NoDerivative] double lambda) =>
                lambda * (SquaredNorm(W) + SquaredNorm(b)) + W.PointwiseMultiply(G).FrobeniusNorm() + b.L2Norm();
        }
        """;

    /// <summary>NlpSymbolic.Functions on scalars and vectors.</summary>
    public const string FunctionsSource = $$"""
        {{Usings}}

        namespace Vocabulary;

        public static partial class Activations
        {
            [Differentiable]
            public static double OnScalars(double a) =>
                Sigmoid(a) + Tanh(a) + Relu(a) + LeakyRelu(a) + LeakyRelu(a, 0.2) + HardTanh(a) + Softplus(a);

            [Differentiable]
            public static double OnVectors(Vector<double> v, Vector<double> w, int label)
            {
                var x = Concat(Sigmoid(v), Tanh(w), v);
                var r = Relu(x) + LeakyRelu(x, 0.1) + HardTanh(x) + Softplus(x);
                var p = Softmax(r);
                var logP = LogSoftmax(r);
                return p * logP + LogSumExp(x) + CrossEntropy(r, label);
            }
        }
        """;

    /// <summary>if/else if/else, nested for, while, do, break, continue and early return.</summary>
    public const string ControlFlowSource = $$"""
        {{Usings}}

        namespace Vocabulary;

        public static partial class Control
        {
            [Differentiable]
            public static double Branches(double x, double y)
            {
                var s = x * y;
                if (s > 1)
                {
                    s = Math.Log(s) + x;
                }
                else if (s > 0)
                {
                    s = Math.Exp(s);
                }
                else
                {
                    s = y - s;
                }

                return s * s;
            }

            [Differentiable]
            public static double Loops(Matrix<double> A, Vector<double> v, int n)
            {
                var s = 0.0;
                for (var i = 0; i < A.RowCount; i++)
                {
                    if (i == n)
                    {
                        break;
                    }

                    var row = 0.0;
                    for (var j = 0; j < A.ColumnCount; j++)
                    {
                        if (j % 2 == 1)
                        {
                            continue;
                        }

                        row += A[i, j] * v[j];
                    }

                    s += row * row;
                }

                var k = 0;
                while (s < 10 && k < n)
                {
                    s = s * 1.5 + v[0];
                    k++;
                }

                do
                {
                    s = Math.Sin(s) + v[1];
                    k--;
                }
                while (k > 0);

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
        }
        """;

    /// <summary>A call to a method of the same type (twice, a vector result) and of another type (with a [NoDerivative] argument).</summary>
    public const string CallsSource = $$"""
        {{Usings}}

        namespace Vocabulary;

        public static partial class Layers
        {
            [Differentiable]
            public static Vector<double> Dense(Matrix<double> W, Vector<double> b, Vector<double> x) => Tanh(W * x + b);

            [Differentiable]
            public static double Network(Matrix<double> W1, Vector<double> b1, Matrix<double> W2, Vector<double> b2, Vector<double> u, Vector<double> x)
            {
                var h = Dense(W1, b1, x);
                var y = Dense(W2, b2, h);
                return Losses.Hinge(u * y, 1.0);
            }
        }

        public static partial class Losses
        {
            [Differentiable]
            public static double Hinge(double score, [NoDerivative] double margin) => Math.Max(0, margin - score);
        }
        """;

    /// <summary>
    /// A local declared without a value and assigned on every path of an if/else (README: "local declarations
    /// (with or without initializer)"). The generator currently drops the method silently: no file, no diagnostic.
    /// </summary>
    public const string DeclaredThenBranchedSource = $$"""
        {{Usings}}

        namespace Vocabulary;

        public static partial class Control
        {
            [Differentiable]
            public static double DeclaredThenBranched(double x, double y)
            {
                double s;
                if (x > y)
                {
                    s = x * y;
                }
                else
                {
                    s = y - x;
                }

                return s * s;
            }
        }
        """;

    public static readonly string[] All = { ScalarSource, VectorSource, MatrixSource, FunctionsSource, ControlFlowSource, CallsSource };

    [Fact]
    public void ScalarOperations() => Snapshot.VerifyGenerated(Clean(ScalarSource));

    [Fact]
    public void VectorOperations() => Snapshot.VerifyGenerated(Clean(VectorSource));

    [Fact]
    public void MatrixOperations() => Snapshot.VerifyGenerated(Clean(MatrixSource));

    [Fact]
    public void Functions() => Snapshot.VerifyGenerated(Clean(FunctionsSource));

    [Fact]
    public void ControlFlow() => Snapshot.VerifyGenerated(Clean(ControlFlowSource));

    [Fact]
    public void LocalDeclaredWithoutValueThenAssignedInBothBranches() => Snapshot.VerifyGenerated(Clean(DeclaredThenBranchedSource));

    [Fact]
    public void CallsBetweenMethods() => Snapshot.VerifyGenerated(Clean(CallsSource));
}
