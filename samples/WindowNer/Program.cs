using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using NlpSymbolic.Metrics;
using NlpSymbolic.Training;

namespace WindowNer;

/// <summary>
/// Trains the Collobert–Weston window scorer with the max-margin loss on CoNLL-2003 English NER:
/// positives are the windows whose center word is part of an entity (tag ≠ O), negatives the same
/// windows with the center replaced by a random word. The gradient comes from the generated
/// <c>WindowModel.MaxMarginLossBackward</c>; reading, vocabulary, parameters, initialisation, the optimiser,
/// clipping, the gradient check and the metric come from the NlpSymbolic runtime.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: dotnet run --project samples/WindowNer -- [--epochs N] [--sentences N] [--data DIR|eng.train]\n" +
        "                                                [--dim D] [--hidden H] [--optimizer sgd|adagrad|adam]\n" +
        "                                                [--lr RATE] [--clip NORM] [--seed N]\n" +
        "  --epochs N      passes over the training windows (default 3)\n" +
        "  --sentences N   use only the first N sentences of eng.train (default 0 = all 14,041)\n" +
        "  --data PATH     the folder holding eng.train and eng.testa, or eng.train itself\n" +
        "                  (default: ../shared/data/conll2003 relative to the repository root)\n" +
        "  --dim D         word-vector size d (default 50); --hidden H hidden units (default 100)\n" +
        "  --optimizer O   sgd (default), adagrad or adam, from NlpSymbolic.Training\n" +
        "  --lr RATE       learning rate (default 0.01 for sgd, 0.1 for adagrad, 0.001 for adam)\n" +
        "  --clip NORM     clip the global gradient norm to NORM (default 10; 0 = no clipping)\n" +
        "  --seed N        random seed for initialisation, shuffling and corrupt words (default 1)";

    private static int Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 1;
        }

        if (options.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var repositoryRoot = FindRepositoryRoot();
        if (!TryFindData(options.Data, repositoryRoot, out var trainPath, out var devPath, out var problem))
        {
            return MissingData(problem);
        }

        try
        {
            return Run(options, repositoryRoot, trainPath, devPath);
        }
        catch (DataFormatException e)
        {
            // The reader's message starts with file:line.
            Console.Error.WriteLine($"error: malformed CoNLL-2003 data: {e.Message}");
            return 3;
        }
        catch (FileNotFoundException e)
        {
            return MissingData(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: cannot read the CoNLL-2003 data: {e.Message}");
            return 2;
        }
        catch (NonFiniteGradientException e)
        {
            Console.Error.WriteLine($"error: training stopped: {e.Message}");
            Console.Error.WriteLine("Try a smaller --lr, or keep --clip on.");
            return 4;
        }
    }

    private static int MissingData(string problem)
    {
        Console.Error.WriteLine($"error: {problem}");
        Console.Error.WriteLine("The CoNLL-2003 English files (eng.train, eng.testa) are not part of this repository.");
        Console.Error.WriteLine("Pass their location with --data, e.g.:");
        Console.Error.WriteLine("  dotnet run --project samples/WindowNer -- --data /path/to/conll2003");
        return 2;
    }

    private static int Run(Options options, string? repositoryRoot, string trainPath, string devPath)
    {
        var clock = Stopwatch.StartNew();
        var trainSentences = Conll2003Reader.Read(trainPath);
        var train = (options.Sentences == 0 ? trainSentences : trainSentences.Take(options.Sentences)).ToList();
        var dev = Conll2003Reader.Read(devPath).ToList();
        var vocabulary = Vocabulary.Build(train.SelectMany(s => s.Words), new VocabularyOptions
        {
            MinCount = 2,                      // words seen once in training → <unk>
            Normalizer = WordNormalizer.Digits, // case kept (it matters for names), every digit → 0
            Specials = SpecialTokens.Padding,  // <pad> = 0 pads the windows at sentence ends, <unk> = 1
        });
        var trainWindows = Windows.CenteredOnEntities(train, vocabulary);
        var devWindows = Windows.CenteredOnEntities(dev, vocabulary);
        Console.WriteLine($"CoNLL-2003: {train.Count:N0} training sentences from {trainPath} (Conll2003Reader)");
        Console.WriteLine($"  {trainWindows.Count:N0} training windows centered on an entity word (tag ≠ O); " +
                          $"dev (eng.testa): {devWindows.Count:N0}");
        Console.WriteLine($"  Vocabulary {vocabulary.Count:N0} words (case kept, digits → 0, count ≥ 2; others → {Vocabulary.UnknownToken}); " +
                          $"read in {clock.Elapsed.TotalSeconds:F1} s");

        if (trainWindows.Count == 0 || devWindows.Count == 0 || vocabulary.Count < 4)
        {
            Console.Error.WriteLine("error: too little data: training needs entity-tagged words in both files and at least two " +
                                    "vocabulary words to draw corrupt centers from; use more sentences (--sentences 0 uses all).");
            return 1;
        }

        var random = new Random(options.Seed);
        var model = WindowParameters.Create(options.Dim, options.Hidden, vocabulary.Count, random);
        var optimizer = options.CreateOptimizer();
        Console.WriteLine($"Model: window 2k+1 = 5, d = {options.Dim}, H = {options.Hidden}, tanh; " +
                          $"ParameterSet L {model.L.ShapeText} (sparse columns), W {model.W.ShapeText}, b {model.B.ShapeText}, u {model.U.ShapeText}");
        Console.WriteLine($"  {optimizer.GetType().Name}, learning rate {optimizer.LearningRate.ToString(CultureInfo.InvariantCulture)}, " +
                          (options.Clip > 0 ? $"global-norm clipping at {options.Clip.ToString(CultureInfo.InvariantCulture)}" : "no clipping"));
        Console.WriteLine();

        var sampler = CorruptWordSampler.FromTraining(train, vocabulary);
        if (!ShowGradientCheck(model, trainWindows, vocabulary, sampler, random, repositoryRoot))
        {
            return 5;
        }

        // Fixed corruptions for the dev metric, so every evaluation ranks the same pairs.
        var devRandom = new Random(options.Seed + 1);
        // Only windows whose center word is in the vocabulary: an <unk> center against a known corrupt word
        // would be ranked by "is it <unk>?", not by the context.
        var devPairs = devWindows.Where(w => w.Tokens[w.T] != vocabulary.UnknownIndex)
            .Select(w => (w.Tokens, w.T, Corrupt: sampler.Draw(devRandom, w.Tokens[w.T]))).ToArray();
        var ranking = new AccuracyCounter();
        var devHinge = Evaluate(model, devPairs, ranking);
        Console.WriteLine($"epoch 0: dev ranking accuracy {ranking.Accuracy:F1} % (s > s_c on {devPairs.Length:N0} eng.testa windows " +
                          $"with an in-vocabulary center), dev mean hinge {devHinge:F4}");

        var order = Enumerable.Range(0, trainWindows.Count).ToArray();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            random.Shuffle(order);
            var stats = new EpochStats();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            foreach (var index in order)
            {
                var (tokens, t) = trainWindows[index];
                var corrupt = sampler.Draw(random, tokens[t]);
                TrainStep(model, optimizer, options.Clip, tokens, t, corrupt, ref stats);
            }

            var allocatedPerStep = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)order.Length;
            var trainSeconds = epochClock.Elapsed.TotalSeconds;
            devHinge = Evaluate(model, devPairs, ranking);
            var clipped = options.Clip > 0 ? $", clipped {stats.Clipped:N0}" : "";
            Console.WriteLine($"epoch {epoch}: mean hinge loss {stats.TotalLoss / order.Length:F4} (J > 0 on {stats.Active / (double)order.Length:P1}), " +
                              $"dev ranking accuracy {ranking.Accuracy:F1} %, dev mean hinge {devHinge:F4}  " +
                              $"[{trainSeconds:F1} s, {order.Length / trainSeconds:N0} steps/s, {allocatedPerStep:N0} B allocated/step; " +
                              $"gradient norm max {stats.MaxNorm:F2}{clipped}]");
        }

        Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    /// <summary>One optimiser step on one (window, corrupt center) pair.</summary>
    private static void TrainStep(WindowParameters model, Optimizer optimizer, double clip, int[] tokens, int t, int corrupt, ref EpochStats stats)
    {
        // The generated backward ADDS into the gradient buffers: zero them first. L is sparse, so only the
        // columns recorded last step are cleared, and only the ≤ 6 columns of this window are recorded.
        model.Parameters.ZeroGradients();
        Span<int> words = [tokens[t - 2], tokens[t - 1], tokens[t], tokens[t + 1], tokens[t + 2], corrupt];
        model.L.TouchColumns(words);

        var loss = WindowModel.MaxMarginLossBackward(
            model.L.ValueMatrix!, model.W.ValueMatrix!, model.B.ValueVector!, model.U.ValueVector!, tokens, t, corrupt,
            1.0, model.L.GradientMatrix!, model.W.GradientMatrix!, model.B.GradientVector!, model.U.GradientVector!);
        if (loss <= 0)
        {
            return; // J = 0: every gradient is zero, nothing to update.
        }

        stats.TotalLoss += loss;
        stats.Active++;
        var norm = clip > 0 ? GradientClipping.ClipByGlobalNorm(model.Parameters, clip) : model.Parameters.GradientNorm();
        var bad = model.Parameters.FirstNonFiniteGradient();
        if (bad is not null || !double.IsFinite(loss))
        {
            throw new NonFiniteGradientException(
                $"the gradient of '{bad ?? "(loss)"}' is not finite (J = {loss}) at optimiser step {optimizer.StepCount + 1}; " +
                "the weights have diverged.");
        }

        stats.MaxNorm = Math.Max(stats.MaxNorm, norm);
        stats.Clipped += clip > 0 && norm > clip ? 1 : 0;
        optimizer.Step(model.Parameters);
    }

    /// <summary>Counts s > s_c into <paramref name="ranking"/> (reset first); returns the mean max(0, 1 − s + s_c).</summary>
    private static double Evaluate(WindowParameters model, (int[] Tokens, int T, int Corrupt)[] pairs, AccuracyCounter ranking)
    {
        ranking.Reset();
        double hinge = 0;
        var (L, W, b, u) = (model.L.ValueMatrix!, model.W.ValueMatrix!, model.B.ValueVector!, model.U.ValueVector!);
        foreach (var (tokens, t, corrupt) in pairs)
        {
            var s = WindowModel.Score(L, W, b, u, tokens, t, tokens[t]);
            var sc = WindowModel.Score(L, W, b, u, tokens, t, corrupt);
            ranking.Add(s > sc);
            hinge += Math.Max(0, 1 - s + sc);
        }

        return hinge / pairs.Length;
    }

    /// <summary>
    /// Runs <see cref="GradientCheck.Run"/> on the first training window with J > 0: the generated gradient of
    /// every parameter against central differences. Returns false (after saying so) if they disagree.
    /// </summary>
    private static bool ShowGradientCheck(
        WindowParameters model, List<Window> windows, Vocabulary vocabulary, CorruptWordSampler sampler, Random random, string? repositoryRoot)
    {
        var (L, W, b, u) = (model.L.ValueMatrix!, model.W.ValueMatrix!, model.B.ValueVector!, model.U.ValueVector!);
        foreach (var (tokens, t) in windows)
        {
            var corrupt = sampler.Draw(random, tokens[t]);
            var J = WindowModel.MaxMarginLoss(L, W, b, u, tokens, t, corrupt);
            if (J <= 0)
            {
                continue; // J = 0 has a zero gradient: nothing to compare.
            }

            const double epsilon = 1e-6;
            const double tolerance = 1e-5;
            var report = GradientCheck.Run(
                model.Parameters,
                loss: () => WindowModel.MaxMarginLoss(L, W, b, u, tokens, t, corrupt),
                computeGradients: () =>
                {
                    model.L.TouchColumns([tokens[t - 2], tokens[t - 1], tokens[t], tokens[t + 1], tokens[t + 2], corrupt]);
                    WindowModel.MaxMarginLossBackward(L, W, b, u, tokens, t, corrupt, 1.0,
                        model.L.GradientMatrix!, model.W.GradientMatrix!, model.B.GradientVector!, model.U.GradientVector!);
                },
                samplesPerParameter: 10, seed: 0, epsilon: epsilon);
            model.Parameters.ZeroGradients();

            var window = string.Join(" ", Enumerable.Range(t - 2, 5).Select(i => i == t ? $"[{vocabulary.WordAt(tokens[i])}]" : vocabulary.WordAt(tokens[i])));
            Console.WriteLine($"Gradient of J = max(0, 1 − s + s_c) = {J:F6} for the window  {window}  (corrupt center [{vocabulary.WordAt(corrupt)}]):");
            Console.WriteLine($"  GradientCheck.Run: {report.EntriesChecked} entries, central differences with ε = 1e-6; the worst entry of each parameter:");
            Console.WriteLine($"    {"entry",-20} {"generated MaxMarginLossBackward",32} {"central difference",21}  relative error");
            foreach (var entry in report.WorstPerParameter)
            {
                var location = entry.Parameter == model.L.Name
                    ? $"∂J/∂L[{entry.Row}, \"{vocabulary.WordAt(entry.Column)}\"]"
                    : $"∂J/∂{entry.Location}";
                Console.WriteLine($"    {location,-20} {entry.Analytic,32:E12} {entry.Numeric,21:E12}  {entry.RelativeError:E1}");
            }

            var passed = report.Passed(tolerance);
            Console.WriteLine(passed
                ? $"  worst relative error {report.WorstRelativeError:E1} ≤ {tolerance:E0}: the generated gradient agrees."
                : $"  worst relative error {report.WorstRelativeError:E1} > {tolerance:E0}: the generated gradient DISAGREES at {report.Worst!.Location}.");
            Console.WriteLine($"Read the generated code: {GeneratedSource(repositoryRoot)}");
            Console.WriteLine();
            if (!passed)
            {
                Console.Error.WriteLine("error: gradient check failed; not training with a wrong gradient.");
            }

            return passed;
        }

        return true;
    }

    private static string GeneratedSource(string? repositoryRoot)
    {
        var folder = repositoryRoot is null ? null : Path.Combine(repositoryRoot, "samples", "WindowNer", "Generated");
        var file = folder is not null && Directory.Exists(folder)
            // The newest: files of earlier builds stay in the folder when a generated name changes.
            ? Directory.EnumerateFiles(folder, "*MaxMarginLoss*.g.cs", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return file is not null
            ? Path.GetRelativePath(repositoryRoot!, file)
            : "samples/WindowNer/Generated/…/WindowNer.WindowModel.MaxMarginLoss(….g.cs (written by each build: EmitCompilerGeneratedFiles)";
    }

    /// <summary>The folder holding NlpSymbolic.sln, walking up from the program's own folder.</summary>
    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NlpSymbolic.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static bool TryFindData(string? data, string? repositoryRoot, out string trainPath, out string devPath, out string problem)
    {
        trainPath = devPath = problem = "";
        string folder;
        if (data is not null)
        {
            var full = Path.GetFullPath(data);
            if (Directory.Exists(full))
            {
                folder = full;
                trainPath = Path.Combine(folder, "eng.train");
            }
            else
            {
                folder = Path.GetDirectoryName(full) ?? ".";
                trainPath = full;
            }
        }
        else if (repositoryRoot is null)
        {
            problem = $"no --data given and no repository root (a folder holding NlpSymbolic.sln) above {AppContext.BaseDirectory}.";
            return false;
        }
        else
        {
            folder = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "data", "conll2003"));
            trainPath = Path.Combine(folder, "eng.train");
        }

        devPath = Path.Combine(folder, "eng.testa");
        foreach (var path in new[] { trainPath, devPath })
        {
            if (!File.Exists(path))
            {
                problem = $"CoNLL-2003 file not found: {path}";
                return false;
            }
        }

        return true;
    }
}

/// <summary>The parameters θ = (L, W, b, u) in a <see cref="ParameterSet"/>, each with its gradient buffer.</summary>
internal sealed class WindowParameters
{
    private WindowParameters(ParameterSet parameters)
    {
        Parameters = parameters;
        L = parameters["L"];
        W = parameters["W"];
        B = parameters["b"];
        U = parameters["u"];
    }

    public ParameterSet Parameters { get; }

    /// <summary>The embedding matrix, d × |V|, one column per word; updated only on the columns a step touched.</summary>
    public Parameter L { get; }

    public Parameter W { get; }

    public Parameter B { get; }

    public Parameter U { get; }

    /// <summary>L ~ U[−0.5, 0.5], W Xavier-uniform, b = 0, u ~ U[−a, a] with a = √(6 / (H + 1)), all from one seeded sequence.</summary>
    public static WindowParameters Create(int dim, int hidden, int vocabularySize, Random random)
    {
        var parameters = new ParameterSet();
        parameters.Add("L", Init.Uniform(dim, vocabularySize, -0.5, 0.5, random), sparseColumns: true);
        parameters.Add("W", Init.XavierUniform(hidden, 5 * dim, random));
        parameters.Add("b", Init.Zeros(hidden));
        var uLimit = Math.Sqrt(6.0 / (hidden + 1));
        parameters.Add("u", Init.Uniform(hidden, -uLimit, uLimit, random));
        return new WindowParameters(parameters);
    }
}

/// <summary>Running totals of one epoch.</summary>
internal struct EpochStats
{
    public double TotalLoss;
    public int Active;
    public double MaxNorm;
    public int Clipped;
}

/// <summary>A gradient went NaN or infinite: training cannot continue.</summary>
internal sealed class NonFiniteGradientException(string message) : Exception(message);

/// <summary>Command-line options, parsed by hand.</summary>
internal sealed class Options
{
    public int Epochs { get; private set; } = 3;

    public int Sentences { get; private set; }

    public string? Data { get; private set; }

    public int Dim { get; private set; } = 50;

    public int Hidden { get; private set; } = 100;

    /// <summary>The --lr value, or null for the optimiser's default.</summary>
    public double? LearningRate { get; private set; }

    public string Optimizer { get; private set; } = "sgd";

    /// <summary>Maximum global gradient norm; 0 turns clipping off.</summary>
    public double Clip { get; private set; } = 10;

    public int Seed { get; private set; } = 1;

    public bool Help { get; private set; }

    /// <summary>
    /// Plain SGD at 0.01 by default: the sample's original update w ← w − η∇J, now done by the runtime on the
    /// touched columns of L only.
    /// </summary>
    public NlpSymbolic.Training.Optimizer CreateOptimizer() => Optimizer switch
    {
        "adagrad" => new NlpSymbolic.Training.AdaGrad(LearningRate ?? 0.1),
        "adam" => new NlpSymbolic.Training.Adam(LearningRate ?? 0.001),
        _ => new NlpSymbolic.Training.Sgd(LearningRate ?? 0.01),
    };

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Count(int min)
            {
                var name = args[i];
                var text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n
                    : throw new ArgumentException($"{name} expects an integer ≥ {min}, got \"{text}\"");
            }

            switch (args[i])
            {
                case "--epochs":
                    options.Epochs = Count(0);
                    break;
                case "--sentences":
                    options.Sentences = Count(0);
                    break;
                case "--data":
                    options.Data = Value();
                    break;
                case "--dim":
                    options.Dim = Count(1);
                    break;
                case "--hidden":
                    options.Hidden = Count(1);
                    break;
                case "--seed":
                    options.Seed = Count(0);
                    break;
                case "--lr":
                    var name = args[i];
                    var text = Value();
                    options.LearningRate = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && double.IsFinite(rate)
                        ? rate
                        : throw new ArgumentException($"{name} expects a positive number, got \"{text}\"");
                    break;
                case "--optimizer":
                    var optimizerName = args[i];
                    var optimizer = Value();
                    options.Optimizer = optimizer is "sgd" or "adagrad" or "adam"
                        ? optimizer
                        : throw new ArgumentException($"{optimizerName} expects sgd, adagrad or adam, got \"{optimizer}\"");
                    break;
                case "--clip":
                    var clipName = args[i];
                    var clipText = Value();
                    options.Clip = double.TryParse(clipText, NumberStyles.Float, CultureInfo.InvariantCulture, out var clip) && clip >= 0 && double.IsFinite(clip)
                        ? clip
                        : throw new ArgumentException($"{clipName} expects a number ≥ 0 (0 = no clipping), got \"{clipText}\"");
                    break;
                case "--help":
                case "-h":
                    options.Help = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option \"{args[i]}\"");
            }
        }

        return options;
    }
}
