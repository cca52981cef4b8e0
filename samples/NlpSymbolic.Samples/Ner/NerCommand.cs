using System.CommandLine;
using System.Diagnostics;
using NlpSymbolic.Data;
using NlpSymbolic.Metrics;
using NlpSymbolic.Samples.Hosting;
using NlpSymbolic.Samples.Window;
using NlpSymbolic.Training;
using Spectre.Console;

namespace NlpSymbolic.Samples.Ner;

/// <summary>
/// <c>ner</c>: the same window tagger as <c>pos</c> on CoNLL-2003 English named entities (IOB1), trained with
/// softmax cross-entropy or the lecture's max-margin loss, early-stopped on eng.testa, entity-level F1 on
/// eng.testb (conlleval rules). CoNLL-2003 is not redistributable: it is read from ../shared or --data.
/// </summary>
public static class NerCommand
{
    public const string Reference = "F1 79.53 (Collobert et al. 2011, window approach, random embeddings, caps feature, word-level softmax)";

    public const string SllReference = "F1 81.47 (Collobert et al. 2011, window approach, random embeddings, caps feature, sentence-level likelihood)";

    /// <summary>The reference of a run whose word vectors were initialised from a file (--embeddings).</summary>
    public const string EmbeddingsReference = "F1 88.67 (Collobert et al. 2011, window approach, caps feature, sentence-level likelihood, word vectors of a language model trained on 631M words)";

    /// <summary>CoNLL-2003's entity tags, as IOB2 (B-X starts an entity, I-X continues it).</summary>
    public static readonly TagSet EntityTags = TagSet.FromTags(
        ["B-LOC", "B-MISC", "B-ORG", "B-PER", "I-LOC", "I-MISC", "I-ORG", "I-PER", "O"]);

    public static Command Create(Func<ParseResult, SampleContext> context)
    {
        var command = new Command("ner",
            "Named-entity recognition (CoNLL-2003 English; IOB1 files, tagged as IOB2) with the window tagger of pos: trained on eng.train with "
            + "softmax cross-entropy or the max-margin hinge J = max(0, 1 − s_gold + s_best wrong), early-stopped on "
            + "eng.testa's F1, entity-level precision/recall/F1 on eng.testb (conlleval rules).");
        var options = new WindowOptions(
            "Folder with eng.train, eng.testa and eng.testb (default: ../shared/data/conll2003 beside the repository; the files are not redistributable).",
            defaultEpochs: 6,
            defaultBatchSize: 128); // 77.95 F1 against 77.41 with 32 (Ner/README.md)
        var loss = new Option<WindowLoss>("--loss") { Description = "softmax (cross-entropy over the tags), hinge (multiclass max-margin) or sll (sentence-level log-likelihood with tag transitions, Viterbi decoding).", DefaultValueFactory = _ => WindowLoss.Softmax };
        options.AddTo(command);
        command.Options.Add(loss);
        command.SetAction(parse =>
        {
            var sample = context(parse);
            return Program.Guard(sample.Console, () => Run(sample, options.Read(parse), parse.GetValue(loss)));
        });
        return command;
    }

    private static int Run(SampleContext context, WindowSettings settings, WindowLoss loss)
    {
        var clock = Stopwatch.StartNew();
        var folder = settings.Data?.FullName
            ?? (SampleContext.SharedData is { } shared ? Path.Combine(shared, "conll2003") : null)
            ?? throw new SampleException(
                "CoNLL-2003 is not in the repository (its licence forbids it): get eng.train, eng.testa and eng.testb "
                + "(https://www.clips.uantwerpen.be/conll2003/ner/, built from the Reuters corpus) and pass their folder with --data DIR.",
                ExitCodes.MissingData);
        var train = Read(folder, "eng.train", settings.Sentences);
        var dev = Read(folder, "eng.testa", settings.Sentences);
        var test = Read(folder, "eng.testb", settings.Sentences);
        var features = WindowFeatures.Build(train, EntityTags, settings.SuffixLength, WindowEmbeddings.WordsOf(settings.Embeddings));
        var trainSentences = features.Encode(train);
        var devSentences = features.Encode(dev);
        var testSentences = features.Encode(test);
        context.Console.WriteLine(
            $"CoNLL-2003 from {folder}: {train.Count:N0} training sentences ({trainSentences.Sum(s => s.Count):N0} words), eng.testa {dev.Count:N0}, eng.testb {test.Count:N0}; "
            + $"vocabulary {features.Words.Count:N0} words, {features.Suffixes.Count:N0} suffixes, tags {string.Join(" ", features.Tags.Tags)}; loss {loss.ToString().ToLowerInvariant()}");

        var name = "ner-" + loss.ToString().ToLowerInvariant();
        var run = WindowTraining.Train(context, name, settings, features, trainSentences, loss, "dev/f1",
            model => Evaluate(model, devSentences, features.Tags, loss).Overall.F1);
        if (run.Result.Outcome == TrainingOutcome.Cancelled)
        {
            context.Console.WriteLine($"Cancelled; the run is saved in {run.Checkpoint} (continue with --resume).");
            return ExitCodes.Cancelled;
        }

        if (!Ranks.Current.Speaks)
        {
            return ExitCodes.Success; // rank 0 scores, plots and reports; this rank holds the same weights and is done
        }

        var report = Evaluate(run.Model, testSentences, features.Tags, loss);
        context.Console.WriteLine(report.ToString());
        new Report(name, "eng.testb entity F1", report.Overall.F1, settings.Embeddings is not null ? EmbeddingsReference : loss == WindowLoss.Sll ? SllReference : Reference, clock.Elapsed)
        {
            Checkpoint = run.Checkpoint,
            Plots = WindowTraining.SavePlots(context, name, run, "dev/f1"),
            GeneratedSources = GeneratedSource.Find(nameof(WindowTagger)),
            Details =
            [
                ("precision / recall", $"{report.Overall.Precision:F2} / {report.Overall.Recall:F2}"),
                ("eng.testa F1", $"{run.Result.BestMetric:F2} (epoch {run.Result.BestEpoch})"),
                ("training", $"{run.Result.Outcome}, {run.Result.CompletedEpochs} epochs, {run.Result.Steps:N0} steps, {run.Result.Elapsed:hh\\:mm\\:ss}"),
                ("model", $"window 5 × (word {settings.Dimension} + caps 5 + suffix 10), hidden {settings.Hidden} tanh, {features.Tags.Count} tags, {loss.ToString().ToLowerInvariant()} loss"),
            ],
        }.Print(context.Console);
        return ExitCodes.Success;
    }

    /// <summary>Entity-level scores with conlleval's rules (on IOB2 tags: the chunks of the IOB1 files).</summary>
    private static ChunkReport Evaluate(WindowTagger model, IReadOnlyList<EncodedSentence> sentences, TagSet tags, WindowLoss loss)
    {
        var predicted = WindowTraining.Predict(model, sentences, loss);
        var evaluator = new ChunkEvaluator();
        for (var i = 0; i < sentences.Count; i++)
        {
            evaluator.Add(sentences[i].Tags, predicted[i], tags);
        }

        return evaluator.Report();
    }

    private static List<TaggedSentence> Read(string folder, string file, int limit)
    {
        if (!Directory.Exists(folder))
        {
            throw new SampleException($"CoNLL-2003 folder not found: {folder} (pass the folder holding eng.train, eng.testa and eng.testb with --data)", ExitCodes.MissingData);
        }

        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            throw new SampleException($"{file} not found in {folder} (the folder needs eng.train, eng.testa and eng.testb)", ExitCodes.MissingData);
        }

        // The files are IOB1 (B-X only between two adjacent entities of one type). The tagger learns and predicts
        // IOB2 (B-X at every entity start: the same chunks, see IobScheme), which scored 77.4 against 76.5 F1.
        var sentences = Conll2003Reader.Read(path)
            .Select(s => s.ToTaggedSentence())
            .Select(s => new TaggedSentence(s.Words, IobScheme.ToIob2(s.Tags), s.SourceFile, s.SourceLines));
        var list = (limit > 0 ? sentences.Take(limit) : sentences).ToList();
        return list.Count > 0 ? list : throw new SampleException($"{path} holds no sentences", ExitCodes.BadInput);
    }
}
