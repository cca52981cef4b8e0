using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Data;
using NlpSymbolic.Training;

namespace RecurrentLoop;

/// <summary>The training loop: a batch of streams through the text, chunk by chunk, each stream with its own carried state.</summary>
public sealed class RecurrentLoop
{
    private readonly CharLstm model;
    private readonly ParameterSet parameters;
    private readonly Adam adam = new(learningRate: 0.01);
    private readonly int[] ids;
    private readonly Vector<double>[] h, c;   // the carried state of each stream
    private readonly int streamLength, chunk;
    private int position;                      // where every stream is, in characters from its start

    public RecurrentLoop(string text, Vocabulary characters, int streams, int chunk, int hidden, int seed)
    {
        ids = new int[text.Length];
        characters.EncodeCharacters(text, ids);
        model = new CharLstm(characters.Count, dimension: 16, hidden, seed);
        parameters = model.CreateParameterSet(new CharLstm.Gradients(model));
        streamLength = text.Length / streams;
        this.chunk = chunk;
        h = new Vector<double>[streams];
        c = new Vector<double>[streams];
        ResetState();
    }

    public long Step { get; private set; }

    public CharLstm Model => model;

    private void ResetState()
    {
        for (var s = 0; s < h.Length; s++)
        {
            h[s] = Vector<double>.Build.Dense(model.U.ColumnCount);
            c[s] = Vector<double>.Build.Dense(model.U.ColumnCount);
        }
    }

    /// <summary>One update from one chunk of every stream; returns the mean loss per character.</summary>
    public double TrainStep()
    {
        if (position + chunk + 1 > streamLength)
        {
            position = 0;   // an epoch is over: every stream starts again, from a zero state
            ResetState();
        }

        parameters.ZeroGradients();
        var loss = 0.0;
        using (parameters.DeferGradientUpdates())   // the chunks' weight updates, added as matrix products
        {
            for (var s = 0; s < h.Length; s++)
            {
                var start = s * streamLength + position;
                var inputs = ids[start..(start + chunk)];
                var targets = ids[(start + 1)..(start + chunk + 1)];
                // Seed 1 for the loss, null for the two states: they only carry into the next chunk.
                var (chunkLoss, hEnd, cEnd) = model.ChunkBackward(h[s], c[s], inputs, targets, (1.0, null, null), parameters);
                (h[s], c[s]) = (hEnd, cEnd);
                loss += chunkLoss;
            }
        }

        GradientClipping.ClipByGlobalNorm(parameters, 5.0);
        adam.Step(parameters);
        position += chunk;
        Step++;
        return loss / (h.Length * chunk);
    }

    /// <summary>Weights, Adam's state, where the run is, and every stream's (h, c) as extra tensors.</summary>
    public void Save(string path)
    {
        var state = new Dictionary<string, Vector<double>>();
        for (var s = 0; s < h.Length; s++)
        {
            (state[$"h{s}"], state[$"c{s}"]) = (h[s], c[s]);
        }

        Checkpoint.Save(path, parameters, adam, new Dictionary<string, string>
        {
            ["step"] = Step.ToString(CultureInfo.InvariantCulture),
            ["position"] = position.ToString(CultureInfo.InvariantCulture),
        }, state);
    }

    /// <summary>Continues the run saved by <see cref="Save"/>: the carried state too, so no stream restarts from zero.</summary>
    public void Resume(string path)
    {
        var state = new Dictionary<string, Vector<double>>();
        for (var s = 0; s < h.Length; s++)
        {
            (state[$"h{s}"], state[$"c{s}"]) = (h[s], c[s]);   // loaded into these vectors in place
        }

        var metadata = Checkpoint.Load(path, parameters, adam, state);
        Step = long.Parse(metadata["step"], CultureInfo.InvariantCulture);
        position = int.Parse(metadata["position"], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Generates text: the state is first primed by running the prompt through the cell (from zero, the model has
    /// no context and its first characters are poor), then each step feeds back the most likely character.
    /// </summary>
    public string Generate(Vocabulary characters, string prompt, int length)
    {
        var state = (h: Vector<double>.Build.Dense(model.U.ColumnCount), c: Vector<double>.Build.Dense(model.U.ColumnCount));
        foreach (var character in prompt[..^1])
        {
            state = model.CellValue(model.L.Column(characters.IndexOf(character.ToString())), state.h, state.c);
        }

        var next = characters.IndexOf(prompt[^1].ToString());
        var text = new StringBuilder(prompt);
        for (var i = 0; i < length; i++)
        {
            state = model.CellValue(model.L.Column(next), state.h, state.c);
            next = (model.Wy * state.h + model.by).MaximumIndex();
            text.Append(characters.WordAt(next));
        }

        return text.ToString();
    }
}
