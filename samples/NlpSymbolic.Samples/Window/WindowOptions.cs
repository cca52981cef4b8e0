using System.CommandLine;
using NlpSymbolic.Samples.Hosting;

namespace NlpSymbolic.Samples.Window;

/// <summary>The settings of one window-tagger run (see <see cref="WindowOptions"/> for their meaning).</summary>
public sealed record WindowSettings(
    DirectoryInfo? Data, int Epochs, int BatchSize, double LearningRate, int Hidden, int Dimension, int SuffixLength,
    int Sentences, int Seed, int Patience, FileInfo? Resume, FileInfo? Embeddings = null, double EmbeddingsRms = 0, double Dropout = 0);

/// <summary>The command-line options <c>pos</c> and <c>ner</c> share, with their defaults.</summary>
public sealed class WindowOptions
{
    /// <summary>Lets a test run the no-argument main job on a slice: the default of --sentences (0 = all).</summary>
    public const string SentencesVariable = "NLPSYM_SAMPLES_SENTENCES";

    private readonly Option<DirectoryInfo?> data;
    private readonly Option<int> epochs;
    private readonly Option<int> batchSize;
    private readonly Option<double> learningRate;
    private readonly Option<int> hidden;
    private readonly Option<int> dimension;
    private readonly Option<int> suffixLength;
    private readonly Option<int> sentences;
    private readonly Option<int> seed;
    private readonly Option<int> patience;
    private readonly Option<FileInfo?> resume;
    private readonly Option<FileInfo?> embeddings;
    private readonly Option<double> embeddingsRms;
    private readonly Option<double> dropout;

    public WindowOptions(string dataDescription, int defaultEpochs, int defaultBatchSize = 32, int defaultHidden = 300)
    {
        data = new Option<DirectoryInfo?>("--data") { Description = dataDescription };
        epochs = new Option<int>("--epochs") { Description = "Passes over the training words (early stopping on dev may end sooner).", DefaultValueFactory = _ => defaultEpochs };
        batchSize = new Option<int>("--batch-size") { Description = "Words per minibatch (the gradient is their mean).", DefaultValueFactory = _ => defaultBatchSize };
        learningRate = new Option<double>("--learning-rate", "--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => 1e-3 };
        hidden = new Option<int>("--hidden") { Description = "Hidden units (tanh).", DefaultValueFactory = _ => defaultHidden };
        dimension = new Option<int>("--dim") { Description = "Word-embedding size (the caps embedding is 5, the suffix embedding 10).", DefaultValueFactory = _ => 50 };
        suffixLength = new Option<int>("--suffix") { Description = "Letters of the suffix feature (0: no suffix feature).", DefaultValueFactory = _ => 3 };
        sentences = new Option<int>("--max-sentences", "--sentences")
        {
            Description = $"Use only the first N sentences of each split (0 = all; default ${SentencesVariable} when set).",
            DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable(SentencesVariable), out var n) ? n : 0,
        };
        seed = new Option<int>("--seed") { Description = "Seed of the initialisation and the shuffle.", DefaultValueFactory = _ => 1 };
        patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a better dev score (the best weights are kept).", DefaultValueFactory = _ => 2 };
        resume = new Option<FileInfo?>("--resume") { Description = "Continue the run saved in this checkpoint (same data and options)." };
        embeddings = new Option<FileInfo?>("--embeddings")
        {
            Description = "Initialise the word embeddings from this file (word2vec text or binary, or GloVe; .gz too), matched to the "
                + "vocabulary lower-cased with digits → 0; they keep training. The file sets --dim (an explicit --dim must agree).",
        };
        embeddingsRms = new Option<double>("--embeddings-rms")
        {
            Description = "Scale the file's vectors (all by one factor) so that their root mean square per value is this; 0 keeps them as "
                + $"in the file. Default {WindowEmbeddings.InitialRms:G3}: the RMS of the random initialisation, U[−0.1, 0.1].",
            DefaultValueFactory = _ => WindowEmbeddings.InitialRms,
        };
        dropout = new Option<double>("--dropout")
        {
            Description = "With --loss sll: drop each hidden unit of each word with this probability while training (inverted dropout; none at evaluation).",
            DefaultValueFactory = _ => 0,
        };
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { data, epochs, batchSize, learningRate, hidden, dimension, suffixLength, sentences, seed, patience, resume, embeddings, embeddingsRms, dropout })
        {
            command.Options.Add(option);
        }
    }

    public WindowSettings Read(ParseResult parse)
    {
        var settings = new WindowSettings(
            parse.GetValue(data), parse.GetValue(epochs), parse.GetValue(batchSize), parse.GetValue(learningRate), parse.GetValue(hidden),
            parse.GetValue(dimension), parse.GetValue(suffixLength), parse.GetValue(sentences), parse.GetValue(seed), parse.GetValue(patience),
            parse.GetValue(resume), parse.GetValue(embeddings), parse.GetValue(embeddingsRms), parse.GetValue(dropout));
        Require(settings.Epochs >= 1, "--epochs must be at least 1");
        Require(settings.BatchSize >= 1, "--batch-size must be at least 1");
        Require(settings.LearningRate > 0 && double.IsFinite(settings.LearningRate), "--learning-rate must be a positive number");
        Require(settings.Hidden >= 1 && settings.Dimension >= 1, "--hidden and --dim must be at least 1");
        Require(settings.EmbeddingsRms >= 0 && double.IsFinite(settings.EmbeddingsRms), "--embeddings-rms must be ≥ 0 (0: the file's own scale)");
        Require(settings.Dropout is >= 0 and < 1, "--dropout must be in [0, 1)");
        Require(settings.SuffixLength >= 0 && settings.Sentences >= 0 && settings.Patience >= 1, "--suffix and --max-sentences must be ≥ 0, --patience ≥ 1");
        if (settings.Embeddings is { } file)
        {
            // The vectors' dimension is the word-embedding size; --dim given explicitly must agree with it.
            var fileDimension = WindowEmbeddings.DimensionOf(file);
            Require(parse.GetResult(dimension) is not { Implicit: false } || settings.Dimension == fileDimension,
                $"--dim {settings.Dimension} disagrees with {file.FullName}, whose vectors have {fileDimension} values: drop --dim (the file sets it) or pass --dim {fileDimension}");
            settings = settings with { Dimension = fileDimension };
        }

        return settings;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new SampleException(message, ExitCodes.Usage);
        }
    }
}
