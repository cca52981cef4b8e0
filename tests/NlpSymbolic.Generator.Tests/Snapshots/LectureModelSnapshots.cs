using Xunit;
using static NlpSymbolic.Generator.Tests.Snapshots.SnapshotRuns;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// The generated source of every lecture model of shared/docs/models.md, as a user would write it. A
/// reviewer reads these next to the lecture's backprop equations; a change of the emitter shows up here
/// as a diff.
/// </summary>
public sealed class LectureModelSnapshots
{
    /// <summary>s = uᵀ tanh(W x + b), the window score of Collobert &amp; Weston.</summary>
    public const string WindowScoreSource = $$"""
        {{Usings}}

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
        }
        """;

    /// <summary>J = max(0, 1 − s + s_c) with s = uᵀ tanh(W x + b) and s_c the corrupt window's score.</summary>
    public const string WindowMaxMarginSource = $$"""
        {{Usings}}

        namespace Lecture;

        public static partial class Window
        {
            [Differentiable]
            public static double MaxMargin(Matrix<double> W, Vector<double> b, Vector<double> u, Vector<double> x, Vector<double> xc)
            {
                var s = u * Tanh(W * x + b);
                var sc = u * Tanh(W * xc + b);
                return Math.Max(0, 1 - s + sc);
            }
        }
        """;

    /// <summary>s = Uᵀ tanh(W⁽²⁾ tanh(W⁽¹⁾ x + b⁽¹⁾) + b⁽²⁾).</summary>
    public const string TwoLayerSource = $$"""
        {{Usings}}

        namespace Lecture;

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
        """;

    /// <summary>h = σ(H h_prev + W x + b₁); J = CE(softmax(U h + b₂), y).</summary>
    public const string RnnStepSource = $$"""
        {{Usings}}

        namespace Lecture;

        public static partial class Rnn
        {
            [Differentiable]
            public static double StepLoss(Matrix<double> H, Matrix<double> W, Vector<double> b1, Matrix<double> U, Vector<double> b2,
                                          Vector<double> hPrev, Vector<double> x, int y)
            {
                var h = Sigmoid(H * hPrev + W * x + b1);
                return CrossEntropy(U * h + b2, y);
            }
        }
        """;

    /// <summary>J = Σₜ CE(U h⁽ᵗ⁾ + b₂, tokens[t+1]), h⁽ᵗ⁾ = σ(H h⁽ᵗ⁻¹⁾ + W L[:, tokens[t]] + b₁): backpropagation through time.</summary>
    public const string RnnLanguageModelSource = $$"""
        {{Usings}}

        namespace Lecture;

        public static partial class Rnn
        {
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
        """;

    private const string GruCellMethod = """
            /// <summary>z = σ(W_z x + U_z h_prev), r = σ(W_r x + U_r h_prev), h̃ = tanh(W x + r ∘ (U h_prev)), h = z ∘ h_prev + (1 − z) ∘ h̃.</summary>
            [Differentiable]
            public static Vector<double> Cell(Matrix<double> Wz, Matrix<double> Uz, Matrix<double> Wr, Matrix<double> Ur,
                                              Matrix<double> W, Matrix<double> U, Vector<double> x, Vector<double> hPrev)
            {
                var z = Sigmoid(Wz * x + Uz * hPrev);
                var r = Sigmoid(Wr * x + Ur * hPrev);
                var hTilde = Tanh(W * x + r.PointwiseMultiply(U * hPrev));
                return z.PointwiseMultiply(hPrev) + (1 - z).PointwiseMultiply(hTilde);
            }
        """;

    /// <summary>The GRU cell (no biases, as in the slides).</summary>
    public const string GruCellSource = $$"""
        {{Usings}}

        namespace Lecture;

        public static partial class Gru
        {
        {{GruCellMethod}}
        }
        """;

    /// <summary>J = Σₜ CE(V h⁽ᵗ⁾, tokens[t+1]) with h⁽ᵗ⁾ = Cell(…, L[:, tokens[t]], h⁽ᵗ⁻¹⁾): the loop calls the cell.</summary>
    public const string GruSequenceSource = $$"""
        {{Usings}}

        namespace Lecture;

        public static partial class Gru
        {
        {{GruCellMethod}}

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
        """;

    /// <summary>J = −log σ(u_oᵀ v_c) − Σ_k log σ(−u_kᵀ v_c), with the stable LogSigmoid (finite where σ underflows).</summary>
    public const string SkipGramSource = $$"""
        {{Usings}}

        namespace Lecture;

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
        """;

    public static readonly string[] All =
    {
        WindowScoreSource, WindowMaxMarginSource, TwoLayerSource, RnnStepSource, RnnLanguageModelSource,
        GruCellSource, GruSequenceSource, SkipGramSource,
    };

    [Fact]
    public void WindowScore() => Snapshot.VerifyGenerated(Clean(WindowScoreSource));

    [Fact]
    public void WindowMaxMargin() => Snapshot.VerifyGenerated(Clean(WindowMaxMarginSource));

    [Fact]
    public void TwoLayerWindowNet() => Snapshot.VerifyGenerated(Clean(TwoLayerSource));

    [Fact]
    public void RnnStepCrossEntropy() => Snapshot.VerifyGenerated(Clean(RnnStepSource));

    [Fact]
    public void RnnLanguageModel() => Snapshot.VerifyGenerated(Clean(RnnLanguageModelSource));

    [Fact]
    public void GruCell() => Snapshot.VerifyGenerated(Clean(GruCellSource));

    /// <summary>Both files: the cell's (its Forward and Pullback are what the loop calls) and the sequence loss's.</summary>
    [Fact]
    public void GruSequenceLoss() => Snapshot.VerifyGeneratedFiles(Clean(GruSequenceSource), "SequenceLoss");

    [Fact]
    public void SkipGramNegativeSampling() => Snapshot.VerifyGenerated(Clean(SkipGramSource));
}
