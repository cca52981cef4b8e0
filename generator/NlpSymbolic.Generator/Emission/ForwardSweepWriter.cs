using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;
using NlpSymbolic.Generator.Planning;

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
    private readonly Tape? tape;
    private readonly SourceWriter writer;

    private readonly HashSet<int> inlinable;
    private readonly Dictionary<int, Expression> inlined = new();
    private readonly ExpressionRenderer printer;

    /// <param name="tape">What to push for the reverse sweep; null for <c>NameForward</c>, which has none.</param>
    /// <param name="inlined">The values written into their one use (<see cref="EmissionPlan"/>).</param>
    public ForwardSweepWriter(IrMethod method, EmittedNames names, Tape? tape, EquatableArray<int> inlined, SourceWriter writer)
    {
        this.method = method;
        this.names = names;
        this.tape = tape;
        this.writer = writer;
        inlinable = new HashSet<int>(inlined);
        printer = new ExpressionRenderer(method, names, names.Value);
        components = IrWalker.Statements(method.Body)
            .Where(s => s.Operation == IrStatement.TupleItemOperation)
            .ToLookup(s => s.Arguments[0].ValueId, s => s.Target);
        used = new HashSet<int>(IrWalker.Statements(method.Body).SelectMany(s => s.Arguments)
            .Concat(IrWalker.Phis(method.Body).SelectMany(p => new[] { p.First, p.Second }))
            .Concat(method.ResultValues())
            .Concat(IrWalker.Conditions(method.Body))
            .Where(o => !o.IsConstant)
            .Select(o => o.ValueId));
    }

    /// <summary>The components taken out of each call's tuple result (in order), by the call's value.</summary>
    private readonly ILookup<int, int> components;

    /// <summary>Values some statement, merge or the result reads: a component nobody reads is deconstructed into a discard.</summary>
    private readonly HashSet<int> used;

    public void Write() => WriteBlock(method.Body, nested: false, loopPhis: new int[0], enclosingSource: -1);

    /// <param name="enclosingSource">The statement whose comment is already above this block; not repeated inside.</param>
    /// <param name="skipped">A statement not written (a counted loop's step, which its <c>for</c> writes as <c>i++</c>).</param>
    private void WriteBlock(IrBlock block, bool nested, IReadOnlyList<int> loopPhis, int enclosingSource, int skipped = -1)
    {
        var lastSource = enclosingSource;
        foreach (var node in block.Nodes)
        {
            if (node is IrStatement { Target: var target } && target == skipped)
            {
                continue;
            }

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
                    var targets = components[call.Target].Select(id => used.Contains(id) || (tape?.Reads(id) ?? false) ? names.Value(id) : "_");
                    writer.Line($"var ({string.Join(", ", targets)}) = {Render(Form(call))};");
                    break;
                case IrStatement statement when inlinable.Contains(statement.Target):
                    inlined[statement.Target] = Form(statement);
                    break;
                case IrStatement statement when Operations.IsStore(statement.Operation):
                    writer.Line(Render(Form(statement)) + ";");
                    break;
                case IrStatement statement:
                    writer.Line($"var {names.Value(statement.Target)} = {Render(Form(statement))};");
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
        var phis = branch.Phis.Where(p => used.Contains(p.Target) || (tape?.Reads(p.Target) ?? false)).ToList();
        foreach (var phi in phis)
        {
            writer.Line($"{names.Types.Of(method.Values[phi.Target].Kind)} {names.Value(phi.Target)};");
        }

        var reversed = tape is not null && tape.IsReversed(branch);
        writer.Open($"if ({Render(branch.Condition)})");
        WriteBlock(branch.Then, nested: reversed, loopPhis: new int[0], enclosingSource: branch.SourceIndex);
        foreach (var phi in phis)
        {
            writer.Line($"{names.Value(phi.Target)} = {Render(phi.First)};");
        }

        writer.Close();
        if (branch.Else.Nodes.Count > 0 || phis.Count > 0 || (reversed && tape!.Pushed(branch.Else, new int[0]).Count > 0))
        {
            writer.Open("else");
            WriteBlock(branch.Else, nested: reversed, loopPhis: new int[0], enclosingSource: branch.SourceIndex);
            foreach (var phi in phis)
            {
                writer.Line($"{names.Value(phi.Target)} = {Render(phi.Second)};");
            }

            writer.Close();
        }
    }

    private void WriteLoop(IrLoop loop)
    {
        // A counted loop is written as the user wrote it, for (var i = …; i < …; i++), and its counter is its own.
        var countedLoop = CountedLoops.Of(loop, method);
        var carried = loop.Carried.Where(p => p.Target != countedLoop?.Counter).ToList();
        foreach (var phi in carried)
        {
            writer.Line($"{names.Types.Of(method.Values[phi.Target].Kind)} {names.Value(phi.Target)} = {Render(phi.First)};");
        }

        // Only a loop that has a reverse needs to know how many iterations ran, unless it counts them itself.
        var reversed = tape is not null && tape.IsReversed(loop);
        var counted = reversed && countedLoop is null;
        var count = names.Value(loop.Count);
        if (counted)
        {
            writer.Line($"var {count} = 0;");
        }

        if (countedLoop is not null)
        {
            WriteBlock(loop.Header, nested: false, loopPhis: new int[0], enclosingSource: loop.SourceIndex);
            var counter = names.Value(countedLoop.Counter);
            writer.Open($"for (var {counter} = {Render(countedLoop.Start)}; {Render(loop.Condition)}; {counter}++)");
        }
        else if (loop.Header.Nodes.All(n => n is IrStatement s && inlinable.Contains(s.Target)))
        {
            // The header is only the condition: an ordinary while loop.
            WriteBlock(loop.Header, nested: false, loopPhis: new int[0], enclosingSource: loop.SourceIndex);
            writer.Open($"while ({Render(loop.Condition)})");
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
            if (loop.Condition.Constant is IrBool { Value: false })
            {
                writer.Line("break;");
            }
            else if (!loop.Condition.IsConstant)
            {
                writer.Line($"if ({Render(!Operand(loop.Condition))}) break;");
            }
        }

        WriteBlock(loop.Body, nested: reversed, loopPhis: carried.Select(p => p.Target).ToList(), enclosingSource: loop.SourceIndex, skipped: countedLoop?.Increment ?? -1);

        WriteNextIteration(loop, carried);

        if (counted)
        {
            writer.Line($"{count}++;");
        }

        writer.Close();
    }

    /// <summary>The next iteration's values, assigned together (a phi may carry another phi's old value).</summary>
    private void WriteNextIteration(IrLoop loop, List<IrPhi> carried)
    {
        var moves = carried.Where(p => p.Second.IsConstant || p.Second.ValueId != p.Target).ToList();
        var carriedIds = new HashSet<int>(loop.Carried.Select(p => p.Target));
        var crossed = moves.Any(p => !p.Second.IsConstant && carriedIds.Contains(p.Second.ValueId));
        if (crossed)
        {
            var temporaries = moves.Select(p => "next_" + names.Value(p.Target)).ToList();
            for (var i = 0; i < moves.Count; i++)
            {
                writer.Line($"var {temporaries[i]} = {Render(moves[i].Second)};");
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
                writer.Line($"{names.Value(phi.Target)} = {Render(phi.Second)};");
            }
        }
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
            || loop.Condition.IsConstant || branch.Phis[0].Target != loop.Condition.ValueId
            || !nodes.Take(nodes.Count - 1).All(n => n is IrStatement s && inlinable.Contains(s.Target))
            || !branch.Then.Nodes.Concat(branch.Else.Nodes).All(n => n is IrStatement s && inlinable.Contains(s.Target)))
        {
            return null;
        }

        var phi = branch.Phis[0];
        var (isAnd, tested, constant) = phi.Second.Constant is IrBool { Value: false } ? (true, phi.First, branch.Else)
            : phi.First.Constant is IrBool { Value: true } ? (false, phi.Second, branch.Then)
            : ((bool?)null, phi.First, branch.Then);
        if (isAnd is null || constant.Nodes.Count > 0 || tested.IsConstant)
        {
            return null;
        }

        WriteBlock(new IrBlock(nodes.Take(nodes.Count - 1).ToEquatableArray()), nested: false, loopPhis: new int[0], enclosingSource: loop.SourceIndex);
        WriteBlock(isAnd.Value ? branch.Then : branch.Else, nested: false, loopPhis: new int[0], enclosingSource: loop.SourceIndex);
        return Render(isAnd.Value ? Operand(branch.Condition) & Operand(tested) : Operand(branch.Condition) | Operand(tested));
    }

    /// <summary>The statement's value as an expression: its operation's forward form over its operands.</summary>
    private Expression Form(IrStatement statement) => ForwardForms.Of(statement, statement.Arguments.Select(Operand).ToEquatableArray());

    private string Render(Expression expression) => printer.Render(expression);

    private string Render(IrOperand operand) => printer.Render(Operand(operand));

    private Expression Operand(IrOperand operand) =>
        !operand.IsConstant && inlined.TryGetValue(operand.ValueId, out var expression) ? expression : ForwardForms.Operand(operand);
}
