using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

public sealed class DataParallelBackwardTests
{
    private static readonly List<Sentence> Data = BagOfWordsClassifier.Data(23);

    [Fact]
    public void OneShardSumEqualsAccumulatingEveryExampleInOrder()
    {
        ParameterSet expected = BagOfWordsClassifier.Create();
        double expectedLoss = 0;
        foreach (Sentence sentence in Data)
        {
            expectedLoss += BagOfWordsClassifier.Backward(sentence, expected);
        }

        ParameterSet set = BagOfWordsClassifier.Create();
        using var parallel = new DataParallelBackward<Sentence>(set, BagOfWordsClassifier.Backward, shardCount: 1, workerCount: 1, GradientReduction.Sum);
        MinibatchGradient result = parallel.ComputeGradients(Data);

        TrainingAssert.BitIdentical(TrainingAssert.Gradients(expected), TrainingAssert.Gradients(set), "gradients");
        Assert.Equal(expectedLoss, result.Loss);
        Assert.Equal((Data.Count, -1), (result.Count, result.FirstNonFiniteLossIndex));
    }

    [Fact]
    public void ShardedMinibatchGradientIsTheSumOfPerExampleGradients()
    {
        ParameterSet single = BagOfWordsClassifier.Create();
        double[][] sum = TrainingAssert.Gradients(single);
        var touched = new HashSet<int>();
        int[] batch = [3, 17, 4, 4, 20, 0, 9, 11, 15, 2];
        foreach (int index in batch)
        {
            single.ZeroGradients();
            BagOfWordsClassifier.Backward(Data[index], single);
            touched.UnionWith(single[BagOfWordsClassifier.E].TouchedColumns.ToArray());
            for (int p = 0; p < single.Count; p++)
            {
                for (int i = 0; i < sum[p].Length; i++)
                {
                    sum[p][i] += single[p].Gradients[i];
                }
            }
        }

        ParameterSet set = BagOfWordsClassifier.Create();
        using var parallel = new DataParallelBackward<Sentence>(set, BagOfWordsClassifier.Backward, shardCount: 3, workerCount: 2, GradientReduction.Sum);
        parallel.ComputeGradients(Data, batch);

        for (int p = 0; p < set.Count; p++)
        {
            for (int i = 0; i < sum[p].Length; i++)
            {
                Assert.Equal(sum[p][i], set[p].Gradients[i], 1e-12);
            }
        }

        Assert.Equal(touched.Order(), set[BagOfWordsClassifier.E].TouchedColumns.ToArray().Order());
    }

    [Fact]
    public void MeanIsTheSumTimesTheReciprocalOfTheBatchSize()
    {
        ParameterSet summed = BagOfWordsClassifier.Create(), averaged = BagOfWordsClassifier.Create();
        using var sum = new DataParallelBackward<Sentence>(summed, BagOfWordsClassifier.Backward, 4, 2, GradientReduction.Sum);
        using var mean = new DataParallelBackward<Sentence>(averaged, BagOfWordsClassifier.Backward, 4, 2, GradientReduction.Mean);
        MinibatchGradient a = sum.ComputeGradients(Data), b = mean.ComputeGradients(Data);

        double[][] expected = TrainingAssert.Gradients(summed);
        foreach (double[] g in expected)
        {
            for (int i = 0; i < g.Length; i++)
            {
                g[i] *= 1.0 / Data.Count;
            }
        }

        TrainingAssert.BitIdentical(expected, TrainingAssert.Gradients(averaged), "gradients");
        Assert.Equal(a.Loss, b.Loss); // the loss is always the sum
    }

    [Fact]
    public void GradientsAreBitIdenticalForAnyWorkerCount()
    {
        double[][]? reference = null;
        int[]? referenceColumns = null;
        foreach (int workers in new[] { 1, 2, 3, 5 })
        {
            ParameterSet set = BagOfWordsClassifier.Create();
            using var parallel = new DataParallelBackward<Sentence>(set, BagOfWordsClassifier.Backward, shardCount: 5, workerCount: workers);
            Assert.Equal(workers, parallel.WorkerCount);
            for (int repeat = 0; repeat < 3; repeat++)
            {
                parallel.ComputeGradients(Data, Enumerable.Range(0, Data.Count).Reverse().ToArray());
            }

            double[][] gradients = TrainingAssert.Gradients(set);
            int[] columns = set[BagOfWordsClassifier.E].TouchedColumns.ToArray();
            if (reference is null)
            {
                (reference, referenceColumns) = (gradients, columns);
                continue;
            }

            TrainingAssert.BitIdentical(reference, gradients, $"gradients with {workers} workers");
            Assert.Equal(referenceColumns, columns);
        }
    }

    [Fact]
    public void ExampleSeedsDependOnSeedEpochAndIndexOnly()
    {
        Dictionary<int, ulong> Seeds(int shards, int workers, int[] batch, int epoch, int seed)
        {
            var seen = new ConcurrentDictionary<int, ulong>();
            using var parallel = new DataParallelBackward<Sentence>(
                BagOfWordsClassifier.Create(), (s, g, context) => { seen[context.Index] = context.Seed; return 0; }, shards, workers);
            parallel.ComputeGradients(Data, batch, epoch, step: 1, seed);
            return new Dictionary<int, ulong>(seen);
        }

        Dictionary<int, ulong> a = Seeds(1, 1, [0, 1, 2, 3, 4, 5], epoch: 2, seed: 9);
        Dictionary<int, ulong> b = Seeds(4, 3, [5, 4, 3, 2, 1, 0], epoch: 2, seed: 9);
        Assert.Equal(a.OrderBy(p => p.Key), b.OrderBy(p => p.Key));
        Assert.Equal(6, a.Values.Distinct().Count());
        Assert.NotEqual(a[0], Seeds(1, 1, [0], epoch: 3, seed: 9)[0]);
        Assert.NotEqual(a[0], Seeds(1, 1, [0], epoch: 2, seed: 10)[0]);
    }

    [Fact]
    public void ABackwardExceptionOnAWorkerIsRethrownAndTheWorkersCarryOn()
    {
        ParameterSet set = BagOfWordsClassifier.Create();
        bool fail = true;
        using var parallel = new DataParallelBackward<Sentence>(
            set,
            (sentence, g) => fail && ReferenceEquals(sentence, Data[20]) ? throw new FormatException("bad example") : BagOfWordsClassifier.Backward(sentence, g),
            shardCount: 4,
            workerCount: 2);

        FormatException error = Assert.Throws<FormatException>(() => parallel.ComputeGradients(Data));
        Assert.Equal("bad example", error.Message);

        fail = false;
        MinibatchGradient result = parallel.ComputeGradients(Data);
        Assert.True(double.IsFinite(result.Loss));
    }

    [Fact]
    public void ANonFiniteExampleLossIsLocated()
    {
        using var parallel = new DataParallelBackward<Sentence>(
            BagOfWordsClassifier.Create(), (s, g, c) => c.Index is 7 or 12 ? double.NaN : 1.0, shardCount: 3, workerCount: 2);
        MinibatchGradient result = parallel.ComputeGradients(Data, new[] { 1, 12, 3, 7, 5 });
        Assert.Equal(12, result.FirstNonFiniteLossIndex);
        Assert.True(double.IsNaN(result.Loss));
    }
}
