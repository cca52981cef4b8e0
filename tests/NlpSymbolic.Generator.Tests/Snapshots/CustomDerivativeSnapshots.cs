using Xunit;
using static NlpSymbolic.Generator.Tests.Snapshots.SnapshotRuns;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// The generated code of a method calling functions with hand-written derivatives ([DerivativeOf]): the function
/// itself in the forward sweep, its pullback in the reverse sweep, in straight code and inside a loop and a branch.
/// </summary>
public sealed class CustomDerivativeSnapshots
{
    public const string Source = $$"""
        {{Usings}}

        namespace Custom;

        /// <summary>Opaque to the generator; derivatives declared beside them.</summary>
        public static class Opaque
        {
            public static Vector<double> SoftPlus(Vector<double> v) => v.Map(e => Math.Log(1 + Math.Exp(e)));

            [DerivativeOf(nameof(SoftPlus))]
            public static void SoftPlusPullback(Vector<double> v, Vector<double> dy, Vector<double> dv)
            {
                for (var i = 0; i < v.Count; i++)
                {
                    dv[i] += dy[i] / (1 + Math.Exp(-v[i]));
                }
            }

            /// <summary>A straight-through estimator: forward rounds, backward passes dy through.</summary>
            public static double Round(double x) => Math.Round(x);

            [DerivativeOf(nameof(Round))]
            public static void RoundPullback(double x, double dy, ref double dx) => dx += dy;
        }

        public static partial class Layers
        {
            [Differentiable]
            public static double QuantizedScore(Matrix<double> W, Vector<double> x, Vector<double> u, int steps)
            {
                var h = Opaque.SoftPlus(W * x);
                var score = 0.0;
                for (var t = 0; t < steps; t++)
                {
                    if (score < 10)
                    {
                        score += Opaque.Round(u * h);
                    }
                }

                return score;
            }
        }
        """;

    [Fact]
    public void CallsToDeclaredPullbacks() => Snapshot.VerifyGenerated(Clean(Source));
}
