using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Planning;

/// <summary>
/// What the forward sweep must save for the reverse sweep, read off the planned adjoint program. A value defined
/// inside a branch or loop body is gone when its block ends, so if the reverse sweep reads it, the block pushes it
/// on the workspace's tape at its end and the reverse of the block pops it at its start. Only blocks that have a
/// reverse push anything, so pushes and pops always pair up. A counted loop's counter is not taped: its reverse
/// counts it back down. Plain data: <see cref="Tape"/> answers the writers' questions about it.
/// </summary>
/// <param name="Read">Forward values the reverse sweep reads.</param>
/// <param name="Counters">The counters of counted loops: the reverse loop recomputes them, so they are never taped.</param>
/// <param name="Reversed">Branches and loops that have a reverse.</param>
internal sealed record TapePlan(EquatableArray<int> Read, EquatableArray<int> Counters, EquatableArray<IrNode> Reversed)
{
    public static TapePlan Of(AdjointProgram program)
    {
        var collector = new Collector();
        collector.Collect(program.Body);
        return new TapePlan(
            collector.Read.OrderBy(id => id).ToEquatableArray(),
            collector.Counters.OrderBy(id => id).ToEquatableArray(),
            collector.Reversed.ToEquatableArray());
    }

    private sealed class Collector
    {
        public HashSet<int> Read { get; } = new();

        public List<IrNode> Reversed { get; } = new();

        public HashSet<int> Counters { get; } = new();

        public void Collect(AdjointBlock block)
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
}
