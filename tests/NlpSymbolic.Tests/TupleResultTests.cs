using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Tests.GradientChecking;
using NlpSymbolic.Tests.Models;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// Several outputs: methods returning tuples against central differences of ⟨dResult, result⟩ summed over the
/// components, with every component seeded and with each one's seed null (vector, matrix) or 0 (scalar) in turn;
/// callers deconstructing them in loops and branches; the LSTM and the char-RNN chunk of models.md §6.
/// </summary>
public class TupleResultTests
{
    private static readonly int[] Seeds = { 1, 2, 3 };

    public static IEnumerable<object[]> Cases() =>
        new[] { typeof(TupleModels), typeof(LstmModels), typeof(CharRnnChunk) }
            .SelectMany(type => GradientChecker.MethodsOf(type).Select(m => (type, name: (string)m[0])))
            .SelectMany(m => Enumerable.Range(-1, GradientChecker.ComponentCount(m.type, m.name) + 1)
                .Select(drop => new object[] { m.type.Name, m.name, drop }));

    private static Type TypeNamed(string name) => name switch
    {
        nameof(TupleModels) => typeof(TupleModels),
        nameof(LstmModels) => typeof(LstmModels),
        _ => typeof(CharRnnChunk),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedGradientPassesTheGradientCheck(string type, string name, int dropComponent)
    {
        foreach (var seed in Seeds)
        {
            GradientChecker.Check(TypeNamed(type), name, seed, dropComponent);
        }
    }

    [Fact]
    public void VectorComponentsAreCopiesTheCallerOwns()
    {
        var u = Vector<double>.Build.Dense(4, i => i + 1.0);
        var v = Vector<double>.Build.Dense(3, i => i - 1.0);
        var du = Vector<double>.Build.Dense(4);
        var dv = Vector<double>.Build.Dense(3);
        var (outer, norm, same) = TupleModels.ThreeOutputsBackward(u, v, (null, 1.0, null), du, dv);
        Assert.NotSame(u, same);
        Assert.Equal(u, same);
        Assert.Equal(u.OuterProduct(v), outer);
        Assert.Equal(u.OuterProduct(v).FrobeniusNorm(), norm, 12);
    }

    [Fact]
    public void NullSeedsMeanNoGradientFromThoseOutputs()
    {
        var W = Matrix<double>.Build.Dense(4, 3, (i, j) => 0.1 * (i - j));
        var x = Vector<double>.Build.Dense(3, i => 0.3 * i);
        var h0 = Vector<double>.Build.Dense(4, i => 0.2 - 0.1 * i);
        var dW = Matrix<double>.Build.Dense(4, 3);
        var dx = Vector<double>.Build.Dense(3);
        var dh0 = Vector<double>.Build.Dense(4);
        var (loss, h) = TupleModels.ScalarAndVectorBackward(W, x, h0, (0.0, null), dW, dx, dh0);
        Assert.Equal(TupleModels.ScalarAndVector(W, x, h0).loss, loss, 12);
        Assert.Equal(TupleModels.ScalarAndVector(W, x, h0).h, h);
        Assert.Equal(0.0, dW.FrobeniusNorm());
        Assert.Equal(0.0, dx.L2Norm());
        Assert.Equal(0.0, dh0.L2Norm());
    }

    [Fact]
    public void ASeedOfTheWrongShapeIsRejected()
    {
        var W = Matrix<double>.Build.Dense(4, 3);
        var x = Vector<double>.Build.Dense(3);
        var h0 = Vector<double>.Build.Dense(4);
        var error = Assert.Throws<ArgumentException>(() => TupleModels.ScalarAndVectorBackward(
            W, x, h0, (1.0, Vector<double>.Build.Dense(5)), Matrix<double>.Build.Dense(4, 3), Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(4)));
        Assert.Contains("dResult.h", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The chunk's (loss, h) equals the whole-sequence model's loss and its last state; chunk after chunk with seed
    /// (1, null), the gradients equal those of <see cref="CharRnn"/>'s per-chunk loss with h0 held constant.
    /// </summary>
    [Fact]
    public void CharRnnChunkMatchesTheModelClassChunkByChunk()
    {
        var model = new CharRnn(vocabulary: 5, hidden: 4, seed: 3);
        var gradients = new CharRnn.Gradients(model);
        var dWxh = Matrix<double>.Build.Dense(4, 5);
        var dWhh = Matrix<double>.Build.Dense(4, 4);
        var dWhy = Matrix<double>.Build.Dense(5, 4);
        var dbh = Vector<double>.Build.Dense(4);
        var dby = Vector<double>.Build.Dense(5);
        var h = Vector<double>.Build.Dense(4);
        var chunks = new[] { (new[] { 0, 3, 1 }, new[] { 3, 1, 4 }), (new[] { 4, 2, 2 }, new[] { 2, 2, 0 }) };
        foreach (var (inputs, targets) in chunks)
        {
            var expectedLoss = model.LossBackward(h, inputs, targets, 1.0, gradients, Vector<double>.Build.Dense(4));
            var (loss, next) = CharRnnChunk.ChunkBackward(
                model.Wxh, model.Whh, model.Why, model.bh, model.by, h, inputs, targets, (1.0, null),
                dWxh, dWhh, dWhy, dbh, dby, Vector<double>.Build.Dense(4));
            Assert.Equal(expectedLoss, loss, 12);
            var state = h;
            foreach (var input in inputs)
            {
                state = model.Step(state, input);
            }

            GradientChecker.AssertClose(state, next, 1e-12, "the chunk's last state");
            h = next;
        }

        GradientChecker.AssertClose(gradients.Wxh, dWxh, 1e-12, "dWxh");
        GradientChecker.AssertClose(gradients.Whh, dWhh, 1e-12, "dWhh");
        GradientChecker.AssertClose(gradients.Why, dWhy, 1e-12, "dWhy");
        GradientChecker.AssertClose(gradients.bh, dbh, 1e-12, "dbh");
        GradientChecker.AssertClose(gradients.by, dby, 1e-12, "dby");
    }
}
