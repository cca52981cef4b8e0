using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// What an IDE feeds the generator while the lecture models are typed or edited: prefixes of the real model
/// files (tests/NlpSymbolic.Tests/Models) and seeded random token edits of them. For every variant the
/// generator throws nothing, reports no NLPSYM901, and either reports an error of its own or the files it
/// adds compile (no error is located in a generated tree).
/// </summary>
/// <remarks>
/// <para>
/// Only the generated trees are checked, not the user's file (binding it twice more would double the cost):
/// an error the generated code causes lands in a generated tree, because generated members are declared
/// after the user's (a clash such as CS0111 is reported at the later declaration) and generated code is the
/// only code that refers to generated members.
/// </para>
/// <para>
/// Cost, measured on the 2-core machine: a variant of a whole model file costs the generator 40–70 ms of CPU
/// (it binds every [Differentiable] method of the edited file again), which no test-side cache can avoid.
/// Every token boundary (5,212 prefixes) plus 3,000 random variants took 4.2 minutes, so the default run
/// samples: every <see cref="DefaultPrefixStride"/>th token boundary and <see cref="DefaultVariantsPerFile"/>
/// random variants per file (about 870 prefixes and 600 variants), about a minute in all. For the full run, set
/// NLPSYM_ROBUSTNESS_PREFIX_STRIDE=1 and NLPSYM_ROBUSTNESS_VARIANTS=1000. What keeps even the sampled run
/// affordable: one parse and one compilation per variant, derived from a shared compilation with trimmed
/// references that are bound once; one driver run per variant on a driver reused within a lane (as an IDE
/// reuses its driver); a generated file already found clean in the same surroundings is not bound again
/// (<see cref="VariantChecker"/>); and one lane per core.
/// </para>
/// </remarks>
public sealed class RobustnessTests
{
    /// <summary>The seed of <see cref="SeededRandomEdits"/> (xor a hash of the file name); a failure repeats it.</summary>
    public const int Seed = 20_260_311;

    public const int DefaultPrefixStride = 6;

    public const int DefaultVariantsPerFile = 200;

    private static readonly int PrefixStride = FromEnvironment("NLPSYM_ROBUSTNESS_PREFIX_STRIDE", DefaultPrefixStride);

    private static readonly int VariantsPerFile = FromEnvironment("NLPSYM_ROBUSTNESS_VARIANTS", DefaultVariantsPerFile);

    private const string ModelsDirectory = "tests/NlpSymbolic.Tests/Models";

    private const string ShapeAttributePath = "tests/NlpSymbolic.Tests/GradientChecking/ShapeAttribute.cs";

    private readonly ITestOutputHelper output;

    public RobustnessTests(ITestOutputHelper output) => this.output = output;

    public static TheoryData<string> ModelFiles() => new() { "LectureModels.cs", "SequenceModels.cs", "ControlFlowModels.cs", "TupleModels.cs" };

    // ---------------------------------------------------------------- the real files are a valid starting point

    /// <summary>
    /// The unedited files, in the compilation every variant uses, get a backward for every [Differentiable]
    /// method, no generator diagnostic, and compile: the variants start from the real models, and the trimmed
    /// references of <see cref="BaseCompilation"/> are enough.
    /// </summary>
    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void TheUneditedFileGeneratesCompilingCode(string file)
    {
        var source = ReadModel(file);
        var run = GeneratorHarness.Run(BaseCompilation.Value.AddSyntaxTrees(GeneratorHarness.ParseTree(source, file)));

        // NLPSYM202 is a true remark on a test model that deliberately ignores an input (a call whose result is unused).
        var unexpected = run.GeneratorDiagnostics.Where(d => d.Id != "NLPSYM202").ToList();
        Assert.True(unexpected.Count == 0, "Unexpected generator diagnostics:\n" + string.Join("\n", unexpected));
        var methods = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Count(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "Differentiable"));
        Assert.True(methods > 0 && run.GeneratedSources.Length == methods, $"{methods} [Differentiable] methods, {run.GeneratedSources.Length} generated files.\n" + run.Describe());
        run.AssertCompiles();
        Assert.Null(new VariantChecker(reuseDriver: false, useCache: false).Check(file, source));
    }

    // ---------------------------------------------------------------- prefixes

    /// <summary>
    /// The file cut after a token, as while it is typed from the top: every <see cref="PrefixStride"/>-th
    /// token boundary, and the whole file.
    /// </summary>
    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void PrefixesOfAModelFile(string file)
    {
        var source = ReadModel(file);
        var tokens = Pieces(source).Pieces;
        var variants = new List<(string Description, string Source)>();
        var end = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            end += tokens[i].Gap.Length + tokens[i].Text.Length;
            if (i % PrefixStride == 0 || i == tokens.Count - 1)
            {
                variants.Add(($"the prefix of {file} up to token {i} '{tokens[i].Text}' (line {tokens[i].Line + 1}, offset {end})", source.Substring(0, end)));
            }
        }

        CheckAll(file, variants, seed: null);
    }

    // ---------------------------------------------------------------- random edits

    /// <summary>Random deletions, duplications and insertions of tokens of the file itself.</summary>
    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void SeededRandomEdits(string file)
    {
        var source = ReadModel(file);
        var seed = Seed ^ StableHash(file);
        CheckAll(file, RandomVariants(source, seed, VariantsPerFile).ToList(), seed);
    }

    /// <summary>
    /// <paramref name="count"/> variants of <paramref name="source"/>, each with one to three edits: delete a
    /// token, duplicate a token, or insert before a token one drawn from anywhere in the file. Trivia
    /// (whitespace, comments) stays where it was. The same seed gives the same variants.
    /// </summary>
    internal static IEnumerable<(string Description, string Source)> RandomVariants(string source, int seed, int count)
    {
        var (pieces, tail) = Pieces(source);
        var random = new Random(seed);
        for (var v = 0; v < count; v++)
        {
            var variant = pieces.ToList();
            var edits = new List<string>();
            var editCount = random.Next(1, 4);
            for (var e = 0; e < editCount && variant.Count > 0; e++)
            {
                var at = random.Next(variant.Count);
                var where = $"line {variant[at].Line + 1}";
                switch (random.Next(3))
                {
                    case 0:
                        edits.Add($"delete '{variant[at].Text}' at {where}");
                        var gap = variant[at].Gap;
                        variant.RemoveAt(at);
                        if (at < variant.Count)
                        {
                            variant[at] = variant[at] with { Gap = gap + variant[at].Gap };
                        }

                        break;
                    case 1:
                        edits.Add($"duplicate '{variant[at].Text}' at {where}");
                        variant.Insert(at + 1, variant[at] with { Gap = " " });
                        break;
                    default:
                        var drawn = pieces[random.Next(pieces.Count)];
                        edits.Add($"insert '{drawn.Text}' before '{variant[at].Text}' at {where}");
                        variant.Insert(at, drawn with { Gap = variant[at].Gap, Line = variant[at].Line });
                        variant[at + 1] = variant[at + 1] with { Gap = " " };
                        break;
                }
            }

            yield return ($"variant {v} (seed {seed}): {string.Join("; ", edits)}", Join(variant, tail));
        }
    }

    // ---------------------------------------------------------------- minimised failures found by the tests above
    // Each was a generator bug (fixed since); the input is the minimised variant that showed it.

    /// <summary>
    /// The callee does not compile yet, so it gets no output; its caller used to be generated anyway, calling
    /// GForward and GPullback, which do not exist (CS0117 in the generated file, no generator error).
    /// </summary>
    [Fact]
    public void ACallToAMethodThatDoesNotCompileYet() => AssertRobust("""
        using NlpSymbolic;

        public static partial class C
        {
            [Differentiable] public static double F(double x) => G(x) * 2;

            [Differentiable] public static double G(double x) => x *;
        }
        """);

    /// <summary>
    /// A namespace name with a missing part (half-typed, or a token deleted) used to be copied into the
    /// generated file as <c>namespace N.</c> (CS1001 in the generated file, no generator error).
    /// </summary>
    [Fact]
    public void ANamespaceNameWithAMissingPart() => AssertRobust("""
        using NlpSymbolic;

        namespace N.;

        public static partial class C
        {
            [Differentiable] public static double F(double x) => x * x;
        }
        """);

    /// <summary>
    /// A stray closing brace after a method at namespace level: the compiler reports only CS1022 at the brace
    /// (not CS0116 at the method), and the method lands in the compiler's &lt;invalid-global-code&gt; type.
    /// The generator used to throw from AddSource because the hint name contained '&lt;' (CS8785, and every
    /// other generated file of the compilation was lost).
    /// </summary>
    [Fact]
    public void AMethodOutsideAnyTypeBeforeAStrayBrace() => AssertRobust("""
        using NlpSymbolic;

        namespace N;

        [Differentiable] static double F(double x) => x * x;
        }
        """);

    private static void AssertRobust(string source)
    {
        if (new VariantChecker(reuseDriver: false, useCache: false).Check("Test.cs", source) is { } failure)
        {
            throw new XunitException(failure + "\n\nInput:\n" + source);
        }
    }

    // ---------------------------------------------------------------- checking many variants

    /// <summary>
    /// Checks the variants on all cores: each lane takes a contiguous run of variants and reuses one driver
    /// for them. A failure is checked again with a fresh driver and no cache, and reported with the seed and
    /// the whole variant (and, with NLPSYM_ROBUSTNESS_MINIMIZE=1, a minimised input).
    /// </summary>
    private void CheckAll(string file, IReadOnlyList<(string Description, string Source)> variants, int? seed)
    {
        var stopwatch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var failures = new ConcurrentBag<(int Index, string Failure)>();
        var lanes = Math.Max(1, Environment.ProcessorCount);

        // Dedicated threads, not Parallel.For: the thread pool may be busy with other test classes, and a lane
        // waiting for a pool thread would run after the other instead of beside it.
        var threads = Enumerable.Range(0, lanes).Select(lane => new Thread(() =>
        {
            var checker = new VariantChecker(reuseDriver: true, useCache: true);
            for (var i = lane * variants.Count / lanes; i < (lane + 1) * variants.Count / lanes; i++)
            {
                if (checker.Check(file, variants[i].Source) is { } failure)
                {
                    failures.Add((i, failure));
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        output.WriteLine($"{file}: {variants.Count} variants in {stopwatch.Elapsed.TotalSeconds:F1} s on {lanes} lanes "
            + $"({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU in the whole test process), {failures.Count} failing");
        if (failures.IsEmpty)
        {
            return;
        }

        var report = new StringBuilder();
        report.Append($"{failures.Count} of {variants.Count} variants of {file} fail{(seed is null ? "" : $" (seed {seed})")}. By kind:\n");
        var kinds = failures.GroupBy(f => Kind(f.Failure)).OrderBy(g => g.Min(f => f.Index)).ToList();
        foreach (var kind in kinds)
        {
            report.Append($"  {kind.Count()} × {kind.Key}; the first is {variants[kind.Min(f => f.Index)].Description}\n");
        }

        foreach (var kind in kinds.Skip(1))
        {
            var example = kind.OrderBy(f => f.Index).First().Failure;
            report.Append($"\nThe first {kind.Key}:\n{(example.Length > 3000 ? example.Substring(0, 3000) + " …" : example)}\n");
        }

        var (index, first) = failures.OrderBy(f => f.Index).First();
        var (description, text) = variants[index];
        var fresh = new VariantChecker(reuseDriver: false, useCache: false).Check(file, text);
        report.Append($"\nThe first failing variant is {description}; "
            + (fresh is null ? "it does NOT fail with a fresh driver (so incremental caching is involved)" : "it fails with a fresh driver too") + ":\n");
        report.Append(first).Append("\n\n");
        if (fresh is not null && Environment.GetEnvironmentVariable("NLPSYM_ROBUSTNESS_MINIMIZE") == "1")
        {
            report.Append($"Minimised input ({Kind(fresh)}):\n{Minimize(file, text, Kind(fresh))}\n\n");
        }

        report.Append("The whole variant:\n").Append(text);
        throw new XunitException(report.ToString());
    }

    /// <summary>The kind of a failure: its text up to the first colon, and the ids of compile errors.</summary>
    internal static string Kind(string failure) =>
        failure.Substring(0, failure.IndexOf(':'))
        + (failure.StartsWith(VariantChecker.CompileErrors, StringComparison.Ordinal)
            ? " " + string.Join(",", Regex.Matches(failure, @"error (CS\d+)").Select(m => m.Groups[1].Value).Distinct().Order())
            : "");

    /// <summary>
    /// Greedy delta debugging over tokens: drops runs of tokens (halving the run length) while the input still
    /// fails the same way (same kind, same compile-error ids). Bounded by time.
    /// </summary>
    internal static string Minimize(string path, string source, string kind)
    {
        var stopwatch = Stopwatch.StartNew();
        var budget = TimeSpan.FromSeconds(30);
        var checker = new VariantChecker(reuseDriver: false, useCache: false);
        var pieces = Pieces(source).Pieces.Select(p => p with { Gap = p.Gap.Contains('\n') ? "\n" : p.Gap.Length > 0 ? " " : "" }).ToList();
        bool StillFails(List<Piece> candidate) =>
            checker.Check(path, Join(candidate, "\n")) is { } failure && Kind(failure) == kind;

        if (!StillFails(pieces))
        {
            return source;
        }

        for (var run = Math.Max(1, pieces.Count / 2); run >= 1 && stopwatch.Elapsed < budget; run /= 2)
        {
            for (var start = 0; start < pieces.Count && stopwatch.Elapsed < budget;)
            {
                var candidate = pieces.Take(start).Concat(pieces.Skip(start + run)).ToList();
                if (StillFails(candidate))
                {
                    pieces = candidate;
                }
                else
                {
                    start += run;
                }
            }
        }

        return Join(pieces, "\n");
    }

    // ---------------------------------------------------------------- inputs

    private static readonly Lazy<string> repositoryRoot = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, ShapeAttributePath)))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} contains {ShapeAttributePath}.");
    });

    private static string ReadModel(string file) => File.ReadAllText(Path.Combine(repositoryRoot.Value, ModelsDirectory, file));

    /// <summary>
    /// What the models reference: far fewer than the harness's trusted platform assemblies, which makes every
    /// compilation cheaper (merged namespaces such as System span every reference).
    /// <see cref="TheUneditedFileGeneratesCompilingCode"/> shows they are enough.
    /// </summary>
    private static readonly string[] ReferencedAssemblies =
    {
        "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Collections", "System.Linq", "System.Memory",
        "System.Numerics.Tensors", "System.Runtime.InteropServices", "System.ComponentModel.Primitives", "MathNet.Numerics", "NlpSymbolic",
    };

    /// <summary>
    /// The test-only attributes ([Shape], [Range], [Value]) the models use; every variant is added to this
    /// compilation, whose references are bound once (derived compilations share its reference manager).
    /// </summary>
    internal static readonly Lazy<CSharpCompilation> BaseCompilation = new(() =>
    {
        var compilation = CSharpCompilation.Create(
            "RobustnessInput",
            new[] { GeneratorHarness.ParseTree(File.ReadAllText(Path.Combine(repositoryRoot.Value, ShapeAttributePath)), "ShapeAttribute.cs") },
            GeneratorHarness.References.Where(r => ReferencedAssemblies.Contains(Path.GetFileNameWithoutExtension(((PortableExecutableReference)r).FilePath), StringComparer.OrdinalIgnoreCase)),
            GeneratorHarness.CompilationOptions);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    });

    /// <summary>A token with the text between it and the previous token (trivia), and its line.</summary>
    private sealed record Piece(string Gap, string Text, int Line);

    /// <summary>
    /// The tokens of <paramref name="source"/> as the lexer sees them (so tokens a parser would skip are tokens
    /// here too), each with the trivia before it, and the trivia after the last one.
    /// </summary>
    private static (List<Piece> Pieces, string Tail) Pieces(string source)
    {
        var list = new List<Piece>();
        var text = SourceText.From(source);
        var previousEnd = 0;
        foreach (var token in SyntaxFactory.ParseTokens(source, options: GeneratorHarness.ParseOptions))
        {
            if (token.IsKind(SyntaxKind.EndOfFileToken))
            {
                break;
            }

            list.Add(new Piece(source.Substring(previousEnd, token.SpanStart - previousEnd), token.Text, text.Lines.GetLineFromPosition(token.SpanStart).LineNumber));
            previousEnd = token.Span.End;
        }

        return (list, source.Substring(previousEnd));
    }

    private static string Join(IEnumerable<Piece> pieces, string tail)
    {
        var text = new StringBuilder();
        foreach (var piece in pieces)
        {
            text.Append(piece.Gap).Append(piece.Text);
        }

        return text.Append(tail).ToString();
    }

    /// <summary>A hash of the file name that does not change between runs (string.GetHashCode does).</summary>
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }

        return hash;
    }

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}

/// <summary>
/// Runs the generator on one variant and says what, if anything, went wrong: an exception, NLPSYM901, or a
/// compile error in a generated file although the generator reported no error. Not thread-safe: one per lane.
/// </summary>
internal sealed class VariantChecker
{
    public const string CompileErrors = "compile errors in generated code";

    /// <summary>
    /// Generated files already found free of errors, keyed by their text and every declaration their binding
    /// can depend on: the user's namespaces and type headers, the user's members (signatures, not bodies)
    /// whose names the generated file mentions, and the declarations of the other generated files that
    /// declare a name it mentions (a callee's Forward and Pullback, or a clash). Generated code refers to
    /// nothing else of the user's (it calls only generated members and the runtime, fully qualified), and
    /// binding a method body depends only on declarations; so an unchanged generated file in unchanged
    /// surroundings need not be bound again. A file with errors is never cached.
    /// </summary>
    private static readonly ConcurrentDictionary<string, byte> clean = new(StringComparer.Ordinal);

    /// <summary>What the key needs of a generated tree, computed once per tree (the driver hands back the same tree while its output is cached).</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, GeneratedTreeInfo> generatedInfos = new();

    private sealed record GeneratedTreeInfo(string TextHash, string DeclarationsHash, HashSet<string> DeclaredNames, HashSet<string> Identifiers);

    private readonly bool reuseDriver;
    private readonly bool useCache;
    private GeneratorDriver driver;

    public VariantChecker(bool reuseDriver, bool useCache)
    {
        this.reuseDriver = reuseDriver;
        this.useCache = useCache;
        driver = CreateDriver();
    }

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(new[] { new DifferentiableGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions);

    /// <summary>Null when the variant is fine, otherwise what went wrong (its kind, a colon, the details).</summary>
    public string? Check(string path, string source)
    {
        try
        {
            return CheckCore(path, source);
        }
        catch (Exception exception)
        {
            driver = CreateDriver();
            return "exception: checking the variant threw " + exception;
        }
    }

    private string? CheckCore(string path, string source)
    {
        var tree = GeneratorHarness.ParseTree(source, path);
        var input = RobustnessTests.BaseCompilation.Value.AddSyntaxTrees(tree);
        if (!reuseDriver)
        {
            driver = CreateDriver();
        }

        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var outputCompilation, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();

        if (result.Exception is not null)
        {
            return "exception: the generator threw " + result.Exception;
        }

        var crashes = driverDiagnostics.Where(d => d.Id is "CS8784" or "CS8785").ToList();
        if (crashes.Count > 0)
        {
            return "exception: the driver reported a generator failure:\n  " + string.Join("\n  ", crashes);
        }

        var internalErrors = result.Diagnostics.Where(d => d.Id == GeneratorHarness.InternalErrorId).ToList();
        if (internalErrors.Count > 0)
        {
            return "internal error: " + string.Join("\n  ", internalErrors);
        }

        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        var infos = result.GeneratedSources.Select(g => generatedInfos.GetValue(g.SyntaxTree, Info)).ToList();
        var (header, members) = UserDeclarations(tree.GetRoot());
        var errors = new List<Diagnostic>();
        for (var i = 0; i < result.GeneratedSources.Length; i++)
        {
            var self = infos[i];
            var userMembers = members.Where(m => m.Name is null || self.Identifiers.Contains(m.Name)).Select(m => m.Declaration);
            var generatedMembers = infos
                .Where(other => other != self && other.DeclaredNames.Overlaps(self.Identifiers))
                .Select(other => other.DeclarationsHash)
                .Order(StringComparer.Ordinal);
            var key = self.TextHash + header + Hash(string.Join("\0", userMembers) + "\0\0" + string.Concat(generatedMembers));
            if (useCache && clean.ContainsKey(key))
            {
                continue;
            }

            var treeErrors = outputCompilation.GetSemanticModel(result.GeneratedSources[i].SyntaxTree).GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .ToList();
            if (treeErrors.Count == 0)
            {
                clean.TryAdd(key, 0);
            }

            errors.AddRange(treeErrors);
        }

        if (errors.Count == 0)
        {
            return null;
        }

        var files = result.GeneratedSources
            .Where(s => errors.Any(e => e.Location.SourceTree == s.SyntaxTree))
            .Take(2)
            .Select(s => $"--- {s.HintName}\n{s.SourceText}");
        return CompileErrors + ", with no generator error:\n  " + string.Join("\n  ", errors.Take(10))
            + "\n" + string.Join("\n", files);
    }

    private static GeneratedTreeInfo Info(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        var declared = root.DescendantNodes()
            .Select(n => n switch
            {
                MethodDeclarationSyntax m => m.Identifier.ValueText,
                PropertyDeclarationSyntax p => p.Identifier.ValueText,
                VariableDeclaratorSyntax v when v.Parent?.Parent is BaseFieldDeclarationSyntax => v.Identifier.ValueText,
                _ => null,
            })
            .OfType<string>();
        var identifiers = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText);
        return new GeneratedTreeInfo(
            Hash(tree.FilePath + "\0" + tree.GetText()),
            Hash(tree.FilePath + "\0" + Declarations(root)),
            new HashSet<string>(declared, StringComparer.Ordinal),
            new HashSet<string>(identifiers, StringComparer.Ordinal));
    }

    /// <summary>
    /// The user's file as the generated files can see it: a hash of its namespaces, usings and type headers,
    /// and its members one by one (name, or null for members without a simple name such as operators, and
    /// declaration text). Members the parser could not complete declare nothing and are left out.
    /// </summary>
    private static (string Header, List<(string? Name, string Declaration)> Members) UserDeclarations(SyntaxNode root)
    {
        var header = new StringBuilder();
        var members = new List<(string?, string)>();
        foreach (var item in root.DescendantNodesAndTokens(node => !IsLeafMember(node)))
        {
            if (item.IsToken)
            {
                header.Append(item.AsToken().Text).Append(' ');
            }
            else if (item.AsNode() is MemberDeclarationSyntax member && IsLeafMember(member) && member is not IncompleteMemberSyntax)
            {
                var declaration = Declarations(member);
                foreach (var name in MemberNames(member))
                {
                    members.Add((name, declaration));
                }
            }
        }

        return (Hash(header.ToString()), members);
    }

    /// <summary>A member that is not a namespace, a type with members, or a top-level statement.</summary>
    private static bool IsLeafMember(SyntaxNode node) =>
        node is MemberDeclarationSyntax and not BaseNamespaceDeclarationSyntax and not TypeDeclarationSyntax and not EnumDeclarationSyntax and not GlobalStatementSyntax;

    private static IEnumerable<string?> MemberNames(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => new string?[] { method.Identifier.ValueText },
        PropertyDeclarationSyntax property => new string?[] { property.Identifier.ValueText },
        EventDeclarationSyntax @event => new string?[] { @event.Identifier.ValueText },
        BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => (string?)v.Identifier.ValueText),
        DelegateDeclarationSyntax @delegate => new string?[] { @delegate.Identifier.ValueText },
        EnumMemberDeclarationSyntax enumMember => new string?[] { enumMember.Identifier.ValueText },
        _ => new string?[] { null },
    };

    /// <summary>
    /// The tokens of a declaration with every method, accessor, constructor and operator body replaced by a
    /// marker, and without the attributes of parameters: what generated method bodies can see of it.
    /// (Generated code never calls the user's methods, so a parameter's attributes, such as the test-only
    /// [Shape(5, 9)], cannot change how it binds; [NoDerivative] changes the generated text, which is part
    /// of the key anyway.)
    /// </summary>
    internal static string Declarations(SyntaxNode root)
    {
        var text = new StringBuilder();
        foreach (var item in root.DescendantNodesAndTokens(node => !IsMemberBody(node) && !IsParameterAttribute(node)))
        {
            if (item.IsToken)
            {
                text.Append(item.AsToken().Text).Append(' ');
            }
            else if (IsMemberBody(item.AsNode()!))
            {
                text.Append("{…} ");
            }
        }

        return text.ToString();
    }

    private static bool IsMemberBody(SyntaxNode node) =>
        node is BlockSyntax or ArrowExpressionClauseSyntax
        && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax;

    private static bool IsParameterAttribute(SyntaxNode node) => node is AttributeListSyntax { Parent: ParameterSyntax };

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
