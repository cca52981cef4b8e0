using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Planning;

/// <summary>The use-def analysis that decides which forward values are written into their one use rather than as a line of their own.</summary>
internal static class ForwardInlining
{
    /// <summary>
    /// Int and bool temporaries (indices, sizes, conditions) used once, in the block that computes them,
    /// and never read by the reverse sweep: written into their use as the user wrote them
    /// (<c>tokens[t + 1]</c>, <c>while (t &lt; tokens.Length - 1)</c>) rather than as one line each.
    /// </summary>
    public static EquatableArray<int> Values(IrMethod method, Tape? tape)
    {
        var definedIn = new Dictionary<int, IrBlock>();
        var uses = new Dictionary<int, List<IrBlock>>();
        void Use(IrOperand operand, IrBlock block)
        {
            if (!operand.IsConstant)
            {
                if (!uses.TryGetValue(operand.ValueId, out var list))
                {
                    uses[operand.ValueId] = list = new List<IrBlock>();
                }

                list.Add(block);
            }
        }

        void Walk(IrBlock block)
        {
            foreach (var node in block.Nodes)
            {
                switch (node)
                {
                    case IrStatement statement:
                        definedIn[statement.Target] = block;
                        foreach (var argument in statement.Arguments)
                        {
                            Use(argument, block);
                        }

                        break;
                    case IrIf branch:
                        Use(branch.Condition, block);
                        foreach (var phi in branch.Phis)
                        {
                            Use(phi.First, branch.Then);
                            Use(phi.Second, branch.Else);
                        }

                        Walk(branch.Then);
                        Walk(branch.Else);
                        break;
                    case IrLoop loop:
                        foreach (var phi in loop.Carried)
                        {
                            Use(phi.First, block);
                            Use(phi.Second, loop.Body);
                        }

                        Use(loop.Condition, loop.Header);
                        Walk(loop.Header);
                        Walk(loop.Body);
                        break;
                }
            }
        }

        Walk(method.Body);
        foreach (var result in method.ResultValues())
        {
            Use(result, method.Body);
        }

        return IrWalker.Statements(method.Body)
            .Where(s => s.Callee is null
                && method.Values[s.Target].Kind is ValueKind.Int or ValueKind.Bool
                && !method.Values[s.Target].IsVariable
                && (tape is null || !tape.Reads(s.Target))
                && uses.TryGetValue(s.Target, out var sites) && sites.Count == 1
                && ReferenceEquals(sites[0], definedIn[s.Target]))
            .Select(s => s.Target)
            .ToEquatableArray();
    }
}
