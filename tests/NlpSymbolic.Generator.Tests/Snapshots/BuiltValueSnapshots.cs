using Xunit;
using static NlpSymbolic.Generator.Tests.Snapshots.SnapshotRuns;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// Values built inside the method: an array of states written per index in one loop and read in another, a
/// zero vector a sum starts from, stacked states and row vector × matrix (dot-product attention); and an
/// element written twice, whose reverse hands the element's gradient to the stored value and clears it.
/// </summary>
public sealed class BuiltValueSnapshots
{
    public const string AttentionSource = $$"""
        {{Usings}}

        namespace Lecture;

        public static partial class Attention
        {
            [Differentiable]
            public static double Loss(Matrix<double> L, Matrix<double> H, Matrix<double> W, Vector<double> b,
                                      Vector<double> h0, Vector<double> q, Matrix<double> U, int[] tokens, int label)
            {
                var T = tokens.Length;
                var hs = new Vector<double>[T];
                var h = h0;
                for (var t = 0; t < T; t++)
                {
                    h = Tanh(H * h + W * L.Column(tokens[t]) + b);
                    hs[t] = h;
                }

                var states = Matrix<double>.Build.DenseOfColumnVectors(hs);
                var alpha = Softmax(q * states);
                var context = Vector<double>.Build.Dense(h.Count);
                for (var t = 0; t < T; t++)
                {
                    context += alpha[t] * hs[t];
                }

                return CrossEntropy(U * Concat(context, h), label);
            }
        }
        """;

    public const string OverwriteSource = $$"""
        {{Usings}}

        namespace Vocabulary;

        public static partial class Arrays
        {
            [Differentiable]
            public static double Overwrite(Vector<double> a, Vector<double> b, double s, int n)
            {
                var xs = new Vector<double>[2];
                xs[0] = a;
                var before = xs[0] * b;
                xs[0] = Tanh(b);
                var scores = new double[n];
                scores[n - 1] = s * before;
                scores[0] += xs[0].Maximum();
                return scores[0] + scores[n - 1] + OneHot(a.Count, 1) * xs[0];
            }
        }
        """;

    [Fact]
    public void AttentionOverComputedStates() => Snapshot.VerifyGenerated(Clean(AttentionSource));

    [Fact]
    public void ElementWrittenTwice() => Snapshot.VerifyGenerated(Clean(OverwriteSource));
}
