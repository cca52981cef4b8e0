using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Samples.CharRnn;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

public class CharRnnTests
{
    private static string TinyShakespeare => CharText.ShippedTinyShakespeare;

    /// <summary>
    /// The lecture's loop (zero, the chunk's gradient and end state, clip, AdaGrad) allocates nothing once warm but,
    /// for the RNN, the end state its generated ChunkBackward returns: exactly one H-vector per step. The GRU, which
    /// carries its state with the in-place step, allocates nothing at all.
    /// </summary>
    [Fact]
    public void WarmStepsAllocateOnlyTheReturnedState()
    {
        var text = CharText.Load(TinyShakespeare, 25);
        var oneVector = BytesOf(() => Vector<double>.Build.Dense(100));
        foreach (var (model, perStep) in new (ICharLanguageModel, long)[] { (new RnnLanguageModel(text.Vocabulary, 100, 1), oneVector), (new GruLanguageModel(text.Vocabulary, 54, 1), 0) })
        {
            var trainer = new SequentialTrainer(model, text.Ids, 25, 0.1, 5);
            for (var i = 0; i < 5; i++)
            {
                trainer.Step();
            }

            Assert.Equal(20 * perStep, BytesOf(() =>
            {
                for (var i = 0; i < 20; i++)
                {
                    trainer.Step();
                }
            }));
        }
    }

    private static long BytesOf(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// The RNN's generated (loss, h) chunk: the state it leaves is the hand-written step's after every character, and
    /// its loss and gradient equal the loss-only model's with h0 held constant (what the trainer did before).
    /// </summary>
    [Fact]
    public void TheGeneratedChunkCarriesTheStateOfTheHandWrittenStep()
    {
        var rnn = new RnnLanguageModel(7, 5, 3);
        Init(rnn.Parameters);
        int[] inputs = [2, 4, 1, 1, 6, 0];
        int[] targets = [4, 1, 1, 6, 0, 3];
        var state = Vector<double>.Build.Random(5, 4) * 0.5;
        var stepped = state.Clone();
        foreach (var input in inputs)
        {
            rnn.Advance(stepped, input);
        }

        var (expectedLoss, _) = rnn.Model.Chunk(state, inputs, targets);
        var loss = rnn.ChunkBackward(state, inputs, targets);
        Assert.Equal(expectedLoss, loss, 12);
        Assert.True((state - stepped).InfinityNorm() < 1e-12);
    }

    /// <summary>The hand-written state step carried across chunks equals the differentiable model's recurrence.</summary>
    [Fact]
    public void CarriedStateMatchesTheDifferentiableStep()
    {
        var rnn = new RnnLanguageModel(7, 5, 3);
        Init(rnn.Parameters);
        var h = Vector<double>.Build.Random(5, 4) * 0.5;
        var expected = (rnn.Model.Wxh.Column(2) + rnn.Model.Whh * h + rnn.Model.bh).PointwiseTanh();
        rnn.Advance(h, 2);
        Assert.True((h - expected).InfinityNorm() < 1e-12);

        var gru = new GruLanguageModel(7, 5, 3);
        Init(gru.Parameters);
        var g = Vector<double>.Build.Random(5, 4) * 0.5;
        var cell = gru.Model.Cell(g, 3);
        gru.Advance(g, 3);
        Assert.True((g - cell).InfinityNorm() < 1e-12);
    }

    private static void Init(NlpSymbolic.Training.ParameterSet parameters)
    {
        var random = new Random(5);
        foreach (NlpSymbolic.Training.Parameter p in parameters)
        {
            var values = p.Values;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = random.NextDouble() - 0.5;
            }
        }
    }
}
