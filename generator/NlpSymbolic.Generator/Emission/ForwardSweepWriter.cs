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

    private readonly HashSet<int> inlinable;
    private readonly Dictionary<int, string> inlined = new();

    public ForwardSweepWriter(IrMethod method, EmittedNames names, TapePlan? tape, SourceWriter writer)
    {
        this.method = method;
        this.names = names;
        this.tape = tape;
        this.writer = writer;
        inlinable = InlinableValues(method, tape);
        components = IrWalker.Statements(method.Body)
            .Where(s => s.Operation == IrStatement.TupleItemOperation)
            .ToLookup(s => s.Arguments[0].ValueId, s => s.Target);
        used = new HashSet<int>(IrWalker.Statements(method.Body).SelectMany(s => s.Arguments)
            .Concat(IrWalker.Phis(method.Body).SelectMany(p => new[] { p.First, p.Second }))
            .Concat(method.ResultValues())
            .Concat(IrWalker.Conditions(method.Body))
            .Where(o => !o.IsLiteral)
            .Select(o => o.ValueId));
    }

    /// <summary>The components taken out of each call's tuple result (in order), by the call's value.</summary>
    private readonly ILookup<int, int> components;

    /// <summary>Values some statement, merge or the result reads: a component nobody reads is deconstructed into a discard.</summary>
    private readonly HashSet<int> used;

    /// <summary>
    /// Int and bool temporaries (indices, sizes, conditions) used once, in the block that computes them,
    /// and never read by the reverse sweep: written into their use as the user wrote them
    /// (<c>tokens[t + 1]</c>, <c>while (t &lt; tokens.Length - 1)</c>) rather than as one line each.
    /// </summary>
    private static HashSet<int> InlinableValues(IrMethod method, TapePlan? tape)
    {
        var definedIn = new Dictionary<int, IrBlock>();
        var uses = new Dictionary<int, List<IrBlock>>();
        void Use(IrOperand operand, IrBlock block)
        {
            if (!operand.IsLiteral)
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

        return new HashSet<int>(IrWalker.Statements(method.Body)
            .Where(s => s.Callee is null
                && method.Values[s.Target].Kind is ValueKind.Int or ValueKind.Bool
                && !method.Values[s.Target].IsVariable
                && (tape is null || !tape.Read.Contains(s.Target))
                && uses.TryGetValue(s.Target, out var sites) && sites.Count == 1
                && ReferenceEquals(sites[0], definedIn[s.Target]))
            .Select(s => s.Target));
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
                case IrStatement { Operation: IrStatement.TupleItemOperation }:
                    // Written by the call's deconstruction.
                    break;
                case IrStatement { Callee.ResultKind: ValueKind.Tuple } call:
                    var targets = components[call.Target].Select(id => used.Contains(id) || (tape?.Read.Contains(id) ?? false) ? names.Value(id) : "_");
                    writer.Line($"var ({string.Join(", ", targets)}) = {Expression(call)};");
                    break;
                case IrStatement statement when inlinable.Contains(statement.Target):
                    inlined[statement.Target] = Expression(statement);
                    break;
                case IrStatement statement when Operations.IsStore(statement.Operation):
                    writer.Line(Expression(statement) + ";");
                    break;
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
            var pushed = tape.Pushed(block, loopPhis);
            if (pushed.Count > 0)
            {
                writer.Line("// saved for the reverse sweep");
            }

            foreach (var id in pushed)
            {
                writer.Line($"{names.Workspace}.Push({names.Value(id)});");
            }
        }
    }

    private void WriteIf(IrIf branch)
    {
        // A merge nothing reads (the flag of an early return that is the method's last) is not written at all.
        var phis = branch.Phis.Where(p => used.Contains(p.Target) || (tape?.Read.Contains(p.Target) ?? false)).ToList();
        foreach (var phi in phis)
        {
            writer.Line($"{names.Types.Of(method.Values[phi.Target].Kind)} {names.Value(phi.Target)};");
        }

        var reversed = tape is not null && tape.Reversed.Contains(branch);
        writer.Open($"if ({Unparenthesized(Operand(branch.Condition))})");
        WriteBlock(branch.Then, nested: reversed, loopPhis: new int[0], enclosingSource: branch.SourceIndex);
        foreach (var phi in phis)
        {
            writer.Line($"{names.Value(phi.Target)} = {Unparenthesized(Operand(phi.First))};");
        }

        writer.Close();
        if (branch.Else.Nodes.Count > 0 || phis.Count > 0 || (reversed && tape!.Pushed(branch.Else, new int[0]).Count > 0))
        {
            writer.Open("else");
            WriteBlock(branch.Else, nested: reversed, loopPhis: new int[0], enclosingSource: branch.SourceIndex);
            foreach (var phi in phis)
            {
                writer.Line($"{names.Value(phi.Target)} = {Unparenthesized(Operand(phi.Second))};");
            }

            writer.Close();
        }
    }

    private void WriteLoop(IrLoop loop)
    {
        foreach (var phi in loop.Carried)
        {
            writer.Line($"{names.Types.Of(method.Values[phi.Target].Kind)} {names.Value(phi.Target)} = {Operand(phi.First)};");
        }

        // Only a loop that has a reverse needs to know how many iterations ran.
        var counted = tape is not null && tape.Reversed.Contains(loop);
        var count = names.Value(loop.Count);
        if (counted)
        {
            writer.Line($"var {count} = 0;");
        }

        if (loop.Header.Nodes.All(n => n is IrStatement s && inlinable.Contains(s.Target)))
        {
            // The header is only the condition: an ordinary while loop.
            WriteBlock(loop.Header, nested: false, loopPhis: new int[0], enclosingSource: loop.SourceIndex);
            writer.Open($"while ({Unparenthesized(Operand(loop.Condition))})");
        }
        else if (ShortCircuit(loop) is { } condition)
        {
            // `a && b` (a loop with a break tests its flag first) was lowered to a branch; C# says it directly.
            writer.Open($"while ({condition})");
        }
        else
        {
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
                writer.Line($"if (!{Parenthesized(Operand(loop.Condition))}) break;");
            }
        }

        WriteBlock(loop.Body, nested: counted, loopPhis: loop.Carried.Select(p => p.Target).ToList(), enclosingSource: loop.SourceIndex);

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
                writer.Line($"{names.Value(phi.Target)} = {Unparenthesized(Operand(phi.Second))};");
            }
        }

        if (counted)
        {
            writer.Line($"{count}++;");
        }

        writer.Close();
    }

    /// <summary>
    /// The loop condition as <c>a &amp;&amp; b</c> or <c>a || b</c> when the header is only a short-circuit: inlinable
    /// statements, then a branch on <c>a</c> whose one merge is <c>b</c> (computed inline in one branch) or the
    /// constant that decides it; null for any other header.
    /// </summary>
    private string? ShortCircuit(IrLoop loop)
    {
        var nodes = loop.Header.Nodes;
        if (nodes.Count == 0 || nodes[nodes.Count - 1] is not IrIf { Phis.Count: 1 } branch
            || loop.Condition.IsLiteral || branch.Phis[0].Target != loop.Condition.ValueId
            || !nodes.Take(nodes.Count - 1).All(n => n is IrStatement s && inlinable.Contains(s.Target))
            || !branch.Then.Nodes.Concat(branch.Else.Nodes).All(n => n is IrStatement s && inlinable.Contains(s.Target)))
        {
            return null;
        }

        var phi = branch.Phis[0];
        var (op, tested, constant) = phi.Second.Literal == "false" ? ("&&", phi.First, branch.Else)
            : phi.First.Literal == "true" ? ("||", phi.Second, branch.Then)
            : (null, phi.First, branch.Then);
        if (op is null || constant.Nodes.Count > 0 || tested.IsLiteral)
        {
            return null;
        }

        WriteBlock(new IrBlock(nodes.Take(nodes.Count - 1).ToEquatableArray()), nested: false, loopPhis: new int[0], enclosingSource: loop.SourceIndex);
        WriteBlock(op == "&&" ? branch.Then : branch.Else, nested: false, loopPhis: new int[0], enclosingSource: loop.SourceIndex);
        return $"{Operand(branch.Condition)} {op} {Operand(tested)}";
    }

    private string Expression(IrStatement statement)
    {
        var arguments = statement.Arguments.Select(Operand).ToList();
        if (statement.Callee is { CustomTargetId: not null } custom)
        {
            // A function with a hand-written derivative runs as the user wrote it.
            return $"{custom.QualifiedName}({string.Join(", ", arguments.Select(Unparenthesized))})";
        }

        if (statement.Callee is { } callee)
        {
            return $"{callee.QualifiedName}Forward({string.Join(", ", new[] { names.Workspace }.Concat(arguments))})";
        }

        var operation = Operations.ById(statement.Operation);
        return Regex.Replace(operation.Forward, @"\{(\d+|args|ws|name:\d+)\}", m => m.Groups[1].Value switch
        {
            "args" => string.Join(", ", arguments.Select(Unparenthesized)),
            "ws" => names.Workspace,
            var name when name.StartsWith("name:", System.StringComparison.Ordinal) =>
                names.Value(statement.Arguments[int.Parse(name.Substring(5))].ValueId).TrimStart('@'),
            var index => Delimited(operation.Forward, m.Index, m.Length)
                ? Unparenthesized(arguments[int.Parse(index)])
                : arguments[int.Parse(index)],
        });
    }

    /// <summary>Whether a placeholder stands alone between brackets or commas, so an inlined expression needs no parentheses.</summary>
    private static bool Delimited(string template, int start, int length)
    {
        var before = start > 0 ? template[start - 1] : ' ';
        var after = start + length < template.Length ? template[start + length] : ' ';
        var beforeOk = before is '(' or '[' || (before == ' ' && start > 1 && template[start - 2] == ',');
        return beforeOk && after is ')' or ']' or ',';
    }

    private static string Unparenthesized(string text) =>
        text.Length > 1 && text[0] == '(' && text[text.Length - 1] == ')' && Balanced(text.Substring(1, text.Length - 2))
            ? text.Substring(1, text.Length - 2)
            : text;

    private static string Parenthesized(string text) => text.Contains(' ') && Unparenthesized(text) == text ? "(" + text + ")" : text;

    private static bool Balanced(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }

    private string Operand(IrOperand operand) =>
        operand.IsLiteral ? operand.Literal!
        : inlined.TryGetValue(operand.ValueId, out var expression) ? (expression.Contains(' ') ? "(" + expression + ")" : expression)
        : names.Value(operand.ValueId);
}
