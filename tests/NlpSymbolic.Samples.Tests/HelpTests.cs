using Xunit;

namespace NlpSymbolic.Samples.Tests;

public class HelpTests
{
    [Fact]
    public void HelpListsTheCommands()
    {
        var run = SampleRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("NlpSymbolic samples", run.Output);
    }
}
