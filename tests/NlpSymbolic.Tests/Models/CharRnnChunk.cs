using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using static NlpSymbolic.Functions;

namespace NlpSymbolic.Tests.Models;

/// <summary>
/// The lecture's char-RNN chunk (models.md §6, truncated BPTT) as ONE method: the loss of the chunk and the hidden
/// state it ends in, which starts the next chunk. Its caller seeds (1, null): no gradient flows back across
/// chunks, and the final state is not computed twice. Same recurrence as <see cref="CharRnn.Loss"/>; vocabulary
/// V = 5, hidden H = 4.
/// </summary>
public static partial class CharRnnChunk
{
    [Differentiable]
    public static (double loss, Vector<double> h) Chunk(
        [Shape(4, 5)] Matrix<double> Wxh, [Shape(4, 4)] Matrix<double> Whh, [Shape(5, 4)] Matrix<double> Why,
        [Shape(4)] Vector<double> bh, [Shape(5)] Vector<double> by,
        [Shape(4)] Vector<double> h0, [Value(0, 3, 1, 4, 2, 2)] int[] inputs, [Value(3, 1, 4, 2, 2, 0)] int[] targets)
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
}
