using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Benchmarks;

// Ratios, not absolute times, are what these figures are for: the machines are shared and noisy.
// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --filter '*'
// The generator's own time per edit (GeneratorTiming/):
// dotnet run -c Release --project tests/NlpSymbolic.Benchmarks -- --generator-timing [--rounds N] [--edits …] [--steps]
// The gradient exchange between MPI ranks against MPI_Allreduce (Mpi/): under mpiexec.mpich -n 2, with --allreduce N REPEATS
if (args.Contains("--allreduce"))
{
    return NlpSymbolic.Benchmarks.Mpi.AllReduceTiming.Run(args);
}

if (args.Contains("--generator-timing"))
{
    return NlpSymbolic.Benchmarks.GeneratorTiming.GeneratorTimingRun.Run(args);
}

Check.GeneratedEqualsHandWritten();
BenchmarkSwitcher.FromAssembly(typeof(WindowBenchmarks).Assembly).Run(args);
return 0;

/// <summary>Window of 5 words × d = 50 (x ∈ R²⁵⁰), hidden 100: the lecture's window classifier step.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class WindowBenchmarks
{
    private readonly Matrix<double> W, dW;
    private readonly Vector<double> b, u, x, xc, db, du, dx, dxc;

    public WindowBenchmarks()
    {
        var random = new Random(1);
        (W, dW) = (Matrix<double>.Build.Dense(100, 250, (_, _) => random.NextDouble() * 0.1 - 0.05), Matrix<double>.Build.Dense(100, 250));
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);
        (b, u, x, xc) = (V(100), V(100), V(250), V(250));
        (db, du, dx, dxc) = (V(100), V(100), V(250), V(250));
    }

    [Benchmark(Baseline = true)]
    public double Forward() => Models.WindowHinge(W, b, u, x, xc);

    [Benchmark]
    public double GeneratedBackward() => Models.WindowHingeBackward(W, b, u, x, xc, 1.0, dW, db, du, dx, dxc);

    /// <summary>dx and dxc not wanted (null): the generated backward skips their two Wᵀδ products.</summary>
    [Benchmark]
    public double GeneratedBackwardWithoutInputGradients() => Models.WindowHingeBackward(W, b, u, x, xc, 1.0, dW, db, du, null, null);

    [Benchmark]
    public double HandWrittenBackward() => HandWritten.WindowHingeBackward(W, b, u, x, xc, dW, db, du, dx, dxc);

    [Benchmark]
    public double HandWrittenKernelsBackward() => HandWrittenKernels.WindowHingeBackward(W, b, u, x, xc, dW, db, du, dx, dxc);

    /// <summary>The generated allocation-free forward: the like-for-like baseline of backward ÷ forward.</summary>
    [Benchmark]
    public double GeneratedForward()
    {
        var ws = NlpSymbolic.Workspace.Enter();
        try
        {
            return Models.WindowHingeForward(ws, W, b, u, x, xc);
        }
        finally
        {
            ws.Exit();
        }
    }
}

/// <summary>RNN language model, 25 steps (the lecture's char-RNN length), d = 50, hidden 100, vocabulary 500.</summary>
[MemoryDiagnoser]
public class RnnBenchmarks
{
    private readonly Matrix<double> L, H, W, U, dL, dH, dW, dU;
    private readonly Vector<double> b1, b2, h0, db1, db2, dh0;
    private readonly int[] tokens;

    public RnnBenchmarks()
    {
        var random = new Random(2);
        Matrix<double> M(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() * 0.2 - 0.1);
        Vector<double> V(int n) => Vector<double>.Build.Dense(n, _ => random.NextDouble() * 0.2 - 0.1);
        (L, H, W, U) = (M(50, 500), M(100, 100), M(100, 50), M(500, 100));
        (dL, dH, dW, dU) = (M(50, 500), M(100, 100), M(100, 50), M(500, 100));
        (b1, b2, h0, db1, db2, dh0) = (V(100), V(500), V(100), V(100), V(500), V(100));
        tokens = new int[26];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = random.Next(500);
        }
    }

    [Benchmark(Baseline = true)]
    public double Forward() => Models.RnnLoss(L, H, W, b1, U, b2, h0, tokens);

    [Benchmark]
    public double GeneratedBackward() => Models.RnnLossBackward(L, H, W, b1, U, b2, h0, tokens, 1.0, dL, dH, dW, db1, dU, db2, dh0);

    [Benchmark]
    public double HandWrittenBackward() => HandWritten.RnnLossBackward(L, H, W, b1, U, b2, h0, tokens, dL, dH, dW, db1, dU, db2, dh0);

    [Benchmark]
    public double HandWrittenKernelsBackward() => HandWrittenKernels.RnnLossBackward(L, H, W, b1, U, b2, h0, tokens, dL, dH, dW, db1, dU, db2, dh0);

    [Benchmark]
    public double GeneratedForward()
    {
        var ws = NlpSymbolic.Workspace.Enter();
        try
        {
            return Models.RnnLossForward(ws, L, H, W, b1, U, b2, h0, tokens);
        }
        finally
        {
            ws.Exit();
        }
    }
}
