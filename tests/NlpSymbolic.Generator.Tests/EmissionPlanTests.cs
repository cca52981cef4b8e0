using System.Linq;
using NlpSymbolic.Generator.Emission;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Planning;
using Xunit;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// Emission decides nothing: what is taped, inlined and whether a workspace is used come from the
/// <see cref="EmissionPlan"/> the plan step caches, and the writer follows a plan changed by hand.
/// </summary>
public sealed class EmissionPlanTests
{
    private const string Source = """
        using NlpSymbolic;
        namespace Tests;
        public static partial class Loops
        {
            [Differentiable]
            public static double F(double x, int[] tokens)
            {
                var s = 0.0;
                var t = 0;
                while (t < tokens.Length - 1)
                {
                    s = s + x * tokens[t + 1];
                    t = t + 1;
                }

                return s;
            }
        }
        """;

    private static EmissionPlan PlanOf(GeneratorRun run) =>
        run.Result.TrackedSteps[TrackingNames.Plan].SelectMany(s => s.Outputs).Select(o => o.Value).OfType<PlannedMethod>().Single().Plan!;

    [Fact]
    public void ThePlanStepHoldsWhatEmissionWrites()
    {
        var run = GeneratorHarness.Run(Source);
        var plan = PlanOf(run);
        Assert.Equal(run.GeneratedSources.Single(s => s.HintName.Contains(".F(", System.StringComparison.Ordinal)).SourceText.ToString(), BackwardEmitter.Emit(plan));
        Assert.True(plan.UsesWorkspace);
        Assert.NotEmpty(plan.Tape.Read);
        Assert.NotEmpty(plan.InlinedWithoutTape);
        Assert.Equal(plan, Planner.Plan(plan.Program));
    }

    [Fact]
    public void TheWriterFollowsAPlanChangedByHand()
    {
        var plan = PlanOf(GeneratorHarness.Run(Source));
        var asPlanned = BackwardEmitter.Emit(plan);
        var nothingInlined = BackwardEmitter.Emit(plan with { InlinedWithoutTape = EquatableArray<int>.Empty });
        Assert.Contains("while (t < tokens.Length - 1)", asPlanned);
        Assert.NotEqual(asPlanned, nothingInlined);
        Assert.Contains(nothingInlined.Split('\n'), line => line.Trim().StartsWith("var tmp", System.StringComparison.Ordinal));
    }
}
