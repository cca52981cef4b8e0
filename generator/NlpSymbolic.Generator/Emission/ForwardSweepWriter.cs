using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// Writes the forward sweep: one line per IR statement under a comment with the user's statement,
/// branches and loops as C# if/while, phis as mutable locals. With a tape plan, nested blocks push what
/// the reverse sweep will read.
/// </summary>
internal sealed class ForwardSweepWriter
{
    private readonly IrMethod method;
    private readonly EmittedNames names;
    private readonly TapePlan? tape;
    private readonly SourceWriter writer;

    public ForwardSweepWriter(IrMethod method, EmittedNames names, TapePlan? tape, SourceWriter writer)
    {
        this.method = method;
        this.names = names;
        this.tape = tape;
        this.writer = writer;
    }

    public void Write() => WriteBlock(method.Body, nested: false, loopPhis: new int[0], enclosingSource: -1);

    /// <param name="enclosingSource">The statement whose comment is already above this block; not repeated inside.</param>
    private void WriteBlock(IrBlock block, bool nested, IReadOnlyList<int> loopPhis, int enclosingSource)
    {
        var lastSource = enclosingSource;
        foreach (var node in block.Nodes)
        {
            if (node.SourceIndex != lastSource && node.SourceIndex >= 0)
            {
                writer.Line("// " + method.SourceTexts[node.SourceIndex]);
                lastSource = node.SourceIndex;
            }

            switch (node)
            {
                case IrStatement statement:
                    writer.Line($"var {names.Value(statement.Target)} = {Expression(statement)};");
                    break;
                case IrIf branch:
                    WriteIf(branch);
                    break;
                case IrLoop loop:
                    WriteLoop(loop);
                    break;
            }
        }

        if (nested && tape is not null)
        {
            foreach (var id in tape.Pushed(block, loopPhis))
            {
                writer.Line($"{names.Workspace}.Push({names.Value(id)});");
            }
        }
    }

    private void WriteIf(IrIf branch)
    {
        foreach (var phi in branch.Phis)
        {
            writer.Line($"{method.Values[phi.Target].Kind.TypeName()} {names.Value(phi.Target)};");
        }

        var reversed = tape is not null && tape.Reversed.Contains(branch);
        writer.Open($"if ({Operand(branch.Condition)})");
        WriteBlock(branch.Then, nested: reversed, loopPhis: new int[0], enclosingSource: branch.SourceIndex);
        foreach (var phi in branch.Phis)
        {
            writer.Line($"{names.Value(phi.Target)} = {Operand(phi.First)};");
        }

        writer.Close();
        if (branch.Else.Nodes.Count > 0 || branch.Phis.Count > 0 || (reversed && tape!.Pushed(branch.Else, new int[0]).Count > 0))
        {
            writer.Open("else");
            WriteBlock(branch.Else, nested: reversed, loopPhis: new int[0], enclosingSource: branch.SourceIndex);
            foreach (var phi in branch.Phis)
            {
                writer.Line($"{names.Value(phi.Target)} = {Operand(phi.Second)};");
            }

            writer.Close();
        }
    }

    private void WriteLoop(IrLoop loop)
    {
        foreach (var phi in loop.Carried)
        {
            writer.Line($"{method.Values[phi.Target].Kind.TypeName()} {names.Value(phi.Target)} = {Operand(phi.First)};");
        }

        var count = names.Value(loop.Count);
        writer.Line($"var {count} = 0;");
        writer.Open("while (true)");
        WriteBlock(loop.Header, nested: false, loopPhis: new int[0], enclosingSource: loop.SourceIndex);
        if (loop.Condition.IsLiteral)
        {
            if (loop.Condition.Literal == "false")
            {
                writer.Line("break;");
            }
        }
        else
        {
            writer.Line($"if (!{Operand(loop.Condition)}) break;");
        }

        var reversed = tape is not null && tape.Reversed.Contains(loop);
        WriteBlock(loop.Body, nested: reversed, loopPhis: loop.Carried.Select(p => p.Target).ToList(), enclosingSource: loop.SourceIndex);

        // The next iteration's values, assigned together (a phi may carry another phi's old value).
        var moves = loop.Carried.Where(p => p.Second.IsLiteral || p.Second.ValueId != p.Target).ToList();
        var carriedIds = new HashSet<int>(loop.Carried.Select(p => p.Target));
        var crossed = moves.Any(p => !p.Second.IsLiteral && carriedIds.Contains(p.Second.ValueId));
        if (crossed)
        {
            var temporaries = moves.Select(p => "next_" + names.Value(p.Target)).ToList();
            for (var i = 0; i < moves.Count; i++)
            {
                writer.Line($"var {temporaries[i]} = {Operand(moves[i].Second)};");
            }

            for (var i = 0; i < moves.Count; i++)
            {
                writer.Line($"{names.Value(moves[i].Target)} = {temporaries[i]};");
            }
        }
        else
        {
            foreach (var phi in moves)
            {
                writer.Line($"{names.Value(phi.Target)} = {Operand(phi.Second)};");
            }
        }

        writer.Line($"{count}++;");
        writer.Close();
    }

    private string Expression(IrStatement statement)
    {
        var arguments = statement.Arguments.Select(Operand).ToList();
        if (statement.Callee is { } callee)
        {
            return $"{callee.QualifiedName}Forward({string.Join(", ", new[] { names.Workspace }.Concat(arguments))})";
        }

        var operation = Operations.ById(statement.Operation);
        return Regex.Replace(operation.Forward, @"\{(\d+|args|ws)\}", m => m.Groups[1].Value switch
        {
            "args" => string.Join(", ", arguments),
            "ws" => names.Workspace,
            var index => arguments[int.Parse(index)],
        });
    }

    private string Operand(IrOperand operand) => operand.IsLiteral ? operand.Literal! : names.Value(operand.ValueId);
}
