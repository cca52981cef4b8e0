using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// One minibatch training step (data-parallel gradient with the fixed-order reduction, then the optimiser)
/// with 1 and 2 workers: the ratio of the two is the speed-up on this 2-core machine (target ≥ 1.7×).
/// Window tagger: 64 windows, vocabulary 5,000, d = 50, hidden 100, 17 tags, sparse embeddings, Adam.
/// GRU language model: 16 chunks of 25 characters, 65 symbols, d = 50, hidden 100, AdaGrad.
/// </summary>
[MemoryDiagnoser]
public class DataParallelBenchmarks
{
    private const int Windows = 64, Chunks = 16;

    [Params(1, 2)]
    public int Workers { get; set; }

    private ParameterSet window = null!, gru = null!;
    private DataParallelBackward<(int[] Tokens, int T, int Tag)> windowGradients = null!;
    private DataParallelBackward<int[]> gruGradients = null!;
    private (int[] Tokens, int T, int Tag)[] windowBatch = null!;
    private int[][] gruBatch = null!;
    private readonly Adam adam = new(1e-3);
    private readonly AdaGrad adaGrad = new(0.1);
    private Vector<double> h0 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        window = new ParameterSet();
        window.Add("L", Init.Uniform(50, 5000, -0.1, 0.1, seed: 1), sparseColumns: true);
        window.Add("W", Init.XavierUniform(100, 250, seed: 2));
        window.Add("b", Init.Zeros(100));
        window.Add("U", Init.XavierUniform(17, 100, seed: 3));
        window.Add("c", Init.Zeros(17));
        windowBatch = Enumerable.Range(0, Windows)
            .Select(_ => (Enumerable.Range(0, 9).Select(_ => random.Next(5000)).ToArray(), 4, random.Next(17))).ToArray();
        windowGradients = new DataParallelBackward<(int[] Tokens, int T, int Tag)>(window, (e, g) =>
        {
            var loss = TrainingModels.WindowTagLossBackward(
                g[0].ValueMatrix!, g[1].ValueMatrix!, g[2].ValueVector!, g[3].ValueMatrix!, g[4].ValueVector!, e.Tokens, e.T, e.Tag, 1.0,
                g[0].GradientMatrix!, g[1].GradientMatrix!, g[2].GradientVector!, g[3].GradientMatrix!, g[4].GradientVector!);
            g[0].TouchColumns(e.Tokens.AsSpan(e.T - 2, 5));
            return loss;
        }, workerCount: Workers);

        gru = new ParameterSet();
        foreach (var name in new[] { "Wz", "Wr", "W" })
        {
            gru.Add(name, Init.XavierUniform(100, 50, seed: name.Length));
        }

        foreach (var name in new[] { "Uz", "Ur", "U" })
        {
            gru.Add(name, Init.XavierUniform(100, 100, seed: 10 + name.Length));
        }

        gru.Add("L", Init.Uniform(50, 65, -0.1, 0.1, seed: 20));
        gru.Add("V", Init.XavierUniform(65, 100, seed: 21));
        h0 = Vector<double>.Build.Dense(100);
        gruBatch = Enumerable.Range(0, Chunks).Select(_ => Enumerable.Range(0, 26).Select(_ => random.Next(65)).ToArray()).ToArray();
        gruGradients = new DataParallelBackward<int[]>(gru, (tokens, g) =>
        {
            // h0's gradient is not wanted: null, and the generated backward skips it.
            return TrainingModels.GruSequenceLossBackward(
                g[0].ValueMatrix!, g[3].ValueMatrix!, g[1].ValueMatrix!, g[4].ValueMatrix!, g[2].ValueMatrix!, g[5].ValueMatrix!,
                g[6].ValueMatrix!, g[7].ValueMatrix!, h0, tokens, 1.0,
                g[0].GradientMatrix!, g[3].GradientMatrix!, g[1].GradientMatrix!, g[4].GradientMatrix!, g[2].GradientMatrix!, g[5].GradientMatrix!,
                g[6].GradientMatrix!, g[7].GradientMatrix!, null);
        }, workerCount: Workers);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        windowGradients.Dispose();
        gruGradients.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Windows)]
    public double WindowTaggerStep()
    {
        window.ZeroGradients();
        var loss = windowGradients.ComputeGradients(windowBatch).Loss;
        adam.Step(window);
        return loss;
    }

    [Benchmark(OperationsPerInvoke = Chunks)]
    public double GruLanguageModelStep()
    {
        gru.ZeroGradients();
        var loss = gruGradients.ComputeGradients(gruBatch).Loss;
        adaGrad.Step(gru);
        return loss;
    }
}
