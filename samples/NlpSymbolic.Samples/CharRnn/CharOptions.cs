using System.CommandLine;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>The options <c>charrnn</c> and <c>gru</c> share: the data and the lecture's recipe.</summary>
internal sealed class CharOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Text file (.gz too). Default: ../shared/data/norvig-big/big.txt when present (the lecture's 93-character text), else the shipped Tiny Shakespeare." };
    public Option<int> ChunkLength { get; } = new("--seq-length") { Description = "Characters per chunk (truncated BPTT length).", DefaultValueFactory = _ => 25 };
    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = "AdaGrad learning rate.", DefaultValueFactory = _ => 0.1 };
    public Option<double> Clip { get; } = new("--clip") { Description = "Each gradient entry is clipped to [-clip, clip].", DefaultValueFactory = _ => 5.0 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the initial weights and of the samples.", DefaultValueFactory = _ => 1 };
    public Option<long> SampleEvery { get; } = new("--sample-every") { Description = "Print a sample of generated text every N iterations (0: never).", DefaultValueFactory = _ => 10_000 };
    public Option<int> SampleLength { get; } = new("--sample-length") { Description = "Characters per sample.", DefaultValueFactory = _ => 200 };
    public Option<long> LogEvery { get; } = new("--log-every") { Description = "A point of the smoothed-loss curve every N iterations.", DefaultValueFactory = _ => 100 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Data, ChunkLength, LearningRate, Clip, Seed, SampleEvery, SampleLength, LogEvery })
        {
            command.Options.Add(option);
        }
    }

    public CharRunOptions Read(ParseResult parse)
    {
        var options = new CharRunOptions(parse.GetValue(ChunkLength), parse.GetValue(LearningRate), parse.GetValue(Clip), parse.GetValue(Seed),
            parse.GetValue(SampleEvery), parse.GetValue(SampleLength), parse.GetValue(LogEvery));
        if (options.ChunkLength < 1 || options.LogEvery < 1 || options.SampleLength < 0 || options.SampleEvery < 0 || !(options.LearningRate > 0) || !(options.Clip > 0))
        {
            throw new Hosting.SampleException("--seq-length and --log-every must be at least 1, --learning-rate and --clip positive, --sample-every and --sample-length not negative", Hosting.ExitCodes.Usage);
        }

        return options;
    }

    public string DataPath(ParseResult parse) => parse.GetValue(Data) ?? CharText.DefaultPath();
}
