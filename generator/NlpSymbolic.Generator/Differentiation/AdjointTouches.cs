using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>Which adjoints the statements of an adjoint program add to, read or clear (what <see cref="AdjointStorage"/> decides from).</summary>
internal static class AdjointTouches
{
    public static IEnumerable<AdjointStatement> AllStatements(AdjointNode node) => node switch
    {
        AdjointStatement statement => new[] { statement },
        AdjointIf branch => branch.Then.Nodes.Concat(branch.Else.Nodes).SelectMany(AllStatements),
        AdjointLoop loop => loop.Body.Nodes.SelectMany(AllStatements),
        _ => Enumerable.Empty<AdjointStatement>(),
    };

    /// <summary>Whether the statement adds to, reads or clears the adjoint of <paramref name="id"/>.</summary>
    public static bool Touches(AdjointStatement statement, int id) =>
        statement.Destination == id || statement.Writes.Contains(id) || Touched(statement).Contains(id);

    public static IEnumerable<int> Touched(AdjointNode node) => node switch
    {
        AdjointStatement statement => (statement.Destination >= 0 ? new[] { statement.Destination } : Enumerable.Empty<int>())
            .Concat(ExpressionTrees.Adjoints(statement.Addend))
            .Concat(ExpressionTrees.Adjoints(statement.Guard)),
        AdjointIf branch => branch.Then.Nodes.Concat(branch.Else.Nodes).SelectMany(Touched),
        AdjointLoop loop => loop.Body.Nodes.SelectMany(Touched),
        _ => Enumerable.Empty<int>(),
    };

    /// <summary>How many statements add into each adjoint (a pullback adds into each adjoint it writes).</summary>
    public static Dictionary<int, int> Contributions(AdjointBlock block)
    {
        var contributions = new Dictionary<int, int>();
        Count(block, contributions);
        return contributions;
    }

    private static void Count(AdjointBlock block, Dictionary<int, int> contributions)
    {
        foreach (var node in block.Nodes)
        {
            switch (node)
            {
                case AdjointStatement { Form: AccumulationForm.Pullback } pullback:
                    foreach (var id in pullback.Writes)
                    {
                        contributions[id] = contributions.TryGetValue(id, out var n) ? n + 1 : 1;
                    }

                    break;
                case AdjointStatement { Form: not AccumulationForm.Reset } statement:
                    contributions[statement.Destination] = contributions.TryGetValue(statement.Destination, out var c) ? c + 1 : 1;
                    break;
                case AdjointIf branch:
                    Count(branch.Then, contributions);
                    Count(branch.Else, contributions);
                    break;
                case AdjointLoop loop:
                    Count(loop.Body, contributions);
                    break;
            }
        }
    }
}
