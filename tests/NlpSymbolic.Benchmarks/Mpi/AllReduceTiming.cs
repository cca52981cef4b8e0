using System;
using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;

namespace NlpSymbolic.Benchmarks.Mpi;

/// <summary>
/// The trainer's ordered gradient exchange against MPI's own all-reduce of the same numbers, alternating in one run:
/// <code>
/// mpiexec.mpich -n 2 dotnet tests/NlpSymbolic.Benchmarks/bin/Release/net10.0/NlpSymbolic.Benchmarks.dll --allreduce 113000 400
/// </code>
/// and the C yardstick beside it (Mpi/allreduce.c). Median times: the machine is shared.
/// </summary>
internal static class AllReduceTiming
{
    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--allreduce");
        int n = args.Length > at + 1 ? int.Parse(args[at + 1]) : 113_000;
        int repeats = args.Length > at + 2 ? int.Parse(args[at + 2]) : 400;
        using var communicator = (MpiCommunicator)MpiCommunicator.FromEnvironment();
        var parameters = new ParameterSet();
        parameters.Add("g", Vector<double>.Build.Dense(n));
        const int Shards = 8;
        var shards = new ParameterSet[Shards];
        shards[0] = parameters;
        for (int s = 1; s < Shards; s++)
        {
            shards[s] = parameters.CreateGradientBuffers();
        }

        var reduction = new ShardReduction(parameters, shards, communicator);
        ShardTree plan = reduction.Plan(Shards);
        var plain = new double[n];
        var losses = new double[Shards];
        var nonFinite = new int[Shards];
        var ordered = new double[repeats];
        var mpi = new double[repeats];
        for (int r = -20; r < repeats; r++)
        {
            Fill(shards[plan.FirstShard < Shards ? plan.FirstShard : 0][0].Gradients, communicator.Rank);
            Fill(plain, communicator.Rank);
            communicator.Barrier();
            long start = Stopwatch.GetTimestamp();
            reduction.Exchange(plan, 1.0, losses, nonFinite);
            double a = Stopwatch.GetElapsedTime(start).TotalSeconds;
            communicator.Barrier();
            start = Stopwatch.GetTimestamp();
            communicator.AllReduceSumUnordered(plain);
            double b = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (r >= 0)
            {
                (ordered[r], mpi[r]) = (a, b);
            }
        }

        if (communicator.Speaks)
        {
            Array.Sort(ordered);
            Array.Sort(mpi);
            double x = ordered[repeats / 2], y = mpi[repeats / 2];
            Console.WriteLine($"{communicator.Size} ranks, {n} doubles, median of {repeats}: ordered exchange {1e6 * x:F1} us, MPI_Allreduce {1e6 * y:F1} us, ratio {x / y:F2}");
        }

        return 0;
    }

    private static void Fill(double[] values, int rank)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = 1e-3 * (((i * 7919) + (rank * 104729)) % 1000);
        }
    }
}
