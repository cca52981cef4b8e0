using System.Collections.Generic;
using System.Linq;

namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>Enumerations over the structured IR that several analyses share.</summary>
internal static class IrWalker
{
    /// <summary>Every statement, in forward order, at any depth (headers included).</summary>
    public static IEnumerable<IrStatement> Statements(IrBlock block)
    {
        foreach (var node in block.Nodes)
        {
            switch (node)
            {
                case IrStatement statement:
                    yield return statement;
                    break;
                case IrIf branch:
                    foreach (var s in Statements(branch.Then))
                    {
                        yield return s;
                    }

                    foreach (var s in Statements(branch.Else))
                    {
                        yield return s;
                    }

                    break;
                case IrLoop loop:
                    foreach (var s in Statements(loop.Header))
                    {
                        yield return s;
                    }

                    foreach (var s in Statements(loop.Body))
                    {
                        yield return s;
                    }

                    break;
            }
        }
    }

    /// <summary>What every branch and loop at any depth tests.</summary>
    public static IEnumerable<IrOperand> Conditions(IrBlock block)
    {
        foreach (var node in block.Nodes)
        {
            switch (node)
            {
                case IrIf branch:
                    yield return branch.Condition;
                    foreach (var inner in Conditions(branch.Then).Concat(Conditions(branch.Else)))
                    {
                        yield return inner;
                    }

                    break;
                case IrLoop loop:
                    yield return loop.Condition;
                    foreach (var inner in Conditions(loop.Header).Concat(Conditions(loop.Body)))
                    {
                        yield return inner;
                    }

                    break;
            }
        }
    }

    /// <summary>Every phi at any depth.</summary>
    public static IEnumerable<IrPhi> Phis(IrBlock block)
    {
        foreach (var node in block.Nodes)
        {
            switch (node)
            {
                case IrIf branch:
                    foreach (var phi in branch.Phis)
                    {
                        yield return phi;
                    }

                    foreach (var p in Phis(branch.Then))
                    {
                        yield return p;
                    }

                    foreach (var p in Phis(branch.Else))
                    {
                        yield return p;
                    }

                    break;
                case IrLoop loop:
                    foreach (var phi in loop.Carried)
                    {
                        yield return phi;
                    }

                    foreach (var p in Phis(loop.Header))
                    {
                        yield return p;
                    }

                    foreach (var p in Phis(loop.Body))
                    {
                        yield return p;
                    }

                    break;
            }
        }
    }

    /// <summary>The targets of every loop-carried phi at any depth (merges of ifs excluded).</summary>
    public static IEnumerable<int> LoopPhis(IrBlock block)
    {
        foreach (var node in block.Nodes)
        {
            var inner = node switch
            {
                IrLoop loop => loop.Carried.Select(p => p.Target).Concat(LoopPhis(loop.Header)).Concat(LoopPhis(loop.Body)),
                IrIf branch => LoopPhis(branch.Then).Concat(LoopPhis(branch.Else)),
                _ => Enumerable.Empty<int>(),
            };
            foreach (var id in inner)
            {
                yield return id;
            }
        }
    }

    /// <summary>The values a block defines itself (not inside nested blocks): statement targets, merges, loop phis and counts.</summary>
    public static IEnumerable<int> OwnValues(IrBlock block)
    {
        foreach (var node in block.Nodes)
        {
            switch (node)
            {
                case IrStatement statement:
                    yield return statement.Target;
                    break;
                case IrIf branch:
                    foreach (var phi in branch.Phis)
                    {
                        yield return phi.Target;
                    }

                    break;
                case IrLoop loop:
                    foreach (var phi in loop.Carried)
                    {
                        yield return phi.Target;
                    }

                    yield return loop.Count;
                    break;
            }
        }
    }

    /// <summary>Every value defined anywhere inside a node (for a loop, not its own phis and count).</summary>
    public static IEnumerable<int> ValuesInside(IrNode node)
    {
        var blocks = node switch
        {
            IrIf branch => new[] { branch.Then, branch.Else },
            IrLoop loop => new[] { loop.Header, loop.Body },
            _ => new IrBlock[0],
        };
        foreach (var block in blocks)
        {
            foreach (var id in OwnValues(block))
            {
                yield return id;
            }

            foreach (var inner in block.Nodes)
            {
                foreach (var id in ValuesInside(inner))
                {
                    yield return id;
                }
            }
        }
    }

    /// <summary>Every operand read at any depth: statements' arguments, conditions, and both sides of every phi.</summary>
    public static IEnumerable<IrOperand> Operands(IrBlock block)
    {
        foreach (var node in block.Nodes)
        {
            var operands = node switch
            {
                IrStatement statement => (IEnumerable<IrOperand>)statement.Arguments,
                IrIf branch => new[] { branch.Condition }
                    .Concat(branch.Phis.SelectMany(p => new[] { p.First, p.Second }))
                    .Concat(Operands(branch.Then)).Concat(Operands(branch.Else)),
                IrLoop loop => new[] { loop.Condition }
                    .Concat(loop.Carried.SelectMany(p => new[] { p.First, p.Second }))
                    .Concat(Operands(loop.Header)).Concat(Operands(loop.Body)),
                _ => Enumerable.Empty<IrOperand>(),
            };
            foreach (var operand in operands)
            {
                yield return operand;
            }
        }
    }

    /// <summary>Every loop at any depth, outer loops first.</summary>
    public static IEnumerable<IrLoop> Loops(IrBlock block)
    {
        foreach (var node in block.Nodes)
        {
            var inner = node switch
            {
                IrLoop loop => new[] { loop }.Concat(Loops(loop.Header)).Concat(Loops(loop.Body)),
                IrIf branch => Loops(branch.Then).Concat(Loops(branch.Else)),
                _ => Enumerable.Empty<IrLoop>(),
            };
            foreach (var loop in inner)
            {
                yield return loop;
            }
        }
    }
}
