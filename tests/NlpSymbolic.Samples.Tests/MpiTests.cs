using System.IO;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary>
/// <c>mpiexec -n 2</c> on this machine against one process: the same weights bit for bit, and a failing rank ends
/// the run. Skipped, naming the install command, where MPICH is absent.
/// </summary>
public class MpiTests
{
    [MpiFact]
    public void PosOnTwoRanksGivesTheWeightsOfOneProcess()
    {
        string[] args = ["--quiet", "pos", "--sentences", "120", "--epochs", "2", "--hidden", "16", "--dim", "10"];
        string alone = MpiRun.Fingerprint(MpiRun.Alone(["--output", SampleRun.TempOutput(), .. args]));
        var ranks = MpiRun.Ranks(2, ["--output", SampleRun.TempOutput(), .. args]);
        Assert.Equal(alone, MpiRun.Fingerprint(ranks));
        Assert.Contains("2 MPI ranks", ranks.Output);
    }

    [MpiFact]
    public void Word2VecOnTwoRanksGivesTheWeightsOfOneProcess()
    {
        var output = SampleRun.TempOutput();
        var corpus = Path.Combine(output, "synthetic.txt");
        File.WriteAllText(corpus, Word2VecTests.SyntheticCorpus(sentences: 300, seed: 5));
        string[] args = ["--quiet", "word2vec", "--data", corpus, "--epochs", "1", "--dim", "8", "--min-count", "2", "--batch-size", "16"];
        string alone = MpiRun.Fingerprint(MpiRun.Alone(["--output", SampleRun.TempOutput(), .. args, "--workers", "2"]));
        string ranks = MpiRun.Fingerprint(MpiRun.Ranks(2, ["--output", SampleRun.TempOutput(), .. args, "--workers", "1"]));
        Assert.Equal(alone, ranks);
    }

    [MpiFact]
    public void AFailingRankEndsEveryRankWithItsErrorAndExitCode()
    {
        // Rank 1 cannot read its data; rank 0 has started and waits for it in the first exchange.
        var output = SampleRun.TempOutput();
        string[] args = ["--quiet", "--output", output, "pos", "--sentences", "50", "--epochs", "1", "--hidden", "8"];
        var run = MpiRun.TwoRanks(args, [.. args, "--data", Path.Combine(output, "missing")]);
        string seen = $"exit {run.ExitCode}\nstdout:\n{run.Output}\nstderr:\n{run.Error}";
        Assert.True(run.ExitCode == 2, seen); // ExitCodes.MissingData, from rank 1
        Assert.True(run.Error.Contains("rank 1: error: UD English EWT folder not found"), seen);
        Assert.False(File.Exists(Path.Combine(output, "pos.safetensors")), "no checkpoint from a failed run");
    }
}
