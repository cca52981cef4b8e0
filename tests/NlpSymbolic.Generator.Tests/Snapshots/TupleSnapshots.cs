using Xunit;
using static NlpSymbolic.Generator.Tests.Snapshots.SnapshotRuns;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// Several outputs (models.md §6): the LSTM cell returns (h', c'), and the language model deconstructs the pair
/// into its carried state at every step. The cell's dResult is a tuple of seeds; the caller hands the callee's
/// pullback the adjoints of both components.
/// </summary>
public sealed class TupleSnapshots
{
    public const string LstmSource = $$"""
        {{Usings}}

        namespace Lecture;

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
        """;

    [Fact]
    public void LstmCell() => Snapshot.VerifyGeneratedFiles(Clean(LstmSource), "Cell");

    [Fact]
    public void LstmLanguageModel() => Snapshot.VerifyGeneratedFiles(Clean(LstmSource), "LanguageModelLoss");
}
