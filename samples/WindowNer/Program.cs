using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace WindowNer;

/// <summary>
/// Trains the Collobert–Weston window scorer with the max-margin loss on CoNLL-2003 English NER:
/// positives are the windows whose center word is part of an entity (tag ≠ O), negatives the same
/// windows with the center replaced by a random word. The gradient comes from the generated
/// <c>WindowModel.MaxMarginLossBackward</c>.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: dotnet run --project samples/WindowNer -- [--epochs N] [--sentences N] [--data DIR|eng.train]\n" +
        "                                                [--dim D] [--hidden H] [--lr RATE] [--seed N]\n" +
        "  --epochs N      passes over the training windows (default 3)\n" +
        "  --sentences N   use only the first N sentences of eng.train (default 0 = all 14,041)\n" +
        "  --data PATH     the folder holding eng.train and eng.testa, or eng.train itself\n" +
        "                  (default: ../shared/data/conll2003 relative to the repository root)\n" +
        "  --dim D         word-vector size d (default 50); --hidden H hidden units (default 100)\n" +
        "  --lr RATE       SGD learning rate (default 0.01); --seed N random seed (default 1)";

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
            Console.Error.WriteLine($"error: {problem}");
            Console.Error.WriteLine("The CoNLL-2003 English files (eng.train, eng.testa) are not part of this repository.");
            Console.Error.WriteLine("Pass their location with --data, e.g.:");
            Console.Error.WriteLine("  dotnet run --project samples/WindowNer -- --data /path/to/conll2003");
            return 2;
        }

        try
        {
            return Run(options, repositoryRoot, trainPath, devPath);
        }
        catch (ConllFormatException e)
        {
            Console.Error.WriteLine($"error: malformed CoNLL data: {e.Message}");
            return 3;
        }
    }

    private static int Run(Options options, string? repositoryRoot, string trainPath, string devPath)
    {
        var clock = Stopwatch.StartNew();
        var train = Conll.Read(trainPath, options.Sentences == 0 ? int.MaxValue : options.Sentences);
        var dev = Conll.Read(devPath);
        var vocabulary = Vocabulary.Build(train, minCount: 2);
        var trainWindows = Windows(train, vocabulary);
        var devWindows = Windows(dev, vocabulary);
        Console.WriteLine($"CoNLL-2003: {train.Count:N0} training sentences from {trainPath}");
        Console.WriteLine($"  {trainWindows.Count:N0} training windows centered on an entity word (tag ≠ O); " +
                          $"dev (eng.testa): {devWindows.Count:N0}");
        Console.WriteLine($"  vocabulary {vocabulary.Count:N0} words (case kept, digits → 0, count ≥ 2; others → <unk>); " +
                          $"read in {clock.Elapsed.TotalSeconds:F1} s");

        if (trainWindows.Count == 0 || devWindows.Count == 0 || vocabulary.Count < 4)
        {
            Console.Error.WriteLine("error: too little data: training needs entity-tagged words in both files and at least two " +
                                    "vocabulary words to draw corrupt centers from; use more sentences (--sentences 0 uses all).");
            return 1;
        }

        var random = new Random(options.Seed);
        var model = Model.Create(options.Dim, options.Hidden, vocabulary.Count, random);
        Console.WriteLine($"Model: window 2k+1 = 5, d = {options.Dim}, H = {options.Hidden}, tanh; " +
                          $"L {options.Dim}×{vocabulary.Count:N0}, W {options.Hidden}×{5 * options.Dim}; SGD, learning rate {options.LearningRate.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine();

        ShowGradientCheck(model, trainWindows, vocabulary, random, repositoryRoot);

        // Fixed corruptions for the dev metric, so every evaluation ranks the same pairs.
        var devRandom = new Random(options.Seed + 1);
        // Only windows whose center word is in the vocabulary: an <unk> center against a known corrupt word
        // would be ranked by "is it <unk>?", not by the context.
        var devPairs = devWindows.Where(w => vocabulary.IsKnown(w.Tokens[w.T]))
            .Select(w => (w.Tokens, w.T, Corrupt: vocabulary.RandomWord(devRandom, w.Tokens[w.T]))).ToArray();
        var (devAccuracy, devHinge) = Evaluate(model, devPairs);
        Console.WriteLine($"epoch 0: dev ranking accuracy {devAccuracy:P1} (s > s_c on {devPairs.Length:N0} eng.testa windows " +
                          $"with an in-vocabulary center), dev mean hinge {devHinge:F4}");

        var gradients = Gradients.Like(model);
        var order = Enumerable.Range(0, trainWindows.Count).ToArray();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            random.Shuffle(order);
            double totalLoss = 0;
            var active = 0;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            foreach (var index in order)
            {
                var (tokens, t) = trainWindows[index];
                var corrupt = vocabulary.RandomWord(random, tokens[t]);
                var loss = TrainStep(model, gradients, tokens, t, corrupt, options.LearningRate);
                totalLoss += loss;
                active += loss > 0 ? 1 : 0;
            }

            var allocatedPerStep = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)order.Length;
            var trainSeconds = epochClock.Elapsed.TotalSeconds;
            (devAccuracy, devHinge) = Evaluate(model, devPairs);
            Console.WriteLine($"epoch {epoch}: mean hinge loss {totalLoss / order.Length:F4} (J > 0 on {active / (double)order.Length:P1}), " +
                              $"dev ranking accuracy {devAccuracy:P1}, dev mean hinge {devHinge:F4}  " +
                              $"[{trainSeconds:F1} s, {order.Length / trainSeconds:N0} steps/s, {allocatedPerStep:N0} B allocated/step]");
        }

        Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    /// <summary>One SGD step on one (window, corrupt center) pair; returns the loss before the step.</summary>
    private static double TrainStep(Model model, Gradients g, int[] tokens, int t, int corrupt, double learningRate)
    {
        // Reuse the buffers: the generated backward ADDS into them, so clear first. dL is d × |V|; only the
        // ≤ 6 columns of this window were touched, so only those are cleared (and updated).
        g.W.Clear();
        g.B.Clear();
        g.U.Clear();
        Span<int> words = stackalloc int[] { tokens[t - 2], tokens[t - 1], tokens[t], tokens[t + 1], tokens[t + 2], corrupt };
        foreach (var word in words)
        {
            g.L.ClearColumn(word);
        }

        var loss = WindowModel.MaxMarginLossBackward(model.L, model.W, model.B, model.U, tokens, t, corrupt, 1.0, g.L, g.W, g.B, g.U);
        if (loss <= 0)
        {
            return loss; // J = 0: every gradient is zero.
        }

        Descend(model.W.AsColumnMajorArray(), g.W.AsColumnMajorArray(), 0, g.W.RowCount * g.W.ColumnCount, learningRate);
        Descend(model.B.AsArray(), g.B.AsArray(), 0, g.B.Count, learningRate);
        Descend(model.U.AsArray(), g.U.AsArray(), 0, g.U.Count, learningRate);
        var d = model.L.RowCount;
        var embeddings = model.L.AsColumnMajorArray();
        var embeddingGradients = g.L.AsColumnMajorArray();
        for (var i = 0; i < words.Length; i++)
        {
            if (words[..i].IndexOf(words[i]) < 0) // each distinct column once: dL already holds the sum
            {
                Descend(embeddings, embeddingGradients, words[i] * d, d, learningRate);
            }
        }

        return loss;
    }

    private static void Descend(double[] parameters, double[] gradient, int offset, int count, double learningRate)
    {
        for (var i = offset; i < offset + count; i++)
        {
            parameters[i] -= learningRate * gradient[i];
        }
    }

    /// <summary>The fraction of pairs with s > s_c, and the mean max(0, 1 − s + s_c).</summary>
    private static (double Accuracy, double Hinge) Evaluate(Model model, (int[] Tokens, int T, int Corrupt)[] pairs)
    {
        var correct = 0;
        double hinge = 0;
        foreach (var (tokens, t, corrupt) in pairs)
        {
            var s = WindowModel.Score(model.L, model.W, model.B, model.U, tokens, t, tokens[t]);
            var sc = WindowModel.Score(model.L, model.W, model.B, model.U, tokens, t, corrupt);
            correct += s > sc ? 1 : 0;
            hinge += Math.Max(0, 1 - s + sc);
        }

        return (correct / (double)pairs.Length, hinge / pairs.Length);
    }

    /// <summary>Prints one entry of the generated gradient next to a central finite difference.</summary>
    private static void ShowGradientCheck(Model model, List<(int[] Tokens, int T)> windows, Vocabulary vocabulary, Random random, string? repositoryRoot)
    {
        foreach (var (tokens, t) in windows)
        {
            var corrupt = vocabulary.RandomWord(random, tokens[t]);
            var g = Gradients.Like(model);
            var J = WindowModel.MaxMarginLossBackward(model.L, model.W, model.B, model.U, tokens, t, corrupt, 1.0, g.L, g.W, g.B, g.U);
            if (J <= 0)
            {
                continue;
            }

            var center = tokens[t];
            var row = Enumerable.Range(0, model.L.RowCount).MaxBy(r => Math.Abs(g.L[r, center]));
            const double h = 1e-6;
            var original = model.L[row, center];
            model.L[row, center] = original + h;
            var plus = WindowModel.MaxMarginLoss(model.L, model.W, model.B, model.U, tokens, t, corrupt);
            model.L[row, center] = original - h;
            var minus = WindowModel.MaxMarginLoss(model.L, model.W, model.B, model.U, tokens, t, corrupt);
            model.L[row, center] = original;
            var fd = (plus - minus) / (2 * h);

            var window = string.Join(" ", Enumerable.Range(t - 2, 5).Select(i => i == t ? $"[{vocabulary.Word(tokens[i])}]" : vocabulary.Word(tokens[i])));
            Console.WriteLine($"Gradient of J = max(0, 1 − s + s_c) = {J:F6} for the window  {window}  (corrupt center [{vocabulary.Word(corrupt)}]):");
            var generated = g.L[row, center];
            Console.WriteLine($"  ∂J/∂L[{row}, \"{vocabulary.Word(center)}\"]");
            Console.WriteLine($"    generated MaxMarginLossBackward:  {generated,20:E12}");
            Console.WriteLine($"    central difference (h = 1e-6):    {fd,20:E12}");
            Console.WriteLine($"    relative difference {Math.Abs(generated - fd) / Math.Max(1e-12, Math.Abs(fd)):E1}");
            Console.WriteLine($"Read the generated code: {GeneratedSource(repositoryRoot)}");
            Console.WriteLine();
            return;
        }
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

    /// <summary>Positions (in padded coordinates) of every word tagged as part of an entity.</summary>
    private static List<(int[] Tokens, int T)> Windows(List<Token[]> sentences, Vocabulary vocabulary)
    {
        var windows = new List<(int[], int)>();
        foreach (var sentence in sentences)
        {
            var tokens = vocabulary.Pad(sentence);
            for (var i = 0; i < sentence.Length; i++)
            {
                if (sentence[i].IsEntity)
                {
                    windows.Add((tokens, i + Vocabulary.PadWidth));
                }
            }
        }

        return windows;
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

/// <summary>The parameters θ = (L, W, b, u).</summary>
internal sealed record Model(Matrix<double> L, Matrix<double> W, Vector<double> B, Vector<double> U)
{
    public static Model Create(int dim, int hidden, int vocabularySize, Random random)
    {
        double Uniform(double limit) => limit * (2 * random.NextDouble() - 1);
        var fanIn = 5 * dim;
        var wLimit = Math.Sqrt(6.0 / (fanIn + hidden));
        var uLimit = Math.Sqrt(6.0 / (hidden + 1));
        return new Model(
            Matrix<double>.Build.Dense(dim, vocabularySize, (_, _) => Uniform(0.5)),
            Matrix<double>.Build.Dense(hidden, fanIn, (_, _) => Uniform(wLimit)),
            Vector<double>.Build.Dense(hidden),
            Vector<double>.Build.Dense(hidden, _ => Uniform(uLimit)));
    }
}

/// <summary>Gradient buffers, allocated once and reused by every step.</summary>
internal sealed record Gradients(Matrix<double> L, Matrix<double> W, Vector<double> B, Vector<double> U)
{
    public static Gradients Like(Model model) => new(
        Matrix<double>.Build.Dense(model.L.RowCount, model.L.ColumnCount),
        Matrix<double>.Build.Dense(model.W.RowCount, model.W.ColumnCount),
        Vector<double>.Build.Dense(model.B.Count),
        Vector<double>.Build.Dense(model.U.Count));
}

/// <summary>Word ids: 0 pads sentence ends, 1 is any word seen fewer than minCount times in training.</summary>
internal sealed class Vocabulary
{
    public const int PadWidth = 2;
    private const int Padding = 0;
    private const int Unknown = 1;
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string> words = new() { "<pad>", "<unk>" };
    private int[] unigrams = Array.Empty<int>();

    public int Count => words.Count;

    public static Vocabulary Build(IReadOnlyList<Token[]> sentences, int minCount)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in sentences.SelectMany(s => s))
        {
            var word = Normalize(token.Word);
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        var vocabulary = new Vocabulary();
        foreach (var (word, _) in counts.Where(p => p.Value >= minCount).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            vocabulary.ids[word] = vocabulary.words.Count;
            vocabulary.words.Add(word);
        }

        vocabulary.unigrams = sentences.SelectMany(s => vocabulary.Pad(s).Skip(PadWidth).Take(s.Length)).ToArray();
        return vocabulary;
    }

    public string Word(int id) => words[id];

    /// <summary>The sentence's word ids with <see cref="PadWidth"/> padding ids on each side.</summary>
    public int[] Pad(Token[] sentence)
    {
        var tokens = new int[sentence.Length + 2 * PadWidth];
        Array.Fill(tokens, Padding);
        for (var i = 0; i < sentence.Length; i++)
        {
            tokens[i + PadWidth] = ids.GetValueOrDefault(Normalize(sentence[i].Word), Unknown);
        }

        return tokens;
    }

    /// <summary>
    /// A random word other than <paramref name="except"/>, drawn with its training frequency (so &lt;unk&gt;
    /// is drawn as often as rare words occur and "the center is &lt;unk&gt;" gives nothing away).
    /// </summary>
    public int RandomWord(Random random, int except)
    {
        while (true)
        {
            var id = unigrams[random.Next(unigrams.Length)];
            if (id != except)
            {
                return id;
            }
        }
    }

    public bool IsKnown(int id) => id > Unknown;

    private static string Normalize(string word) =>
        word.Any(char.IsAsciiDigit) ? new string(word.Select(c => char.IsAsciiDigit(c) ? '0' : c).ToArray()) : word;
}

/// <summary>Command-line options, parsed by hand.</summary>
internal sealed class Options
{
    public int Epochs { get; private set; } = 3;

    public int Sentences { get; private set; }

    public string? Data { get; private set; }

    public int Dim { get; private set; } = 50;

    public int Hidden { get; private set; } = 100;

    public double LearningRate { get; private set; } = 0.01;

    public int Seed { get; private set; } = 1;

    public bool Help { get; private set; }

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
