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
        // W is 3 × 400: large enough to cross straight from its gradient array, not in the packed vector.
        const int Wide = 400;
        Assert.True(3 * Wide >= ShardReduction.DirectMinimum);
        (double[][] reference, double[] referenceLosses) = Train(Communicator.InProcess, shards, workers: 1, Wide);
        // Two ranks add W's two halves as a pair (MPI_Allreduce) or through the ordered exchange; more ranks always
        // take the exchange, with one subtree per rank (3 shards over 3 ranks) or several (8 over 3 or 5).
        foreach ((int ranks, bool sumsPairs) in new[] { (2, true), (2, false), (3, false), (5, false) })
        {
            using var cluster = new FakeCluster(ranks, sumsPairs);
            (double[][] Values, double[] Losses)[] results = cluster.Run(c => Train(c, shards, workers: 2, Wide));
            for (int r = 0; r < ranks; r++)
            {
                string where = $"{shards} shards, {ranks} ranks (pair sums: {sumsPairs}), rank {r}, W of 3 × {Wide}";
                TrainingAssert.BitIdentical(reference, results[r].Values, where);
                Assert.Equal(referenceLosses, results[r].Losses);
            }
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

    private static (double[][] Values, double[] Losses) Train(Communicator communicator, int shards, int workers, int dimension = 6)
    {
        ParameterSet set = BagOfWordsClassifier.Create(dimension: dimension);
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
