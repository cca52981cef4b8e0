using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>What the sequential trainer needs of a character model: its parameters, the chunk's gradient, and a forward step.</summary>
public interface ICharLanguageModel
{
    /// <summary>"rnn" or "gru": names the checkpoint and the curves.</summary>
    string Name { get; }

    int Vocabulary { get; }

    int Hidden { get; }

    long ParameterCount { get; }

    /// <summary>The parameters with the gradient buffers <see cref="LossBackward"/> adds into.</summary>
    ParameterSet Parameters { get; }

    /// <summary>Adds the chunk's gradient (from state <paramref name="h0"/>) into <see cref="Parameters"/> and returns its loss.</summary>
    double LossBackward(Vector<double> h0, int[] inputs, int[] targets);

    /// <summary>h ← the state after reading <paramref name="input"/>, in place and without allocating.</summary>
    void Advance(Vector<double> h, int input);

    /// <summary>logits ← Why h + by, in place.</summary>
    void Logits(Vector<double> h, Vector<double> logits);
}
