using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// What the forward sweep must save for the reverse sweep. A value defined inside a branch or loop body is
/// gone when its block ends, so if the reverse sweep reads it, the block pushes it on the workspace's tape
/// at its end and the reverse of the block pops it at its start. Only blocks that have a reverse push
/// anything, so pushes and pops always pair up.
/// </summary>
internal sealed class TapePlan
{
    private static readonly Regex Token = new(@"\{(v|d):(\d+)\}", RegexOptions.Compiled);

    public TapePlan(AdjointProgram program)
    {
        Collect(program.Body);
        foreach (var id in program.ActiveValues.Where(id => program.Method.Values[id].Kind != ValueKind.Scalar))
        {
            // Adjoint buffers are shaped after their value (ws.ZerosLike(value)).
            Read.Add(id);
        }
    }

    /// <summary>Forward values the reverse sweep reads.</summary>
    public HashSet<int> Read { get; private set; } = new();

    /// <summary>Keeps only what a written reverse sweep was seen to read (its copies and fused kernels need less than the rules mention).</summary>
    public void Restrict(IEnumerable<int> used) => Read = new HashSet<int>(used);

    /// <summary>Branches and loops that have a reverse.</summary>
    public HashSet<IrNode> Reversed { get; } = new();

    /// <summary>The values a block pushes at its end, in push order (a loop body also pushes its loop's phis first).</summary>
    public IReadOnlyList<int> Pushed(IrBlock block, IEnumerable<int> loopPhis) =>
        loopPhis.Concat(IrWalker.OwnValues(block)).Where(Read.Contains).Distinct().ToList();

    public static IEnumerable<int> Tokens(string text, string kind) =>
        Token.Matches(text).Cast<Match>().Where(m => m.Groups[1].Value == kind).Select(m => int.Parse(m.Groups[2].Value));

    private void Collect(AdjointBlock block)
    {
        foreach (var node in block.Nodes)
        {
            switch (node)
            {
                case AdjointStatement statement:
                    Read.UnionWith(Tokens(statement.Body + " " + statement.Guard, "v"));
                    break;
                case AdjointIf branch:
                    Reversed.Add(branch.Forward);
                    if (!branch.Forward.Condition.IsLiteral)
                    {
                        Read.Add(branch.Forward.Condition.ValueId);
                    }

                    Collect(branch.Then);
                    Collect(branch.Else);
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
