using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Planning;

/// <summary>
/// Lookups over a <see cref="TapePlan"/> for the code that walks it: whether the reverse sweep reads a value,
/// whether a branch or loop is reversed, and what a block pushes.
/// </summary>
internal sealed class Tape
{
    private readonly HashSet<int> read;
    private readonly HashSet<int> counters;
    private readonly HashSet<IrNode> reversed;

    public Tape(TapePlan plan)
    {
        read = new HashSet<int>(plan.Read);
        counters = new HashSet<int>(plan.Counters);
        reversed = new HashSet<IrNode>(plan.Reversed);
    }

    /// <summary>Whether the reverse sweep reads the forward value <paramref name="id"/>.</summary>
    public bool Reads(int id) => read.Contains(id);

    /// <summary>Whether the branch or loop has a reverse.</summary>
    public bool IsReversed(IrNode node) => reversed.Contains(node);

    /// <summary>The values a block pushes at its end, in push order (a loop body also pushes its loop's phis first).</summary>
    public IReadOnlyList<int> Pushed(IrBlock block, IEnumerable<int> loopPhis) =>
        loopPhis.Concat(IrWalker.OwnValues(block)).Where(id => read.Contains(id) && !counters.Contains(id)).Distinct().ToList();
}
