using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// What the forward sweep must save for the reverse sweep, read off the planned adjoint program. A value defined
/// inside a branch or loop body is gone when its block ends, so if the reverse sweep reads it, the block pushes it
/// on the workspace's tape at its end and the reverse of the block pops it at its start. Only blocks that have a
/// reverse push anything, so pushes and pops always pair up. A counted loop's counter is not taped: its reverse
/// counts it back down.
/// </summary>
internal sealed class TapePlan
{
    public TapePlan(AdjointProgram program) => Collect(program.Body);

    /// <summary>Forward values the reverse sweep reads.</summary>
    public HashSet<int> Read { get; } = new();

    /// <summary>Branches and loops that have a reverse.</summary>
    public HashSet<IrNode> Reversed { get; } = new();

    /// <summary>The counters of counted loops: the reverse loop recomputes them, so they are never taped.</summary>
    public HashSet<int> Counters { get; } = new();

    /// <summary>The values a block pushes at its end, in push order (a loop body also pushes its loop's phis first).</summary>
    public IReadOnlyList<int> Pushed(IrBlock block, IEnumerable<int> loopPhis) =>
        loopPhis.Concat(IrWalker.OwnValues(block)).Where(id => Read.Contains(id) && !Counters.Contains(id)).Distinct().ToList();

    private void Collect(AdjointBlock block)
    {
        foreach (var node in block.Nodes)
        {
            foreach (var zero in node.Zeroed)
            {
                Read.UnionWith(ExpressionTrees.Values(zero.Initial));
            }

            switch (node)
            {
                case AdjointStatement statement:
                    Read.UnionWith(ExpressionTrees.Values(statement.Addend));
                    Read.UnionWith(ExpressionTrees.Values(statement.Guard));
                    break;
                case AdjointDeclaration declaration:
                    Read.UnionWith(ExpressionTrees.Values(declaration.Initial));
                    break;
                case AdjointSeedCheck check:
                    Read.Add(check.Value);
                    break;
                case AdjointSwap swap:
                    Read.Add(swap.CarriedValue);
                    break;
                case AdjointIf branch:
                    Reversed.Add(branch.Forward);
                    if (!branch.Forward.Condition.IsConstant)
                    {
                        Read.Add(branch.Forward.Condition.ValueId);
                    }

                    Collect(branch.Then);
                    Collect(branch.Else);
                    break;
                case AdjointGuarded guarded:
                    Collect(guarded.Body);
                    break;
                case AdjointLoop { Counted: { } counted } loop:
                    Reversed.Add(loop.Forward);
                    Counters.Add(counted.Counter);
                    Read.UnionWith(ExpressionTrees.Values(counted.Bound));
                    Read.UnionWith(ExpressionTrees.Values(ForwardForms.Operand(counted.Start)));
                    Collect(loop.Body);
                    break;
                case AdjointLoop loop:
                    Reversed.Add(loop.Forward);
                    Read.Add(loop.Forward.Count);
                    Collect(loop.Body);
                    break;
            }
        }
    }
}
