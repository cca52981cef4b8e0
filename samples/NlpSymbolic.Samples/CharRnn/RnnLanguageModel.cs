using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>
/// The vanilla RNN for the trainer: one generated <c>ChunkBackward</c> gives the chunk's gradient, its loss and the
/// state it ends in (one forward per chunk); a hand-written, allocation-free forward step serves sampling.
/// </summary>
public sealed class RnnLanguageModel : ICharLanguageModel
{
    private readonly CharRnnModel.Gradients gradients;
    private readonly Vector<double> scratch;

    public RnnLanguageModel(int vocabulary, int hidden, int seed)
    {
        Model = new CharRnnModel(vocabulary, hidden, seed);
        gradients = new CharRnnModel.Gradients(Model);
        Parameters = Model.CreateParameterSet(gradients);
        scratch = Vector<double>.Build.Dense(hidden);
    }

    public CharRnnModel Model { get; }

    public string Name => "rnn";

    public int Vocabulary => Model.by.Count;

    public int Hidden => Model.bh.Count;

    public long ParameterCount => CharRnnModel.ParameterCount(Vocabulary, Hidden);

    public ParameterSet Parameters { get; }

    /// <remarks>
    /// Seeds (1, null): the loss is differentiated, the end state is only carried. The generated method returns the
    /// end state as a copy the caller owns (one vector of H doubles per chunk, the only allocation of a warm step).
    /// </remarks>
    public double ChunkBackward(Vector<double> state, int[] inputs, int[] targets)
    {
        var (loss, end) = Model.ChunkBackward(state, inputs, targets, (1.0, null), gradients);
        end.CopyTo(state);
        return loss;
    }

    /// <summary>h ← tanh(Wxh x + Whh h + bh) in place: the sampler's step (MathNet's products would allocate).</summary>
    public void Advance(Vector<double> h, int input)
    {
        InPlace.Multiply(Model.Whh, h.AsArray(), scratch.AsArray());
        var z = scratch.AsArray();
        var column = Model.Wxh.AsColumnMajorArray().AsSpan(input * Hidden, Hidden);
        TensorPrimitives.Add(z, column, z);
        TensorPrimitives.Add(z, Model.bh.AsArray(), z);
        TensorPrimitives.Tanh(z, h.AsArray());
    }

    public void Logits(Vector<double> h, Vector<double> logits)
    {
        InPlace.Multiply(Model.Why, h.AsArray(), logits.AsArray());
        TensorPrimitives.Add(logits.AsArray(), Model.by.AsArray(), logits.AsArray());
    }
}
