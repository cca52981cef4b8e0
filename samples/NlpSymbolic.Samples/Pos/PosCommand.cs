using System.CommandLine;
using System.Diagnostics;
using NlpSymbolic.Data;
using NlpSymbolic.Metrics;
using NlpSymbolic.Samples.Hosting;
using NlpSymbolic.Samples.Window;
using NlpSymbolic.Training;
using Spectre.Console;

namespace NlpSymbolic.Samples.Pos;

/// <summary>
/// <c>pos</c>, the main job: the Collobert &amp; Weston window tagger on UD English EWT's universal POS tags
/// (the repository ships the data), early-stopped on dev, scored on test.
/// </summary>
public static class PosCommand
{
    public const string Reference = "≈ 95–96 % for window taggers with random embeddings (C&W 2011: 96.37 on WSJ)";

    /// <summary>The reference of a run whose word vectors were initialised from a file (--embeddings).</summary>
    public const string EmbeddingsReference = "C&W 2011: 97.20 on WSJ with word vectors of a language model trained on 631M words (EWT's web text is harder)";

    /// <summary>The 17 universal POS tags of UD v2.</summary>
    public static readonly TagSet UniversalTags = TagSet.FromTags(
        ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"]);

    public static Command Create(Func<ParseResult, SampleContext> context)
    {
        var command = new Command("pos",
            "Part-of-speech tagging (UD English EWT, 17 UPOS tags) with the Collobert & Weston window tagger: a window of "
            + "5 words (lower-cased 50-d embeddings + capitalisation + suffix features), a tanh hidden layer, softmax over "
            + "the tags; trained with Adam on train, early-stopped on dev, test accuracy reported. The default command.");
        var options = new WindowOptions(
            "Folder with en_ewt-ud-{train,dev,test}.conllu(.gz) (default: the reduced copy the repository ships in data/ud-english-ewt).",
            defaultEpochs: 3);
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
        var folder = settings.Data?.FullName ?? Path.Combine(SampleContext.ShippedData, "ud-english-ewt");
        var train = Read(folder, "train", settings.Sentences);
        var dev = Read(folder, "dev", settings.Sentences);
        var test = Read(folder, "test", settings.Sentences);
        var features = WindowFeatures.Build(train, UniversalTags, settings.SuffixLength, WindowEmbeddings.WordsOf(settings.Embeddings));
        var trainSentences = features.Encode(train);
        var devSentences = features.Encode(dev);
        var testSentences = features.Encode(test);
        context.Console.WriteLine(
            $"UD English EWT from {folder}: {train.Count:N0} training sentences ({trainSentences.Sum(s => s.Count):N0} words), dev {dev.Count:N0}, test {test.Count:N0}; "
            + $"vocabulary {features.Words.Count:N0} words, {features.Suffixes.Count:N0} suffixes, {features.Tags.Count} tags");

        // The softmax run keeps its historical name (pos.safetensors); the other losses add theirs.
        var name = loss == WindowLoss.Softmax ? "pos" : "pos-" + loss.ToString().ToLowerInvariant();
        var run = WindowTraining.Train(context, name, settings, features, trainSentences, loss, "dev/accuracy",
            model => Accuracy(model, devSentences, loss));
        if (run.Result.Outcome == TrainingOutcome.Cancelled)
        {
            context.Console.WriteLine($"Cancelled; the run is saved in {run.Checkpoint} (continue with --resume).");
            return ExitCodes.Cancelled;
        }

        if (!Ranks.Current.Speaks)
        {
            return ExitCodes.Success; // rank 0 scores, plots and reports; this rank holds the same weights and is done
        }

        var accuracy = Accuracy(run.Model, testSentences, loss);
        new Report(name, "test accuracy (%)", accuracy, settings.Embeddings is not null ? EmbeddingsReference : Reference, clock.Elapsed)
        {
            Checkpoint = run.Checkpoint,
            Plots = WindowTraining.SavePlots(context, name, run, "dev/accuracy"),
            GeneratedSources = GeneratedSource.Find(nameof(WindowTagger)),
            Fingerprint = run.Fingerprint,
            Details =
            [
                ("dev accuracy (%)", $"{run.Result.BestMetric:F2} (epoch {run.Result.BestEpoch})"),
                ("training", $"{run.Result.Outcome}, {run.Result.CompletedEpochs} epochs, {run.Result.Steps:N0} steps, {run.Result.Elapsed:hh\\:mm\\:ss}"),
                ("model", $"window 5 × (word {settings.Dimension} + caps 5 + suffix 10), hidden {settings.Hidden} tanh, {features.Tags.Count} tags, {loss.ToString().ToLowerInvariant()} loss"),
            ],
        }.Print(context.Console);
        return ExitCodes.Success;
    }

    /// <summary>Token accuracy in percent.</summary>
    private static double Accuracy(WindowTagger model, IReadOnlyList<EncodedSentence> sentences, WindowLoss loss)
    {
        var predicted = WindowTraining.Predict(model, sentences, loss);
        var counter = new AccuracyCounter();
        for (var i = 0; i < sentences.Count; i++)
        {
            counter.Add(sentences[i].Tags, predicted[i]);
        }

        return counter.Accuracy;
    }

    private static List<TaggedSentence> Read(string folder, string split, int limit)
    {
        if (!Directory.Exists(folder))
        {
            throw new SampleException($"UD English EWT folder not found: {folder} (the repository ships it in samples/NlpSymbolic.Samples/data/ud-english-ewt)", ExitCodes.MissingData);
        }

        var path = new[] { ".conllu.gz", ".conllu" }.Select(ext => Path.Combine(folder, $"en_ewt-ud-{split}{ext}")).FirstOrDefault(File.Exists)
            ?? throw new SampleException($"no en_ewt-ud-{split}.conllu(.gz) in {folder}", ExitCodes.MissingData);
        var sentences = ConlluReader.Read(path).Select(s => s.ToTaggedSentence());
        var list = (limit > 0 ? sentences.Take(limit) : sentences).ToList();
        return list.Count > 0 ? list : throw new SampleException($"{path} holds no sentences", ExitCodes.BadInput);
    }
}
