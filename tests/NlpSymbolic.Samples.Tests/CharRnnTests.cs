using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Samples.CharRnn;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

public class CharRnnTests
{
    private static string TinyShakespeare => CharText.ShippedTinyShakespeare;

    /// <summary>The lecture's loop (zero, LossBackward, carried state, clip, AdaGrad) allocates nothing once warm, for both models.</summary>
    [Fact]
    public void WarmStepsAllocateNothing()
    {
        var text = CharText.Load(TinyShakespeare, 25);
        foreach (ICharLanguageModel model in new ICharLanguageModel[] { new RnnLanguageModel(text.Vocabulary, 100, 1), new GruLanguageModel(text.Vocabulary, 54, 1) })
        {
            var trainer = new SequentialTrainer(model, text.Ids, 25, 0.1, 5);
            for (var i = 0; i < 5; i++)
            {
                trainer.Step();
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 20; i++)
            {
                trainer.Step();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
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
