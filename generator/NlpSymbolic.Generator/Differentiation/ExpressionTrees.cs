using System;
using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>Walks over <see cref="Expression"/> trees: what they reference, and rewriting their leaves.</summary>
internal static class ExpressionTrees
{
    /// <summary>
    /// The expression with each node that <paramref name="replace"/> maps (to non-null) replaced, and every
    /// other node rebuilt from its rewritten children.
    /// </summary>
    public static Expression Rewrite(Expression expression, Func<Expression, Expression?> replace)
    {
        if (replace(expression) is { } replaced)
        {
            return replaced;
        }

        Expression Go(Expression e) => Rewrite(e, replace);
        EquatableArray<Expression> All(EquatableArray<Expression> items) => items.Select(Go).ToEquatableArray();
        return expression switch
        {
            Unary unary => unary with { Operand = Go(unary.Operand) },
            Binary binary => binary with { Left = Go(binary.Left), Right = Go(binary.Right) },
            Conditional conditional => new Conditional(Go(conditional.Condition), Go(conditional.WhenTrue), Go(conditional.WhenFalse)),
            FunctionCall call => call with { Arguments = All(call.Arguments) },
            KernelCall call => call with { Arguments = All(call.Arguments) },
            PullbackCall call => call with { Arguments = All(call.Arguments) },
            TupleOf tuple => new TupleOf(All(tuple.Items)),
            SizeOf size => size with { Operand = Go(size.Operand) },
            MemberOf member => member with { Operand = Go(member.Operand) },
            ForwardKernelCall call => call with { Arguments = All(call.Arguments) },
            MethodCall call => call with { Arguments = All(call.Arguments) },
            MatrixElementOf element => new MatrixElementOf(Go(element.Matrix), Go(element.Row), Go(element.Column)),
            ToDouble cast => new ToDouble(Go(cast.Operand)),
            Assignment assignment => new Assignment(Go(assignment.Target), Go(assignment.Value)),
            WrittenElement element => new WrittenElement(Go(element.Array), Go(element.Index)),
            ElementOf element => new ElementOf(Go(element.Array), Go(element.Index)),
            ByRef byRef => new ByRef(Go(byRef.Operand)),
            IsNotNull test => new IsNotNull(Go(test.Operand)),
            OrElse orElse => new OrElse(Go(orElse.Operand), Go(orElse.Fallback)),
            _ => expression,
        };
    }

    /// <summary>Every node of the tree, parents before children, left to right.</summary>
    public static IEnumerable<Expression> Nodes(Expression? expression)
    {
        if (expression is null)
        {
            yield break;
        }

        yield return expression;
        foreach (var child in Children(expression))
        {
            foreach (var node in Nodes(child))
            {
                yield return node;
            }
        }
    }

    /// <summary>The values whose adjoints the expression reads or writes, in order.</summary>
    public static IEnumerable<int> Adjoints(Expression? expression) => Nodes(expression).OfType<AdjointOf>().Select(a => a.Id);

    /// <summary>The forward values the expression reads, in order.</summary>
    public static IEnumerable<int> Values(Expression? expression) => Nodes(expression).OfType<ValueOf>().Select(v => v.Id);

    private static IEnumerable<Expression> Children(Expression expression) => expression switch
    {
        Unary unary => new[] { unary.Operand },
        Binary binary => new[] { binary.Left, binary.Right },
        Conditional conditional => new[] { conditional.Condition, conditional.WhenTrue, conditional.WhenFalse },
        FunctionCall call => call.Arguments,
        KernelCall call => call.Arguments,
        PullbackCall call => call.Arguments,
        TupleOf tuple => tuple.Items,
        SizeOf size => new[] { size.Operand },
        MemberOf member => new[] { member.Operand },
        ForwardKernelCall call => call.Arguments,
        MethodCall call => call.Arguments,
        MatrixElementOf element => new[] { element.Matrix, element.Row, element.Column },
        ToDouble cast => new[] { cast.Operand },
        Assignment assignment => new[] { assignment.Target, assignment.Value },
        WrittenElement element => new[] { element.Array, element.Index },
        ElementOf element => new[] { element.Array, element.Index },
        ByRef byRef => new[] { byRef.Operand },
        IsNotNull test => new[] { test.Operand },
        OrElse orElse => new[] { orElse.Operand, orElse.Fallback },
        _ => Array.Empty<Expression>(),
    };
}
