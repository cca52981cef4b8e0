using Xunit;
using Xunit.Sdk;
using static NlpSymbolic.Generator.Tests.Snapshots.SnapshotRuns;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// A small model written as a partial class whose fields are its parameters: the Gradients class and
/// CreateParameterSet (once per class), and per method the instance NameBackward, its static core, Forward
/// and Pullback.
/// </summary>
public sealed class ModelClassSnapshots
{
    public const string RnnSource = $$"""
        {{Usings}}

        namespace Models;

        public sealed partial class TinyRnn
        {
            public Matrix<double> Wxh, Whh, Why;
            public Vector<double> bh;
            public double temperature;

            [Differentiable]
            public Vector<double> Step(Vector<double> h, Vector<double> x) => Tanh(Wxh * x + Whh * h + bh);

            [Differentiable]
            public double Loss(Vector<double> h0, Vector<double>[] xs, int[] targets)
            {
                var h = h0;
                var loss = 0.0;
                for (var t = 0; t < xs.Length; t++)
                {
                    h = Step(h, xs[t]);
                    loss += CrossEntropy(Why * h * temperature, targets[t]);
                }

                return loss;
            }
        }
        """;

    [Fact]
    public void TinyRnn()
    {
        var run = GeneratorHarness.Run(("Model.cs", RnnSource));
        if (!run.GeneratorDiagnostics.IsEmpty)
        {
            throw new XunitException("The snapshot input got generator diagnostics:\n" + string.Join("\n", run.GeneratorDiagnostics));
        }

        run.AssertCompiles();
        Assert.Equal(3, run.GeneratedSources.Length);
        Snapshot.VerifyGenerated(run);
    }
}
