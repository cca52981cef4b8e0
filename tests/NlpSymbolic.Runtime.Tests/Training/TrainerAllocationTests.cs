using System;
using System.Collections.Generic;
using NlpSymbolic.Training;
using Xunit;
using Xunit.Abstractions;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>Runs alone, so whole-process allocation counts are not polluted by tests on other threads.</summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;

/// <summary>A warmed-up trainer step allocates nothing.</summary>
[Collection(nameof(AllocationSensitive))]
public sealed class TrainerAllocationTests(ITestOutputHelper output)
{
    // 64 examples in batches of 4: 16 steps per epoch. Steps 20 … 32 lie inside epoch 2, away from the
    // epoch ends (which record the epoch loss) and from the first steps (which size the optimiser state).
    private const int FirstMeasured = 20, LastMeasured = 32;
    private static readonly List<Sentence> Data = BagOfWordsClassifier.Data(64, seed: 3);

    /// <summary>
    /// Trains 3 epochs while the backward samples the allocation counters on the calling thread when a step's
    /// first example starts (shard 0 always runs there, first); returns the per-thread counts by step and the
    /// whole-process counts at the first and last measured steps.
    /// </summary>
    private static (long[] ThisThread, long TotalBefore, long TotalAfter) Measure(int workers, Optimizer optimizer)
    {
        var thisThread = new long[64];
        long totalBefore = 0, totalAfter = 0;
        int callerThread = Environment.CurrentManagedThreadId;
        long lastStep = 0;
        double Backward(Sentence sentence, ParameterSet gradients, ExampleContext context)
        {
            if (context.Step != lastStep && Environment.CurrentManagedThreadId == callerThread)
            {
                lastStep = context.Step;
                thisThread[context.Step] = GC.GetAllocatedBytesForCurrentThread();
                if (context.Step == FirstMeasured)
                {
                    totalBefore = GC.GetTotalAllocatedBytes(precise: true);
                }
                else if (context.Step == LastMeasured)
                {
                    totalAfter = GC.GetTotalAllocatedBytes(precise: true);
                }
            }

            return BagOfWordsClassifier.Backward(sentence, gradients);
        }

        ParameterSet set = BagOfWordsClassifier.Create();
        var trainer = new Trainer<Sentence>(set, optimizer, Backward, new TrainerOptions
        {
            BatchSize = 4, MaxEpochs = 3, WorkerCount = workers, ShardCount = 3, ProgressInterval = null,
            ClipGradientValue = 5, ClipGradientNorm = 1, Schedule = new WarmupDecaySchedule(0.05, 5, 48),
        });
        trainer.Train(Data);
        return (thisThread, totalBefore, totalAfter);
    }

    [Theory]
    [InlineData(1, "adam")]
    [InlineData(2, "adam")]
    [InlineData(2, "momentum")]
    [InlineData(3, "adagrad")]
    public void SteadyStateStepsAllocateNothingOnTheCallingThread(int workers, string optimizer)
    {
        var (thisThread, _, _) = Measure(workers, optimizer switch
        {
            "adam" => new Adam(0.05),
            "momentum" => new Sgd(0.05, momentum: 0.9),
            _ => new AdaGrad(0.05),
        });

        for (int step = FirstMeasured; step < LastMeasured; step++)
        {
            Assert.True(thisThread[step + 1] - thisThread[step] == 0,
                $"step {step} allocated {thisThread[step + 1] - thisThread[step]} bytes on the calling thread");
        }
    }

    [Fact]
    public void SteadyStateStepsAllocateAlmostNothingOnAnyThread()
    {
        Measure(2, new Adam(0.05)); // warm up the JIT and the worker machinery
        var (_, before, after) = Measure(2, new Adam(0.05));
        output.WriteLine($"{after - before} bytes allocated by the process over {LastMeasured - FirstMeasured} steps");

        // Not exactly 0: the runtime's own threads (tiered JIT, timers) may allocate meanwhile.
        Assert.InRange(after - before, 0, 2048);
    }
}
