using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// Which gradient arguments the adjoint of each value can reach: reverse data flow, read forwards. The adjoint of v
/// flows into the adjoints of the arguments of the statement computing v, and on to the parameters v depends on, so
/// v's adjoint reaches exactly the differentiable parameters v depends on (through arguments an adjoint rule sends
/// gradient to, and phis): the same edges as <see cref="ActivityAnalysis"/>, one parameter at a time.
/// </summary>
internal sealed class GradientReach
{
    private readonly Dictionary<int, HashSet<int>> reach = new();

    public GradientReach(IrMethod method, List<(int Target, int Source)> edges)
    {
        foreach (var parameter in method.Parameters.Where(p => p.IsDifferentiable))
        {
            foreach (var value in ActivityAnalysis.DependentsOf(edges, parameter.ValueId))
            {
                if (!reach.TryGetValue(value, out var set))
                {
                    reach[value] = set = new HashSet<int>();
                }

                set.Add(parameter.ValueId);
            }
        }
    }

    /// <summary>The parameters (by value id) whose gradients the adjoint of <paramref name="value"/> can add to.</summary>
    public IReadOnlyCollection<int> Of(int value) => reach.TryGetValue(value, out var set) ? set : (IReadOnlyCollection<int>)new int[0];

    /// <summary>The one parameter all of <paramref name="values"/>' adjoints reach, or null when they reach several (or none).</summary>
    public int? Single(IEnumerable<int> values)
    {
        int? only = null;
        foreach (var value in values)
        {
            foreach (var parameter in Of(value))
            {
                if (only is { } known && known != parameter)
                {
                    return null;
                }

                only = parameter;
            }
        }

        return only;
    }
}
