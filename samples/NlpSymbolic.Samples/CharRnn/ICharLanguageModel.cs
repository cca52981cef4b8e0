using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>What the sequential trainer needs of a character model: its parameters, the chunk's gradient and end state, and a forward step for sampling.</summary>
public interface ICharLanguageModel
{
    /// <summary>"rnn" or "gru": names the checkpoint and the curves.</summary>
    string Name { get; }

    int Vocabulary { get; }

    int Hidden { get; }

    long ParameterCount { get; }

    /// <summary>The parameters with the gradient buffers <see cref="ChunkBackward"/> adds into.</summary>
    ParameterSet Parameters { get; }

    /// <summary>
    /// Adds the chunk's gradient (from <paramref name="state"/>) into <see cref="Parameters"/>, returns its loss, and
    /// leaves in <paramref name="state"/> the state the chunk ended in, where the next chunk starts.
    /// </summary>
    double ChunkBackward(Vector<double> state, int[] inputs, int[] targets);

    /// <summary>h ← the state after reading <paramref name="input"/>, in place and without allocating.</summary>
    void Advance(Vector<double> h, int input);

    /// <summary>logits ← Why h + by, in place.</summary>
    void Logits(Vector<double> h, Vector<double> logits);
}
