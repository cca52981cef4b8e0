using System;
using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Runtime.Tests.Training;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Distributed;

/// <summary>
/// The fixed reduction order, checked without MPI: ranks are threads of this process (<see cref="FakeCluster"/>),
/// and every split of the shards over ranks and workers must give the weights of one process bit for bit.
/// </summary>
public sealed class DistributedTrainingTests
{
    private static readonly List<Sentence> Data = BagOfWordsClassifier.Data(53);

    public static TheoryData<int> ShardCounts => new() { 1, 2, 3, 5, 8 };

    [Theory]
    [MemberData(nameof(ShardCounts))]
    public void WeightsAreBitIdenticalForEverySplitOverRanksAndWorkers(int shards)
    {
        // Batch 16 over 53 examples: a short last minibatch (5) with fewer examples than some shard counts.
        (double[][] reference, double[] referenceLosses) = Train(Communicator.InProcess, shards, workers: 1);
        foreach (int ranks in new[] { 2, 3, 4, 9 })
        {
            foreach (int workers in new[] { 1, 2 })
            {
                using var cluster = new FakeCluster(ranks);
                (double[][] Values, double[] Losses)[] results = cluster.Run(c => Train(c, shards, workers));
                for (int r = 0; r < ranks; r++)
                {
                    string where = $"{shards} shards, {ranks} ranks × {workers} workers, rank {r}";
                    TrainingAssert.BitIdentical(reference, results[r].Values, where);
                    Assert.Equal(referenceLosses, results[r].Losses);
                }
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void AParameterThatCrossesOnItsOwnGivesTheSameWeights(int shards)
    {
        // W is 5,462 classes × 6: large enough to cross straight from its gradient array, not in the packed vector
        // (the data uses three of the classes).
        const int Classes = 5462;
        Assert.True(Classes * 6 >= RankExchange.DirectMinimum);
        (double[][] reference, double[] referenceLosses) = Train(Communicator.InProcess, shards, workers: 1, classes: Classes);
        // Two ranks swap their halves of the tree and add them, or take the ordered exchange; more ranks always
        // take the exchange, with one subtree per rank (3 shards over 3 ranks) or several (8 over 3 or 5).
        foreach ((int ranks, bool swapsPairs) in new[] { (2, true), (2, false), (3, false), (5, false) })
        {
            using var cluster = new FakeCluster(ranks, swapsPairs);
            (double[][] Values, double[] Losses)[] results = cluster.Run(c => Train(c, shards, workers: 2, classes: Classes));
            for (int r = 0; r < ranks; r++)
            {
                string where = $"{shards} shards, {ranks} ranks (pair swaps: {swapsPairs}), rank {r}, W of {Classes} × 6";
                TrainingAssert.BitIdentical(reference, results[r].Values, where);
                Assert.Equal(referenceLosses, results[r].Losses);
            }

            // Swapped only when each of two ranks holds one subtree: 8 shards split 4 + 4; 3 shards make rank 0 two
            // subtrees (shard 1 meets shard 2 before shard 0), which takes the ordered exchange.
            Assert.Equal(swapsPairs && shards == 8, cluster.Swaps > 0);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AColumnOnlyOneRankTouchedKeepsItsNegativeZero(bool swapsPairs)
    {
        // Shard 0 (rank 0) sets column 1 to −0, shard 1 (rank 1) touches column 2 only. The tree leaves column 1 as
        // shard 0 made it; a rank that sent +0 for the column it did not touch would turn −0 + 0 into +0.
        static double Backward(int example, ParameterSet g)
        {
            int column = example == 0 ? 1 : 2;
            g[0].TouchColumn(column);
            g[0].GradientColumn(column).Fill(example == 0 ? -0.0 : 1.5);
            return 0;
        }

        static long[] Gradients(Communicator communicator)
        {
            var set = new ParameterSet();
            set.Add("E", MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 4), sparseColumns: true);
            using var parallel = new DataParallelBackward<int>(set, Backward, shardCount: 2, workerCount: 1, GradientReduction.Sum, communicator);
            parallel.ComputeGradients([0, 1]);
            return [.. set[0].Gradients.Select(BitConverter.DoubleToInt64Bits), .. set[0].TouchedColumns.ToArray()];
        }

        long[] alone = Gradients(Communicator.InProcess);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), alone[2]); // column 1's first entry: the test can tell −0 from +0
        using var cluster = new FakeCluster(2, swapsPairs);
        foreach (long[] rank in cluster.Run(Gradients))
        {
            Assert.Equal(alone, rank);
        }

        Assert.Equal(swapsPairs, cluster.Swaps > 0);
    }

    [Fact]
    public void AModelWhoseOnlyParameterCrossesOnItsOwnSendsNoPackedVector()
    {
        // Nothing rides in the packed vector: the ranks skip its collectives and still end with one process's sum.
        static double Backward(int example, ParameterSet g)
        {
            Span<double> gradient = g[0].Gradients;
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] += 0.1 * ((example * 7919) + i) % 13;
            }

            return example;
        }

        static long[] Gradients(Communicator communicator)
        {
            var set = new ParameterSet();
            set.Add("v", MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(RankExchange.DirectMinimum));
            using var parallel = new DataParallelBackward<int>(set, Backward, shardCount: 8, workerCount: 1, communicator: communicator);
            MinibatchGradient batch = parallel.ComputeGradients(Enumerable.Range(0, 13).ToArray());
            return [.. set[0].Gradients.Select(BitConverter.DoubleToInt64Bits), BitConverter.DoubleToInt64Bits(batch.Loss)];
        }

        long[] alone = Gradients(Communicator.InProcess);
        foreach ((int ranks, bool swapsPairs) in new[] { (2, true), (2, false), (3, false) })
        {
            using var cluster = new FakeCluster(ranks, swapsPairs);
            Assert.All(cluster.Run(Gradients), rank => Assert.Equal(alone, rank));
        }
    }

    [Fact]
    public void OneProcessSumsTheShardsPairwise()
    {
        // Five shards bracket as (s0 + s1) + (s2 + (s3 + s4)); checked against that sum written out by hand.
        int[] batch = Enumerable.Range(0, 10).ToArray();
        var shardSets = new ParameterSet[5];
        for (int s = 0; s < 5; s++)
        {
            shardSets[s] = BagOfWordsClassifier.Create();
            shardSets[s].ZeroGradients();
            for (int i = 2 * s; i < (2 * s) + 2; i++)
            {
                BagOfWordsClassifier.Backward(Data[batch[i]], shardSets[s]);
            }
        }

        ParameterSet set = BagOfWordsClassifier.Create();
        using var parallel = new DataParallelBackward<Sentence>(set, BagOfWordsClassifier.Backward, shardCount: 5, workerCount: 2, GradientReduction.Sum);
        parallel.ComputeGradients(Data, batch);

        var pairwise = new List<long>();
        var leftToRight = new List<long>();
        for (int p = BagOfWordsClassifier.W; p <= BagOfWordsClassifier.B; p++)
        {
            double[][] g = shardSets.Select(x => x[p].Gradients).ToArray();
            double[] expected = g[0].Select((_, i) => (g[0][i] + g[1][i]) + (g[2][i] + (g[3][i] + g[4][i]))).ToArray();
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), set[p].Gradients.Select(BitConverter.DoubleToInt64Bits));
            pairwise.AddRange(expected.Select(BitConverter.DoubleToInt64Bits));
            leftToRight.AddRange(g[0].Select((_, i) => BitConverter.DoubleToInt64Bits((((g[0][i] + g[1][i]) + g[2][i]) + g[3][i]) + g[4][i])));
        }

        Assert.NotEqual(leftToRight, pairwise); // the data tells the two orders apart, so the test can fail
    }

    [Fact]
    public void RanksThatStartFromDifferentParametersAreStopped()
    {
        using var cluster = new FakeCluster(2);
        string[] messages = cluster.Run(c =>
        {
            ParameterSet set = BagOfWordsClassifier.Create(seed: 1 + c.Rank);
            var error = Assert.Throws<InvalidOperationException>(() =>
                new DataParallelBackward<Sentence>(set, BagOfWordsClassifier.Backward, communicator: c));
            return error.Message;
        });
        Assert.All(messages, m => Assert.Equal("Rank 1 starts from other parameter values than rank 0. Every rank must initialise with the same seed, or resume from the same checkpoint.", m));
    }

    [Fact]
    public void OnlyRankZeroReportsAndWritesCheckpoints()
    {
        using var cluster = new FakeCluster(2);
        (int Reports, int Checkpoints)[] counts = cluster.Run(c =>
        {
            var sink = new RecordingCheckpointSink();
            int reports = 0;
            var trainer = new Trainer<Sentence>(BagOfWordsClassifier.Create(), new Sgd(0.1), BagOfWordsClassifier.Backward, new TrainerOptions
            {
                BatchSize = 16, MaxEpochs = 2, WorkerCount = 1, Communicator = c, Checkpoints = sink, CheckpointEachEpoch = true,
                Progress = new SynchronousProgress(_ => reports++),
            });
            trainer.Train(Data);
            return (reports, sink.Saved.Count);
        });
        Assert.True(counts[0].Reports > 0 && counts[0].Checkpoints > 0);
        Assert.Equal((0, 0), counts[1]);
    }

    [Fact]
    public void OnlyRankZeroEvaluatesAndEveryRankStopsOnItsMetrics()
    {
        // The metric peaks at epoch 2, so early stopping (patience 1) ends after epoch 3 and restores epoch 2's
        // weights: every rank must take both decisions from rank 0's numbers.
        static (int Calls, double[] Metric, long[] Weights) Run(Communicator communicator)
        {
            int calls = 0;
            ParameterSet set = BagOfWordsClassifier.Create();
            var trainer = new Trainer<Sentence>(set, new Adam(0.05), BagOfWordsClassifier.Backward, new TrainerOptions
            {
                BatchSize = 16, MaxEpochs = 6, WorkerCount = 1, Communicator = communicator,
                Evaluate = () => new Dictionary<string, double> { ["dev/ünïcode"] = ++calls == 2 ? 0.9 : 0.1 * calls, ["dev/other"] = -0.0 },
                EarlyStopping = new EarlyStopping("dev/ünïcode", higherIsBetter: true, patience: 1),
            });
            TrainingResult result = trainer.Train(Data);
            Assert.Equal(TrainingOutcome.EarlyStopped, result.Outcome);
            Assert.Equal(2, result.BestEpoch);
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(trainer.History.Series("dev/other")[0].Value));
            return (calls, trainer.History.Series("dev/ünïcode").Select(p => p.Value).ToArray(),
                TrainingAssert.Values(set).SelectMany(v => v).Select(BitConverter.DoubleToInt64Bits).ToArray());
        }

        (int Calls, double[] Metric, long[] Weights) alone = Run(Communicator.InProcess);
        using var cluster = new FakeCluster(2);
        (int Calls, double[] Metric, long[] Weights)[] ranks = cluster.Run(Run);
        Assert.Equal(3, ranks[0].Calls);
        Assert.Equal(0, ranks[1].Calls);
        Assert.All(ranks, r => Assert.Equal(alone.Metric, r.Metric));
        Assert.All(ranks, r => Assert.Equal(alone.Weights, r.Weights));
    }

    private static (double[][] Values, double[] Losses) Train(Communicator communicator, int shards, int workers, int classes = 3)
    {
        ParameterSet set = BagOfWordsClassifier.Create(classes: classes);
        var losses = new List<double>();
        var trainer = new Trainer<Sentence>(set, new Adam(0.05), BagOfWordsClassifier.Backward, new TrainerOptions
        {
            BatchSize = 16, MaxEpochs = 3, ShardCount = shards, WorkerCount = workers, Communicator = communicator,
            ClipGradientNorm = 0.5, Seed = 3,
        });
        trainer.Train(Data);
        losses.AddRange(trainer.History.Series(MetricHistory.TrainEpochLoss).Select(p => p.Value));
        return (TrainingAssert.Values(set), losses.ToArray());
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
