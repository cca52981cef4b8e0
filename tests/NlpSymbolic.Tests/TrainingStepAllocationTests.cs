using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.Models;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// "0 B per step" where users use it: a whole training step — zero the gradients, the generated backward,
/// clipping, the non-finite check, the optimiser — of the window tagger and of the GRU language model
/// allocates nothing once warm.
/// </summary>
public class TrainingStepAllocationTests
{
    [Fact]
    public void WindowTaggerTrainingStepAllocatesNothingOnceWarm()
    {
        const int vocabulary = 200, d = 50, hidden = 100, tags = 17;
        var parameters = new ParameterSet();
        var L = parameters.Add("L", Init.Uniform(d, vocabulary, -0.1, 0.1, seed: 1), sparseColumns: true);
        var W = parameters.Add("W", Init.XavierUniform(hidden, 5 * d, seed: 2));
        var b = parameters.Add("b", Init.Zeros(hidden));
        var U = parameters.Add("U", Init.XavierUniform(tags, hidden, seed: 3));
        var c = parameters.Add("c", Init.Zeros(tags));
        var optimizer = new Adam(0.01);
        var random = new Random(5);
        var sentences = Enumerable.Range(0, 8).Select(_ => Enumerable.Range(0, 12).Select(_ => random.Next(vocabulary)).ToArray()).ToArray();
        var losses = new double[2];

        long Step(int i)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var tokens = sentences[i % sentences.Length];
            var t = 2 + i % 8;
            parameters.ZeroGradients();
            var loss = TrainingModels.WindowTagLossBackward(
                L.ValueMatrix!, W.ValueMatrix!, b.ValueVector!, U.ValueMatrix!, c.ValueVector!, tokens, t, i % tags,
                1.0, L.GradientMatrix!, W.GradientMatrix!, b.GradientVector!, U.GradientMatrix!, c.GradientVector!);
            L.TouchColumns(tokens.AsSpan(t - 2, 5));
            GradientClipping.ClipByGlobalNorm(parameters, 5);
            if (parameters.FirstNonFiniteGradient() is not null || !double.IsFinite(loss))
            {
                throw new InvalidOperationException("diverged");
            }

            optimizer.Step(parameters);
            losses[i % 2] = loss;
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        for (var i = 0; i < 100; i++)
        {
            Step(i);
        }

        Assert.Equal(0, Enumerable.Range(100, 20).Sum(i => Step(i)));
    }

    [Fact]
    public void GruLanguageModelTrainingStepAllocatesNothingOnceWarm()
    {
        const int vocabulary = 30, d = 16, hidden = 24;
        var parameters = new ParameterSet();
        var Wz = parameters.Add("Wz", Init.XavierUniform(hidden, d, seed: 1));
        var Uz = parameters.Add("Uz", Init.XavierUniform(hidden, hidden, seed: 2));
        var Wr = parameters.Add("Wr", Init.XavierUniform(hidden, d, seed: 3));
        var Ur = parameters.Add("Ur", Init.XavierUniform(hidden, hidden, seed: 4));
        var W = parameters.Add("W", Init.XavierUniform(hidden, d, seed: 5));
        var U = parameters.Add("U", Init.XavierUniform(hidden, hidden, seed: 6));
        var L = parameters.Add("L", Init.Uniform(d, vocabulary, -0.1, 0.1, seed: 7));
        var V = parameters.Add("V", Init.XavierUniform(vocabulary, hidden, seed: 8));
        var h0 = Vector<double>.Build.Dense(hidden);
        var dh0 = Vector<double>.Build.Dense(hidden);
        var optimizer = new AdaGrad(0.1);
        var random = new Random(9);
        var chunks = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 26).Select(_ => random.Next(vocabulary)).ToArray()).ToArray();

        long Step(int i)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            parameters.ZeroGradients();
            SequenceModels.GruSequenceLossBackward(
                Wz.ValueMatrix!, Uz.ValueMatrix!, Wr.ValueMatrix!, Ur.ValueMatrix!, W.ValueMatrix!, U.ValueMatrix!, L.ValueMatrix!, V.ValueMatrix!, h0,
                chunks[i % chunks.Length], 1.0,
                Wz.GradientMatrix!, Uz.GradientMatrix!, Wr.GradientMatrix!, Ur.GradientMatrix!, W.GradientMatrix!, U.GradientMatrix!, L.GradientMatrix!, V.GradientMatrix!, dh0);
            GradientClipping.ClipByValue(parameters, 5);
            optimizer.Step(parameters);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        for (var i = 0; i < 20; i++)
        {
            Step(i);
        }

        Assert.Equal(0, Enumerable.Range(20, 8).Sum(i => Step(i)));
    }
}
