using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// A counted loop, <c>for (var i = Start; i &lt; Bound; i++)</c>: a counter the body never changes, stepped by one at
/// the end of each iteration, and a bound the loop never changes. Its reverse is the counted loop
/// <c>for (var i = Bound - 1; i &gt;= Start; i--)</c>, so neither the counter nor the number of iterations is taped.
/// </summary>
/// <param name="Counter">The loop-carried value that is the counter.</param>
/// <param name="Start">The counter's value on entry, computed before the loop.</param>
/// <param name="Bound">The bound, over values defined before the loop (recomputed in the reverse sweep).</param>
/// <param name="Increment">The statement <c>i + 1</c> that steps the counter (written as <c>i++</c>).</param>
internal sealed record CountedLoop(int Counter, IrOperand Start, Expression Bound, int Increment)
{
    /// <summary>The counter's last value, <c>Bound - 1</c>, with a constant step folded in (<c>n - 1 - 1</c> is <c>n - 2</c>, <c>i + 1 - 1</c> is <c>i</c>).</summary>
    public Expression Last => Bound switch
    {
        Constant { Value: IrInt bound } => new Constant(new IrInt(bound.Value - 1)),
        Binary { Operator: BinaryOperator.Subtract, Right: Constant { Value: IrInt { Value: >= 0 } step } } minus =>
            minus with { Right = new Constant(new IrInt(step.Value + 1)) },
        Binary { Operator: BinaryOperator.Add, Right: Constant { Value: IrInt { Value: 1 } } } plusOne => plusOne.Left,
        Binary { Operator: BinaryOperator.Add, Right: Constant { Value: IrInt { Value: > 1 } step } } plus =>
            plus with { Right = new Constant(new IrInt(step.Value - 1)) },
        _ => Bound - new Constant(new IrInt(1)),
    };
}

/// <summary>Finds the loops that are counted loops (<see cref="CountedLoop"/>), from the IR alone.</summary>
internal static class CountedLoops
{
    /// <summary>The loop as a counted loop, or null when it is not one (a break, a bound or counter the body changes, …).</summary>
    public static CountedLoop? Of(IrLoop loop, IrMethod method)
    {
        if (loop.Condition.IsConstant || loop.Header.Nodes.Any(n => n is not IrStatement { Callee: null }))
        {
            return null;
        }

        var header = loop.Header.Nodes.Cast<IrStatement>().ToDictionary(s => s.Target);
        if (!header.TryGetValue(loop.Condition.ValueId, out var test) || test.Operation != OperationId.Less || test.Arguments[0].IsConstant
            || loop.Carried.FirstOrDefault(p => p.Target == test.Arguments[0].ValueId) is not { Second.IsConstant: false } counter
            || counter.Second.Kind != ValueKind.Int
            || loop.Body.Nodes.OfType<IrStatement>().FirstOrDefault(s => s.Target == counter.Second.ValueId) is not { } increment
            || !IsStepOf(increment, counter.Target))
        {
            return null;
        }

        var uses = Uses(method);
        var inside = new HashSet<int>(IrWalker.ValuesInside(loop).Concat(loop.Carried.Select(p => p.Target)));
        var bound = Bound(test.Arguments[1], header, inside, uses, method);
        var chain = header.Values.Count(s => s.Target != test.Target);
        return bound is not null
            && IrWalker.Statements(loop.Header).Count(s => s.Target != test.Target) == chain
            && uses.Count(test.Target) == 1
            && uses.Count(increment.Target) == 1
            && uses.Count(counter.Target) == UsesInside(loop, counter.Target)
            ? new CountedLoop(counter.Target, counter.First, bound, increment.Target)
            : null;
    }

    /// <summary><c>target = counter + 1</c>.</summary>
    private static bool IsStepOf(IrStatement statement, int counter) =>
        statement is { Operation: OperationId.IntAdd, Callee: null }
        && statement.Arguments[0] is { IsConstant: false } stepped && stepped.ValueId == counter
        && statement.Arguments[1].Constant is IrInt { Value: 1 };

    /// <summary>
    /// The bound as an expression over values defined before the loop: a constant, such a value, or a header statement
    /// computing it from those (<c>tokens.Length - 1</c>), each used once; null when it depends on the loop.
    /// </summary>
    private static Expression? Bound(IrOperand operand, Dictionary<int, IrStatement> header, HashSet<int> inside, Multiset uses, IrMethod method)
    {
        if (operand.IsConstant || !inside.Contains(operand.ValueId))
        {
            return ForwardForms.Operand(operand);
        }

        if (!header.TryGetValue(operand.ValueId, out var statement) || uses.Count(statement.Target) != 1
            || method.Values[statement.Target] is not { IsVariable: false, Kind: ValueKind.Int or ValueKind.Bool })
        {
            return null;
        }

        var arguments = new List<Expression>();
        foreach (var argument in statement.Arguments)
        {
            if (Bound(argument, header, inside, uses, method) is not { } bound)
            {
                return null;
            }

            arguments.Add(bound);
        }

        return ForwardForms.Of(statement, arguments.ToEquatableArray());
    }

    /// <summary>How often the loop's own code (header, body, condition and next values) reads a value.</summary>
    private static int UsesInside(IrLoop loop, int id) =>
        IrWalker.Operands(loop.Header).Concat(IrWalker.Operands(loop.Body))
            .Concat(loop.Carried.Select(p => p.Second)).Append(loop.Condition)
            .Count(o => !o.IsConstant && o.ValueId == id);

    /// <summary>How often the whole method reads each value (results included).</summary>
    private static Multiset Uses(IrMethod method)
    {
        var uses = new Multiset();
        foreach (var operand in IrWalker.Operands(method.Body).Concat(method.ResultValues()).Where(o => !o.IsConstant))
        {
            uses.Add(operand.ValueId);
        }

        return uses;
    }

    private sealed class Multiset
    {
        private readonly Dictionary<int, int> counts = new();

        public void Add(int id) => counts[id] = Count(id) + 1;

        public int Count(int id) => counts.TryGetValue(id, out var n) ? n : 0;
    }
}
