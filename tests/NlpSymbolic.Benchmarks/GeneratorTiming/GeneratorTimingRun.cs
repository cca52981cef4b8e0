using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NlpSymbolic.Generator;

namespace NlpSymbolic.Benchmarks.GeneratorTiming;

/// <summary>
/// <c>--generator-timing [--rounds N] [--edits constant,blank,unrelated] [--steps]</c>: the generator's own time per
/// edit, as an IDE pays it on every keystroke. One compilation (the runtime and MathNet referenced, as the generator tests do) holds
/// <see cref="TimedSource"/> and an unrelated file; one driver runs once to warm up, then each edit replaces a
/// syntax tree and reruns the same driver. The figure is the driver's own timing of the generator
/// (<c>GetTimingInfo()</c>), median and max over the rounds of each kind of edit, with the process's CPU time beside
/// it; <c>--steps</c> adds the time of each tracked step.
/// </summary>
internal static class GeneratorTimingRun
{
    private const string MainPath = "Lecture.cs";
    private const string UnrelatedPath = "Unrelated.cs";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static int Run(string[] args)
    {
        var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).DefaultIfEmpty(20).First();
        var steps = args.Contains("--steps");
        var only = args.SkipWhile(a => a != "--edits").Skip(1).Select(a => a.Split(',')).FirstOrDefault();

        var constants = Enumerable.Range(0, TimedSource.SmallMethods).Select(TimedSource.Constant).ToArray();
        var blankLines = new List<int>();
        var (unrelatedDeclaration, unrelatedBody) = (0, 0);
        string Main() => WithBlankLines(TimedSource.Build(i => constants[i]), blankLines);

        var compilation = CSharpCompilation.Create(
            "GeneratorTiming",
            new[] { Parse(Main(), MainPath), Parse(Unrelated(unrelatedDeclaration, unrelatedBody), UnrelatedPath) },
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: steps));

        var warmUp = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        warmUp.Stop();
        var result = driver.GetRunResult().Results.Single();
        var methods = result.GeneratedSources.Count(s => s.HintName.Contains('(', StringComparison.Ordinal));
        if (result.Exception is not null || !result.Diagnostics.IsEmpty || methods != TimedSource.SmallMethods + 12)
        {
            Console.Error.WriteLine($"The timed file does not generate cleanly: {methods} methods generated, exception {result.Exception?.Message ?? "none"}");
            foreach (var diagnostic in result.Diagnostics)
            {
                Console.Error.WriteLine("  " + diagnostic);
            }

            return 1;
        }

        Console.WriteLine($"{TimedSource.SmallMethods + 12} [Differentiable] methods in one file; first run {warmUp.Elapsed.TotalMilliseconds:F0} ms (generator {Generator(driver).TotalMilliseconds:F0} ms).");

        // Every kind once more before measuring: the JIT has seen each path.
        var edits = new (string Name, Func<int, SyntaxTree> Apply)[]
        {
            ("constant in one method", round =>
            {
                var index = round * 37 % TimedSource.SmallMethods;
                constants[index] = TimedSource.Constant(index) + (round + 1);
                return Parse(Main(), MainPath);
            }),
            ("blank line", round =>
            {
                blankLines.Add(round * 53 % TimedSource.SmallMethods);
                return Parse(Main(), MainPath);
            }),
            ("unrelated file, a body", round =>
            {
                unrelatedBody = round + 1;
                return Parse(Unrelated(unrelatedDeclaration, unrelatedBody), UnrelatedPath);
            }),

            // A declaration anywhere can change what any body binds to, so every method is bound again.
            ("unrelated file, a declaration", round =>
            {
                unrelatedDeclaration = round + 1;
                return Parse(Unrelated(unrelatedDeclaration, unrelatedBody), UnrelatedPath);
            }),
        };

        // CPU time, beside the driver's wall-clock figure: on a shared machine the two part when other jobs run.
        using var process = Process.GetCurrentProcess();
        var round = 0;
        foreach (var (_, apply) in edits)
        {
            (compilation, driver) = Edit(compilation, driver, apply(round++));
        }

        Console.WriteLine($"Generator time per edit (driver.GetTimingInfo()), {rounds} rounds each:");
        Console.WriteLine("| edit | median ms | max ms | process CPU ms (median) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, apply) in edits.Where(e => only is null || only.Contains(e.Name.Split(' ', ',')[0])))
        {
            var times = new List<double>();
            var cpus = new List<double>();
            var stepTimes = new Dictionary<string, double>();
            for (var i = 0; i < rounds; i++)
            {
                var tree = apply(round++);
                var cpu = process.TotalProcessorTime;
                (compilation, driver) = MeasuredEdit(compilation, driver, tree);
                process.Refresh();
                times.Add(Generator(driver).TotalMilliseconds);
                cpus.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
                if (steps)
                {
                    AddSteps(driver, stepTimes);
                }
            }

            Console.WriteLine($"| {name} | {Median(times):F1} | {times.Max():F1} | {Median(cpus):F1} |");
            if (steps)
            {
                foreach (var (step, total) in stepTimes.OrderByDescending(p => p.Value))
                {
                    Console.WriteLine($"|   step {step} | {total / rounds:F2} (mean) | | |");
                }
            }
        }

        return 0;
    }

    /// <summary>An edit that is measured (a frame of its own for profilers, apart from the warm-up edits).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (CSharpCompilation, GeneratorDriver) MeasuredEdit(CSharpCompilation compilation, GeneratorDriver driver, SyntaxTree tree) =>
        Edit(compilation, driver, tree);

    private static (CSharpCompilation, GeneratorDriver) Edit(CSharpCompilation compilation, GeneratorDriver driver, SyntaxTree tree)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == tree.FilePath);
        compilation = compilation.ReplaceSyntaxTree(old, tree);
        return (compilation, driver.RunGenerators(compilation));
    }

    private static TimeSpan Generator(GeneratorDriver driver) => driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime;

    /// <summary>The time of each tracked step, summed over its outputs (steps of the same name added up).</summary>
    private static void AddSteps(GeneratorDriver driver, Dictionary<string, double> totals)
    {
        var result = driver.GetRunResult().Results.Single();
        foreach (var (name, runs) in result.TrackedSteps)
        {
            totals[name] = totals.GetValueOrDefault(name) + runs.Sum(r => r.ElapsedTime.TotalMilliseconds);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), ParseOptions, path);

    /// <summary>A blank line before each listed small method (the markers <see cref="TimedSource"/> writes).</summary>
    private static string WithBlankLines(string text, List<int> before)
    {
        foreach (var index in before)
        {
            var marker = TimedSource.Marker(index);
            text = text.Replace(marker, "\n" + marker, StringComparison.Ordinal);
        }

        return text;
    }

    private static string Unrelated(int version, int offset) => $$"""
        namespace Lecture.Data;

        public static class Corpus
        {
            public const int Version = {{version}};

            public static int Count(string text) => text.Length + Version + {{offset}};
        }
        """;

    /// <summary>The runtime, MathNet and the platform assemblies, one reference per assembly name.</summary>
    private static ImmutableArray<MetadataReference> References()
    {
        var paths = new List<string>
        {
            typeof(NlpSymbolic.Workspace).Assembly.Location,
            typeof(MathNet.Numerics.LinearAlgebra.Vector<double>).Assembly.Location,
        };
        var tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        paths.AddRange(tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return paths
            .Where(File.Exists)
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToImmutableArray();
    }
}
