using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>
/// Skip-gram with negative sampling (models.md §4, Mikolov et al. 2013): one column per word in two embedding
/// matrices, the input vectors <see cref="In"/> (v) and the output vectors <see cref="Out"/> (u).
/// </summary>
public sealed partial class SkipGram
{
    public Matrix<double> In, Out;

    /// <summary>word2vec's initialisation: input vectors uniform in ±0.5/d, output vectors zero.</summary>
    public SkipGram(int vocabulary, int dimension, int seed)
    {
        In = Init.Uniform(dimension, vocabulary, -0.5 / dimension, 0.5 / dimension, seed);
        Out = Init.Zeros(dimension, vocabulary);
    }

    /// <summary>
    /// The loss of one center word against its context words, each followed by its negatives:
    /// <c>words</c> holds groups of <paramref name="group"/> ids (one context word o, then K negatives k), and
    /// J = Σ_groups −log σ(u_oᵀ v_c) − Σ_k log σ(−u_kᵀ v_c).
    /// </summary>
    /// <param name="center">The center word c.</param>
    /// <param name="words">Context and negative ids; only the first <paramref name="count"/> are read.</param>
    /// <param name="count">How many ids of <paramref name="words"/> are used (a multiple of <paramref name="group"/>).</param>
    /// <param name="group">1 + K.</param>
    [Differentiable]
    public double Loss(int center, int[] words, int count, int group)
    {
        var vc = In.Column(center);
        var loss = 0.0;
        for (int j = 0; j < count; j++)
        {
            var score = Out.Column(words[j]) * vc;
            if (j % group == 0)
            {
                loss -= LogSigmoid(score);
            }
            else
            {
                loss -= LogSigmoid(-score);
            }
        }

        return loss;
    }
}
