using System;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Planning;

/// <summary>The plan step: from a differentiated method to the <see cref="EmissionPlan"/> Emission walks.</summary>
internal static class Planner
{
    public static EmissionPlan Plan(AdjointProgram program)
    {
        var method = program.Method;
        var tapePlan = TapePlan.Of(program);
        var tape = new Tape(tapePlan);
        return new EmissionPlan(
            program,
            tapePlan,
            ForwardInlining.Values(method, tape),
            ForwardInlining.Values(method, null),
            WorkspaceUse.InForwardAndReverse(program, tape),
            WorkspaceUse.InBackwardChecks(method));
    }

    public static PlannedMethod Plan(DifferentiationResult result)
    {
        if (result.Program is not { } program)
        {
            return new PlannedMethod(result.HintName, result.MethodName, result.MethodId, null, result.Error);
        }

        try
        {
            return new PlannedMethod(result.HintName, result.MethodName, result.MethodId, Plan(program), null);
        }
        catch (Exception exception)
        {
            // Never throw from a generator; a crash here is a bug, reported where the user can see it.
            return new PlannedMethod(result.HintName, result.MethodName, result.MethodId, null, exception.GetType().Name + ": " + exception.Message);
        }
    }
}
