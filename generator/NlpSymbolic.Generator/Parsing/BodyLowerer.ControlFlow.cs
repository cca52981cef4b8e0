using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

internal sealed partial class BodyLowerer
{
    /// <summary>
    /// Lowers two branches from the same variables and merges what they assign into phis. Variables
    /// declared inside a branch end with it (C# scoping), so only variables that existed before merge.
    /// </summary>
    private void LowerBranches(IrOperand condition, Action whenTrue, Action? whenFalse, int source)
    {
        var before = new Dictionary<VariableKey, IrOperand>(variables);

        builder.OpenBlock();
        whenTrue();
        var thenBlock = builder.CloseBlock();
        var afterThen = variables;

        variables = new Dictionary<VariableKey, IrOperand>(before);
        builder.OpenBlock();
        whenFalse?.Invoke();
        var elseBlock = builder.CloseBlock();
        var afterElse = variables;

        variables = new Dictionary<VariableKey, IrOperand>(before);
        var phis = new List<IrPhi>();
        foreach (var key in before.Keys.OrderBy(k => before[k].ValueId).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            var first = afterThen[key];
            var second = afterElse[key];
            if (first == second)
            {
                variables[key] = first;
                continue;
            }

            var phi = builder.NewValue(key.Kind, key.Name, isVariable: true);
            phis.Add(new IrPhi(phi.Id, first, second));
            variables[key] = IrOperand.Value(phi.Id, key.Kind);
        }

        builder.Add(new IrIf(condition, thenBlock, elseBlock, phis.ToEquatableArray(), source));
    }

    private void LowerFor(IForLoopOperation loop)
    {
        var syntax = (ForStatementSyntax)loop.Syntax;
        var source = builder.BeginSource(HeaderText(syntax));
        foreach (var before in loop.Before)
        {
            switch (before)
            {
                case IVariableDeclarationGroupOperation group:
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            LowerDeclarator(declarator, declaration);
                        }
                    }

                    break;
                case IExpressionStatementOperation statement:
                    LowerExpressionStatement(statement.Operation);
                    break;
                default:
                    LowerExpressionStatement(before);
                    break;
            }
        }

        LowerLoop(
            loop,
            source,
            loop.Condition,
            conditionAtEnd: false,
            body: () =>
            {
                LowerStatement(loop.Body);
                builder.BeginSource(HeaderText(syntax));
                foreach (var step in loop.AtLoopBottom)
                {
                    LowerExpressionStatement(step is IExpressionStatementOperation e ? e.Operation : step);
                }
            });
    }

    private void LowerWhile(IWhileLoopOperation loop)
    {
        var syntax = (StatementSyntax)loop.Syntax;
        var source = builder.BeginSource(HeaderText(syntax));
        LowerLoop(loop, source, loop.Condition, conditionAtEnd: !loop.ConditionIsTop, body: () => LowerStatement(loop.Body));
    }

    /// <summary>
    /// A loop becomes header (the condition), body and phis for every variable the loop assigns. A
    /// <c>break</c> sets a flag that the header tests; a <c>do … while</c> tests its condition at the end of
    /// the body by setting the same flag.
    /// </summary>
    private void LowerLoop(ILoopOperation loop, int source, IOperation? condition, bool conditionAtEnd, Action body)
    {
        var flags = new LoopFlags(
            VariableKey.Synthetic("broke", ValueKind.Bool),
            VariableKey.Synthetic("skipped", ValueKind.Bool));
        var usesBreak = conditionAtEnd || ContainsJump(loop.Body.Syntax, SyntaxKind.BreakStatement);
        var usesContinue = ContainsJump(loop.Body.Syntax, SyntaxKind.ContinueStatement);
        var usesReturn = loop.Syntax.DescendantNodes().OfType<ReturnStatementSyntax>().Any();
        if (usesBreak)
        {
            variables[flags.Break] = IrOperand.Bool(false);
        }

        // A built array is never carried: assigning its variable is NLPSYM115, reported at the assignment.
        var carriedKeys = AssignedIn(loop).Where(k => variables.TryGetValue(k, out var entry) && !IsBuiltArray(entry)).ToList();
        if (usesBreak)
        {
            carriedKeys.Add(flags.Break);
        }

        if (usesReturn)
        {
            carriedKeys.Add(returnedKey);
            carriedKeys.AddRange(resultKeys);
        }

        var carried = carriedKeys.Distinct().Select(key =>
        {
            var phi = builder.NewValue(key.Kind, key.Name, isVariable: true);
            var entry = variables[key];
            variables[key] = IrOperand.Value(phi.Id, key.Kind);
            return (key, phi, entry);
        }).ToList();

        // Header: evaluated before every iteration and once more at the exit.
        builder.OpenBlock();
        builder.ResumeSource(source);
        var stops = new List<VariableKey>();
        if (usesBreak)
        {
            stops.Add(flags.Break);
        }

        if (usesReturn)
        {
            stops.Add(returnedKey);
        }

        IrOperand? test = stops.Count > 0 ? NoneSet(stops) : null;
        if (condition is not null && !conditionAtEnd)
        {
            var userCondition = test is null
                ? Lower(condition, "condition")
                : LowerLazyAnd(test, () => Lower(condition, "condition"), source);
            test = userCondition;
        }

        var header = builder.CloseBlock();
        test ??= IrOperand.Bool(true);

        // Body.
        builder.OpenBlock();
        loops.Push(flags);
        if (usesContinue)
        {
            variables[flags.Continue] = IrOperand.Bool(false);
        }

        body();
        if (conditionAtEnd && condition is not null)
        {
            builder.ResumeSource(source);
            if (Lower(condition, "condition") is { } again)
            {
                var stop = builder.Emit(Operations.ById(OperationId.Not), new[] { again }, "stop");
                variables[flags.Break] = builder.Emit(Operations.ById(OperationId.Or), new[] { variables[flags.Break], stop }, "stop");
            }
        }

        loops.Pop();
        var bodyBlock = builder.CloseBlock();

        var phis = carried.Select(c => new IrPhi(c.phi.Id, c.entry, variables[c.key])).ToEquatableArray();
        foreach (var (key, phi, _) in carried)
        {
            variables[key] = IrOperand.Value(phi.Id, key.Kind);
        }

        var count = builder.NewValue(ValueKind.Int, "iterations", isVariable: false);
        builder.Add(new IrLoop(phis, header, test, bodyBlock, count.Id, source));
    }

    /// <summary><c>a &amp;&amp; b()</c> where b is lowered only on the path where a holds.</summary>
    private IrOperand? LowerLazyAnd(IrOperand left, Func<IrOperand?> right, int source)
    {
        var key = VariableKey.Synthetic("both", ValueKind.Bool);
        variables[key] = IrOperand.Bool(false);
        var failed = false;
        LowerBranches(left, () =>
        {
            var value = right();
            if (value is null)
            {
                failed = true;
                return;
            }

            variables[key] = value;
        }, null, source);
        var result = variables[key];
        variables.Remove(key);
        return failed ? null : result;
    }

    /// <summary><c>a || b()</c> where b is lowered only on the path where a fails.</summary>
    private IrOperand? LowerLazyOr(IrOperand left, Func<IrOperand?> right, int source)
    {
        var key = VariableKey.Synthetic("either", ValueKind.Bool);
        variables[key] = IrOperand.Bool(true);
        var failed = false;
        LowerBranches(left, () => { }, () =>
        {
            var value = right();
            if (value is null)
            {
                failed = true;
                return;
            }

            variables[key] = value;
        }, source);
        var result = variables[key];
        variables.Remove(key);
        return failed ? null : result;
    }

    /// <summary><c>c ? a() : b()</c> with each arm lowered only on its own path.</summary>
    private IrOperand? LowerChoice(IrOperand condition, ValueKind kind, Func<IrOperand?> whenTrue, Func<IrOperand?> whenFalse, int source)
    {
        var key = VariableKey.Synthetic("choice", kind);
        variables[key] = Undefined(kind);
        var failed = false;
        void Arm(Func<IrOperand?> arm)
        {
            var value = arm();
            if (value is null)
            {
                failed = true;
                return;
            }

            variables[key] = value;
        }

        LowerBranches(condition, () => Arm(whenTrue), () => Arm(whenFalse), source);
        var result = variables[key];
        variables.Remove(key);
        return failed ? null : result;
    }

    /// <summary>True when none of the flags is set: the guard of the statements after a jump.</summary>
    private IrOperand NoneSet(IReadOnlyList<VariableKey> flags)
    {
        IrOperand? any = null;
        foreach (var flag in flags)
        {
            var value = variables.TryGetValue(flag, out var v) ? v : IrOperand.Bool(false);
            any = any is null ? value : builder.Emit(Operations.ById(OperationId.Or), new[] { any, value }, "jumped");
        }

        return builder.Emit(Operations.ById(OperationId.Not), new[] { any! }, "proceed");
    }

    /// <summary>The flags a statement may set: early return, and break/continue of the enclosing loop.</summary>
    private List<VariableKey> JumpFlags(SyntaxNode statement)
    {
        var flags = new List<VariableKey>();
        if (statement.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>().Any())
        {
            flags.Add(returnedKey);
        }

        if (loops.Count > 0)
        {
            if (ContainsJump(statement, SyntaxKind.BreakStatement, includeSelf: true))
            {
                flags.Add(loops.Peek().Break);
            }

            if (ContainsJump(statement, SyntaxKind.ContinueStatement, includeSelf: true))
            {
                flags.Add(loops.Peek().Continue);
            }
        }

        return flags;
    }

    /// <summary>Whether a break/continue in <paramref name="node"/> targets the loop around it (not a nested loop).</summary>
    private static bool ContainsJump(SyntaxNode node, SyntaxKind kind, bool includeSelf = false)
    {
        static bool IsLoop(SyntaxNode n) =>
            n is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax or SwitchStatementSyntax;

        if (includeSelf && node.IsKind(kind))
        {
            return true;
        }

        if (IsLoop(node))
        {
            // Jumps inside a loop statement belong to that loop.
            return false;
        }

        return node.DescendantNodes(n => n == node || !IsLoop(n)).Any(n => n.IsKind(kind));
    }

    /// <summary>Variables (declared outside) that a loop assigns anywhere inside.</summary>
    private IEnumerable<VariableKey> AssignedIn(IOperation loop)
    {
        foreach (var operation in loop.Descendants())
        {
            var target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                _ => null,
            };
            if (target is not null && VariableOf(target) is { } key)
            {
                yield return key;
            }
            else if (target is not null)
            {
                // `(h, c) = Cell(…)` and `r = Cell(…)` assign several variables at once.
                foreach (var component in AssignedComponents(target))
                {
                    yield return component;
                }
            }
        }
    }
}
