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
/// <item><c>NLPSYM_RANDOM_PROGRAM=&lt;seed&gt;</c> re-runs (and shrinks) one program from its printed seed.</item>
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
            Shrink(single);
            return;
        }

        var count = EnvironmentInt("NLPSYM_RANDOM_PROGRAMS", 300);
        var from = EnvironmentInt("NLPSYM_RANDOM_PROGRAMS_FROM", 0);
        var checkedCount = 0;
        var discarded = 0;
        string? failingSeed = null;
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
                        (failingSeed, failure) = (seed, e);
                    }
                }

                state.Stop();
            }
        });

        output.WriteLine($"{checkedCount} random programs checked, {discarded} discarded (no input away from kinks), in {clock.Elapsed.TotalSeconds:F0} s.");
        if (failingSeed is not null)
        {
            output.WriteLine($"Program {failingSeed} failed: {failure!.Message}");
            Shrink(failingSeed);
            throw new XunitException($"Random program {failingSeed} failed and did not fail again while shrinking: {failure}");
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

    /// <summary>Lets CsCheck shrink from the failing seed, then fails with the smallest program it found.</summary>
    private void Shrink(string seed)
    {
        var seconds = EnvironmentInt("NLPSYM_RANDOM_PROGRAMS_SHRINK_SECONDS", 60);
        Programs.Sample(
            tree => { CheckProgram(tree, 0); },
            seed: seed,
            time: seconds,
            threads: Environment.ProcessorCount,
            print: tree => "\n" + ProgramRenderer.Render(tree).Source,
            writeLine: output.WriteLine);
    }

    private static ProgramTree Generate(string seed) => Programs.Generate(PCG.Parse(seed), null, out _);

    /// <summary>The seed string of program number <paramref name="i"/>: fixed, so every run checks the same programs.</summary>
    private static string SeedOf(int i) => new PCG(Stream, (ulong)i * 0x9E3779B97F4A7C15UL).ToString();

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
