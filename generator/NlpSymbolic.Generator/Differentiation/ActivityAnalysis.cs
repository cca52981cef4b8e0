using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// Which values need adjoints: a value is active when it depends on a differentiable parameter (varied)
/// and the result depends on it (useful). Dependencies count only through arguments an adjoint rule sends
/// gradient to (and through phis), so indices, sizes and conditions never make anything active. Loops
/// make the dependency graph cyclic, so both sets are computed to a fixed point.
/// </summary>
internal static class ActivityAnalysis
{
    public static HashSet<int> ActiveValues(IrMethod method, List<(int Target, int Source)> edges)
    {
        var varied = new HashSet<int>(method.Parameters.Where(p => p.IsDifferentiable).Select(p => p.ValueId));
        Propagate(edges, varied, forward: true);

        var useful = new HashSet<int>(method.ResultValues().Where(r => !r.IsConstant).Select(r => r.ValueId));

        Propagate(edges, useful, forward: false);
        varied.IntersectWith(useful);
        return varied;
    }

    /// <summary>The values that depend on <paramref name="source"/> through differentiable arguments and phis (itself included).</summary>
    public static HashSet<int> DependentsOf(List<(int Target, int Source)> edges, int source)
    {
        var set = new HashSet<int> { source };
        Propagate(edges, set, forward: true);
        return set;
    }

    /// <summary>(target, source) for every way gradient can flow from target's adjoint to source's.</summary>
    public static List<(int Target, int Source)> Edges(IrMethod method)
    {
        var edges = new List<(int Target, int Source)>();
        foreach (var statement in IrWalker.Statements(method.Body))
        {
            // A write A[i] = h changes the array A itself (one buffer for the whole method), not a new value.
            var changed = Operations.IsStore(statement.Operation) ? statement.Arguments[0].ValueId : statement.Target;
            edges.AddRange(DifferentiableArguments(statement).Select(a => (changed, a)));
        }

        foreach (var phi in IrWalker.Phis(method.Body))
        {
            foreach (var operand in new[] { phi.First, phi.Second }.Where(o => !o.IsConstant))
            {
                edges.Add((phi.Target, operand.ValueId));
            }
        }

        return edges;
    }

    private static void Propagate(List<(int Target, int Source)> edges, HashSet<int> set, bool forward)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var (target, source) in edges)
            {
                changed |= forward
                    ? set.Contains(source) && set.Add(target)
                    : set.Contains(target) && set.Add(source);
            }
        }
        while (changed);
    }

    /// <summary>The value ids among a statement's arguments that its adjoint (rule or pullback) sends gradient to.</summary>
    public static IEnumerable<int> DifferentiableArguments(IrStatement statement)
    {
        if (statement.Operation == IrStatement.TupleItemOperation)
        {
            // A component's gradient reaches the call through the callee's pullback.
            yield return statement.Arguments[0].ValueId;
            yield break;
        }

        if (statement.Callee is { } callee)
        {
            for (var i = 0; i < statement.Arguments.Count; i++)
            {
                if (callee.Differentiable[i] && !statement.Arguments[i].IsConstant)
                {
                    yield return statement.Arguments[i].ValueId;
                }
            }

            yield break;
        }

        var rule = Operations.RuleOf(statement.Operation);
        if (rule is null)
        {
            // Without a rule no gradient flows through the statement. That is right for ints and bools; for an
            // operation on differentiable values it would be a silently zero gradient, so refuse to generate
            // (the caller reports NLPSYM901 naming the operation). OperationCatalogueTests keeps this unreachable.
            if (Operations.TryById(statement.Operation) is { } operation && operation.ResultKind.IsDifferentiable()
                && statement.Arguments.Any(a => !a.IsConstant && a.Kind.IsDifferentiable()))
            {
                throw new System.InvalidOperationException($"the operation '{statement.Operation}' has no derivative rule in the operation catalogue");
            }

            yield break;
        }

        for (var i = 0; i < statement.Arguments.Count; i++)
        {
            var argument = statement.Arguments[i];
            if (!argument.IsConstant && rule.TermsFor(i).Any())
            {
                yield return argument.ValueId;
            }
        }
    }
}
