using System.Collections.Generic;
using System.Linq;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>Walks over <see cref="AdjointNode"/>s: which adjoints a node, and everything inside it, mentions.</summary>
internal static class AdjointNodes
{
    /// <summary>
    /// Every adjoint the node declares, reads or writes, its zero declarations and nested blocks included. Without
    /// <paramref name="plainDestinations"/>, the destination of a plain accumulation (<c>d += …</c> through a
    /// kernel, an add or a subtract) is left out: what remains is every way the node can observe an adjoint.
    /// </summary>
    public static IEnumerable<int> Adjoints(AdjointNode node, bool plainDestinations = true)
    {
        IEnumerable<int> Inside(AdjointBlock block) => block.Nodes.SelectMany(n => Adjoints(n, plainDestinations));
        var own = node switch
        {
            AdjointStatement statement => ExpressionTrees.Adjoints(statement.Addend)
                .Concat(ExpressionTrees.Adjoints(statement.Guard))
                .Concat(statement.Writes)
                .Concat(plainDestinations || statement.Form is not (AccumulationForm.Kernel or AccumulationForm.Add or AccumulationForm.Subtract)
                    ? new[] { statement.Destination }
                    : Enumerable.Empty<int>()),
            AdjointDeclaration declaration => ExpressionTrees.Adjoints(declaration.Initial).Append(declaration.Adjoint),
            AdjointAlias alias => new[] { alias.Adjoint, alias.SameAs },
            AdjointSwap swap => new[] { swap.Incoming, swap.Carried },
            AdjointIf branch => Inside(branch.Then).Concat(Inside(branch.Else)),
            AdjointLoop loop => Inside(loop.Body),
            AdjointGuarded guarded => Inside(guarded.Body),
            _ => Enumerable.Empty<int>(),
        };
        return node.Zeroed.SelectMany(zeroed => Adjoints(zeroed, plainDestinations)).Concat(own);
    }
}
