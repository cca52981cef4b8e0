using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>
/// The GRU for the trainer: the generated <c>LossBackward</c> for the gradient, and an in-place forward step for the
/// carried state and for sampling (its model returns the loss only; the RNN's returns (loss, h)).
/// </summary>
public sealed class GruLanguageModel : ICharLanguageModel
{
    private readonly GruModel.Gradients gradients;
    private readonly Vector<double> uzh, urh, uh;

    public GruLanguageModel(int vocabulary, int hidden, int seed)
    {
        Model = new GruModel(vocabulary, hidden, seed);
        gradients = new GruModel.Gradients(Model);
        Parameters = Model.CreateParameterSet(gradients);
        uzh = Vector<double>.Build.Dense(hidden);
        urh = Vector<double>.Build.Dense(hidden);
        uh = Vector<double>.Build.Dense(hidden);
    }

    public GruModel Model { get; }

    public string Name => "gru";

    public int Vocabulary => Model.by.Count;

    public int Hidden => Model.bz.Count;

    public long ParameterCount => GruModel.ParameterCount(Vocabulary, Hidden);

    public ParameterSet Parameters { get; }

    public double ChunkBackward(Vector<double> state, int[] inputs, int[] targets)
    {
        var loss = Model.LossBackward(state, inputs, targets, 1.0, gradients);

        // The next chunk starts where this one ended, from the state before this update (as min-char-rnn's hprev).
        foreach (var input in inputs)
        {
            Advance(state, input);
        }

        return loss;
    }

    public void Advance(Vector<double> h, int input)
    {
        var m = Model;
        var n = Hidden;
        var state = h.AsArray();
        InPlace.Multiply(m.Uz, state, uzh.AsArray());
        InPlace.Multiply(m.Ur, state, urh.AsArray());
        InPlace.Multiply(m.U, state, uh.AsArray());
        var uzhs = uzh.AsArray();
        var urhs = urh.AsArray();
        var uhs = uh.AsArray();
        var wz = m.Wz.AsColumnMajorArray().AsSpan(input * n, n);
        var wr = m.Wr.AsColumnMajorArray().AsSpan(input * n, n);
        var w = m.W.AsColumnMajorArray().AsSpan(input * n, n);
        var bz = m.bz.AsArray();
        var br = m.br.AsArray();
        var bh = m.bh.AsArray();
        for (var i = 0; i < n; i++)
        {
            var z = Sigmoid(wz[i] + uzhs[i] + bz[i]);
            var r = Sigmoid(wr[i] + urhs[i] + br[i]);
            var candidate = Math.Tanh(w[i] + r * uhs[i] + bh[i]);
            state[i] = z * state[i] + (1 - z) * candidate;
        }
    }

    public void Logits(Vector<double> h, Vector<double> logits)
    {
        InPlace.Multiply(Model.Why, h.AsArray(), logits.AsArray());
        System.Numerics.Tensors.TensorPrimitives.Add(logits.AsArray(), Model.by.AsArray(), logits.AsArray());
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
