using System;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// The differentiation step for one method, in order: activity analysis (once), reverse mode, adjoint storage,
/// kernel fusion, deferred outer products, gradient pruning; and, from the same activity analysis, the inputs whose
/// gradient is always zero (NLPSYM202).
/// </summary>
internal static class Differentiator
{
    public static DifferentiationResult Differentiate(DifferentiableMethodSpec spec, string? methodId)
    {
        try
        {
            var activity = new Activity(spec.Method);
            var program = ReverseMode.Differentiate(spec, activity);
            program = DeferredOuterProducts.Defer(KernelFusion.Fuse(AdjointStorage.Plan(program)));
            program = GradientPruning.Prune(program, activity.Reach);
            return new DifferentiationResult(spec.HintName, spec.Method.Name, methodId, program, null, ZeroGradientCheck.Find(spec, activity));
        }
        catch (Exception exception)
        {
            // Never throw from a generator; a crash here is a bug, reported where the user can see it.
            return new DifferentiationResult(spec.HintName, spec.Method.Name, methodId, null, exception.GetType().Name + ": " + exception.Message);
        }
    }
}
