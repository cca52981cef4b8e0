using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>
/// The vanilla RNN for the trainer: the generated <c>LossBackward</c> for the gradient, and a hand-written
/// forward step for the state carried to the next chunk.
/// </summary>
/// <remarks>
/// Why a second, plain forward pass: <c>[Differentiable]</c> methods cannot return a tuple (loss, h_last) yet,
/// and truncated BPTT never differentiates through h_last (the next chunk takes it as a constant), so a
/// <c>[Differentiable]</c> method returning it would only be called for its value — whose plain C# form
/// allocates new MathNet vectors each step. The in-place step below costs one H×H product per character (about a
/// sixth of a training step) and allocates nothing; a test checks it against the differentiable loss.
/// </remarks>
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

    public double LossBackward(Vector<double> h0, int[] inputs, int[] targets) =>
        Model.LossBackward(h0, inputs, targets, 1.0, gradients);

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
