using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>
/// The lecture's character-level RNN (models.md §2, min-char-rnn): h⁽ᵗ⁾ = tanh(Wxh x⁽ᵗ⁾ + Whh h⁽ᵗ⁻¹⁾ + bh),
/// ŷ⁽ᵗ⁾ = softmax(Why h⁽ᵗ⁾ + by), x⁽ᵗ⁾ one-hot (so Wxh x is a column of Wxh). Shapes: V characters, H hidden;
/// Wxh H×V, Whh H×H, Why V×H. The fields are the parameters; the generator writes <c>ChunkBackward</c>.
/// </summary>
public sealed partial class CharRnnModel
{
    public Matrix<double> Wxh, Whh, Why;
    public Vector<double> bh, by;

    /// <summary>min-char-rnn's initialisation: weights N(0, 0.01²), biases zero.</summary>
    public CharRnnModel(int vocabulary, int hidden, int seed)
    {
        var random = new Random(seed);
        Wxh = Init.Normal(hidden, vocabulary, 0, 0.01, random);
        Whh = Init.Normal(hidden, hidden, 0, 0.01, random);
        Why = Init.Normal(vocabulary, hidden, 0, 0.01, random);
        bh = Init.Zeros(hidden);
        by = Init.Zeros(vocabulary);
    }

    /// <summary>
    /// One chunk of truncated BPTT: its loss Σₜ −log softmax(Why h⁽ᵗ⁾ + by)[targets[t]], starting from
    /// <paramref name="h0"/>, the state the previous chunk ended in, and the state this chunk ends in, which starts the
    /// next. No gradient flows back into the previous chunk, hence [NoDerivative] on h0 (and no dh0 buffer), and the
    /// trainer seeds (1, null): the last state is carried as a value, not differentiated.
    /// </summary>
    [Differentiable]
    public (double loss, Vector<double> h) Chunk([NoDerivative] Vector<double> h0, int[] inputs, int[] targets)
    {
        var h = h0;
        var loss = 0.0;
        for (var t = 0; t < inputs.Length; t++)
        {
            h = Tanh(Wxh.Column(inputs[t]) + Whh * h + bh);
            loss += CrossEntropy(Why * h + by, targets[t]);
        }

        return (loss, h);
    }

    /// <summary>Parameters: H·V + H·H + V·H + H + V.</summary>
    public static long ParameterCount(int vocabulary, int hidden) =>
        (long)hidden * vocabulary + (long)hidden * hidden + (long)vocabulary * hidden + hidden + vocabulary;
}
