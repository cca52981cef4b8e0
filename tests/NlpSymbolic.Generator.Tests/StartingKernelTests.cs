using System.Linq;
using NlpSymbolic.Generator.Emission;
using Xunit;

namespace NlpSymbolic.Generator.Tests;

/// <summary>The emitter's table of starting kernels names methods the runtime really has.</summary>
public class StartingKernelTests
{
    [Fact]
    public void EveryStartingKernelExistsOnTheWorkspaceBesideItsAccumulatingForm()
    {
        var methods = typeof(NlpSymbolic.Workspace).GetMethods().Select(m => m.Name).ToHashSet();
        foreach (var (accumulating, starting) in ReverseSweepWriter.StartingKernels)
        {
            Assert.Contains("Accumulate" + accumulating, methods);
            Assert.Contains(starting, methods);
        }
    }
}
