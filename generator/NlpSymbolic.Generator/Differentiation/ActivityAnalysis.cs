using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// Which values need adjoints: a value is active when it depends on a differentiable parameter (varied)
/// and the result depends on it (useful). Dependencies count only through arguments an adjoint rule sends
/// gradient to, so indices, sizes and conditions never make anything active.
/// </summary>
internal static class ActivityAnalysis
{
    public static HashSet<int> ActiveValues(IrMethod method)
    {
        var varied = new HashSet<int>(method.Parameters.Where(p => p.IsDifferentiable).Select(p => p.ValueId));
        foreach (var statement in method.Statements)
        {
            if (DifferentiableArguments(statement).Any(a => varied.Contains(a)))
            {
                varied.Add(statement.Target);
            }
        }

        var useful = new HashSet<int>();
        if (!method.Result.IsLiteral)
        {
            useful.Add(method.Result.ValueId);
        }

        for (var i = method.Statements.Count - 1; i >= 0; i--)
        {
            var statement = method.Statements[i];
            if (useful.Contains(statement.Target))
            {
                foreach (var argument in DifferentiableArguments(statement))
                {
                    useful.Add(argument);
                }
            }
        }

        varied.IntersectWith(useful);
        return varied;
    }

    /// <summary>The value ids among a statement's arguments that its adjoint rule sends gradient to.</summary>
    public static IEnumerable<int> DifferentiableArguments(IrStatement statement)
    {
        var rule = AdjointRules.For(statement.Operation);
        if (rule is null)
        {
            yield break;
        }

        for (var i = 0; i < statement.Arguments.Count; i++)
        {
            var argument = statement.Arguments[i];
            if (!argument.IsLiteral && AdjointRules.TermsFor(rule, i).Any())
            {
                yield return argument.ValueId;
            }
        }
    }
}
