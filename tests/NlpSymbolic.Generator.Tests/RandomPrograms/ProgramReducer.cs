using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace NlpSymbolic.Generator.Tests.RandomPrograms;

/// <summary>
/// The last step of shrinking. CsCheck shrinks by sampling smaller programs that also fail (often failing for
/// another reason); this then takes the one failing program apart, delta-debugging style: drop a statement,
/// replace a loop or branch by its body, an expression by a leaf or by one of its parts, keeping each change
/// while the program still fails, until no single change does.
/// </summary>
public static class ProgramReducer
{
    public static ProgramTree Reduce(ProgramTree tree, Func<ProgramTree, bool> fails, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var changed = true;
        while (changed && clock.Elapsed < budget)
        {
            changed = false;
            foreach (var candidate in Candidates(tree))
            {
                if (clock.Elapsed >= budget)
                {
                    break;
                }

                if (candidate.Size < tree.Size && fails(candidate))
                {
                    tree = candidate;
                    changed = true;
                    break;
                }
            }
        }

        return tree;
    }

    private static IEnumerable<ProgramTree> Candidates(ProgramTree t)
    {
        if (t.ScalarHelper.Length > 0)
        {
            yield return t with { ScalarHelper = [] };
        }

        if (t.VectorHelper.Length > 0)
        {
            yield return t with { VectorHelper = [] };
        }

        foreach (var main in Blocks(t.Main))
        {
            yield return t with { Main = main };
        }

        foreach (var result in Exprs(t.MainResult))
        {
            yield return t with { MainResult = result };
        }

        foreach (var helper in Blocks(t.ScalarHelper))
        {
            yield return t with { ScalarHelper = helper };
        }

        foreach (var helper in Blocks(t.VectorHelper))
        {
            yield return t with { VectorHelper = helper };
        }

        foreach (var result in Exprs(t.ScalarHelperResult))
        {
            yield return t with { ScalarHelperResult = result };
        }

        foreach (var result in Exprs(t.VectorHelperResult))
        {
            yield return t with { VectorHelperResult = result };
        }
    }

    private static IEnumerable<Stmt[]> Blocks(Stmt[] block)
    {
        for (var i = 0; i < block.Length; i++)
        {
            yield return block.Take(i).Concat(block.Skip(i + 1)).ToArray();
        }

        for (var i = 0; i < block.Length; i++)
        {
            // A loop or branch replaced by its first body.
            if (block[i].Blocks.Length > 0)
            {
                yield return block.Take(i).Concat(block[i].Blocks[0]).Concat(block.Skip(i + 1)).ToArray();
            }

            foreach (var smaller in Statements(block[i]))
            {
                var copy = block.ToArray();
                copy[i] = smaller;
                yield return copy;
            }
        }
    }

    private static IEnumerable<Stmt> Statements(Stmt s)
    {
        for (var b = 0; b < s.Blocks.Length; b++)
        {
            foreach (var smaller in Blocks(s.Blocks[b]))
            {
                var blocks = s.Blocks.ToArray();
                blocks[b] = smaller;
                yield return s with { Blocks = blocks };
            }
        }

        for (var e = 0; e < s.Exprs.Length; e++)
        {
            foreach (var smaller in Exprs(s.Exprs[e]))
            {
                var exprs = s.Exprs.ToArray();
                exprs[e] = smaller;
                yield return s with { Exprs = exprs };
            }
        }
    }

    private static IEnumerable<Expr> Exprs(Expr e)
    {
        if (e.Kids.Length == 0)
        {
            yield break;
        }

        yield return e with { Kids = [] };
        foreach (var kid in e.Kids)
        {
            yield return kid;
        }

        for (var k = 0; k < e.Kids.Length; k++)
        {
            foreach (var smaller in Exprs(e.Kids[k]))
            {
                var kids = e.Kids.ToArray();
                kids[k] = smaller;
                yield return e with { Kids = kids };
            }
        }
    }
}
