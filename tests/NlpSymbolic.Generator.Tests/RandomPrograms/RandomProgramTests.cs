using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests.RandomPrograms;

/// <summary>
/// Random-program differential testing (Csmith's idea, QuickCheck's shrinking): random well-typed
/// <c>[Differentiable]</c> programs over the whole vocabulary and every structure the generator accepts, each
/// run through the generator, compiled and checked by <see cref="GradientOracle"/>. Programs come from fixed
/// seeds, so a run is reproducible; a failing program is shrunk by CsCheck and printed with its seed.
/// <list type="bullet">
/// <item><c>NLPSYM_RANDOM_PROGRAMS=10000</c> checks that many programs (default 300, about a minute on 2 cores);</item>
/// <item><c>NLPSYM_RANDOM_PROGRAMS_FROM=N</c> starts at seed N (default 0), to explore past the default run;</item>
/// <item><c>NLPSYM_RANDOM_PROGRAM=&lt;seed&gt;</c> (with <c>NLPSYM_RANDOM_PROGRAM_INPUTS=&lt;n&gt;</c>) re-runs and shrinks one program from its printed seed;</item>
/// <item><c>NLPSYM_RANDOM_PROGRAMS_SHRINK_SECONDS</c> bounds each of the two shrinking steps (default 60).</item>
/// </list>
/// </summary>
public sealed class RandomProgramTests(ITestOutputHelper output)
{
    private const uint Stream = 11;

    private static readonly Gen<ProgramTree> Programs = ChoiceTrees.Programs();

    [Fact]
    public void RandomProgramsGetCentralDifferenceGradients()
    {
        var single = Environment.GetEnvironmentVariable("NLPSYM_RANDOM_PROGRAM");
        if (!string.IsNullOrEmpty(single))
        {
            Shrink(single, EnvironmentInt("NLPSYM_RANDOM_PROGRAM_INPUTS", 0));
            return;
        }

        var count = EnvironmentInt("NLPSYM_RANDOM_PROGRAMS", 300);
        var from = EnvironmentInt("NLPSYM_RANDOM_PROGRAMS_FROM", 0);
        var checkedCount = 0;
        var discarded = 0;
        string? failingSeed = null;
        var failingIndex = 0;
        Exception? failure = null;
        var clock = Stopwatch.StartNew();
        Parallel.For(from, from + count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, state) =>
        {
            var seed = SeedOf(i);
            try
            {
                if (CheckProgram(Generate(seed), i) == Verdict.Checked)
                {
                    Interlocked.Increment(ref checkedCount);
                }
                else
                {
                    Interlocked.Increment(ref discarded);
                }
            }
            catch (Exception e)
            {
                lock (Programs)
                {
                    if (failingSeed is null)
                    {
                        (failingSeed, failure, failingIndex) = (seed, e, i);
                    }
                }

                state.Stop();
            }
        });

        output.WriteLine($"{checkedCount} random programs checked, {discarded} discarded (no input away from kinks), in {clock.Elapsed.TotalSeconds:F0} s.");
        if (failingSeed is not null)
        {
            output.WriteLine($"Program {failingSeed} failed: {failure!.Message}");
            Shrink(failingSeed, failingIndex);
        }

        // A suite that discards everything checks nothing: keep the renderer's programs mostly checkable.
        Assert.True(checkedCount >= count * 3 / 4, $"only {checkedCount} of {count} programs could be checked");
    }

    private static Verdict CheckProgram(ProgramTree tree, int inputSeed)
    {
        var rendered = ProgramRenderer.Render(tree);
        using var program = CompiledProgram.Compile(rendered.Source);
        return GradientOracle.Check(program, inputSeed);
    }

    /// <summary>
    /// Lets CsCheck shrink from the failing seed (it samples smaller programs that fail too), then reduces the
    /// smallest one it found statement by statement, and fails with that program and the seed to re-run it.
    /// </summary>
    private void Shrink(string seed, int inputSeed)
    {
        var seconds = EnvironmentInt("NLPSYM_RANDOM_PROGRAMS_SHRINK_SECONDS", 60);
        var smallest = Generate(seed);
        var smallestSeed = seed;
        try
        {
            Programs.Sample(
                tree => { CheckProgram(tree, inputSeed); },
                seed: seed,
                time: seconds,
                threads: Environment.ProcessorCount,
                print: tree => "\n" + ProgramRenderer.Render(tree).Source,
                writeLine: output.WriteLine);
        }
        catch (CsCheckException e)
        {
            // The message starts with the smallest failing program's seed: `Set seed: "…"`.
            var quoted = e.Message.Split('"');
            if (quoted.Length > 1)
            {
                smallestSeed = quoted[1];
                smallest = Generate(smallestSeed);
            }
        }

        var reduced = ProgramReducer.Reduce(smallest, tree => Fails(tree, inputSeed), TimeSpan.FromSeconds(seconds));
        var source = ProgramRenderer.Render(reduced).Source;
        string failure;
        try
        {
            CheckProgram(reduced, inputSeed);
            failure = "(the reduced program passes: see the seed)";
        }
        catch (Exception e)
        {
            failure = e.Message;
        }

        throw new XunitException(
            $"A random program gets a wrong gradient. Seed {smallestSeed} (re-run with NLPSYM_RANDOM_PROGRAM={smallestSeed} NLPSYM_RANDOM_PROGRAM_INPUTS={inputSeed}), reduced to:\n\n{source}\n{failure}");
    }

    private static bool Fails(ProgramTree tree, int inputSeed)
    {
        try
        {
            CheckProgram(tree, inputSeed);
            return false;
        }
        catch (XunitException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ProgramTree Generate(string seed) => Programs.Generate(PCG.Parse(seed), null, out _);

    /// <summary>The seed string of program number <paramref name="i"/>: fixed, so every run checks the same programs.</summary>
    private static string SeedOf(int i) => new PCG(Stream, (ulong)i * 0x9E3779B97F4A7C15UL).ToString();

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
