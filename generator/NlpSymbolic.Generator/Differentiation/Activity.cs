using System.Collections.Generic;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// The activity analysis of one method, computed once from its IR, before anything is differentiated: the ways
/// gradient can flow (<see cref="ActivityAnalysis.Edges"/>, one walk over the IR), the values that need adjoints,
/// and which parameters' gradients each adjoint reaches. Reverse mode, gradient pruning and the zero-gradient
/// warning all read this one analysis.
/// </summary>
internal sealed class Activity
{
    public Activity(IrMethod method)
    {
        var edges = ActivityAnalysis.Edges(method);
        Active = ActivityAnalysis.ActiveValues(method, edges);
        Reach = new GradientReach(method, edges);
    }

    /// <summary>The values that depend on a differentiable parameter and that the result depends on.</summary>
    public HashSet<int> Active { get; }

    /// <summary>The parameters each value's adjoint can add to.</summary>
    public GradientReach Reach { get; }
}
