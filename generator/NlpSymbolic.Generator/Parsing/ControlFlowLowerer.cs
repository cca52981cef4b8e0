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

/// <summary>
/// Branches and loops in SSA form: <c>if</c>, <c>?:</c>, <c>&amp;&amp;</c> and <c>||</c> lower each arm from a copy of the
/// variables and merge what they assign into phis; <c>for</c>, <c>while</c> and <c>do</c> become an <see cref="IrLoop"/>
/// whose phis carry what the loop assigns, with break, continue and early return as flags the header tests.
/// </summary>
internal sealed class ControlFlowLowerer : Lowerer
{
    public ControlFlowLowerer(Lowerers lowerers)
        : base(lowerers)
    {
    }

    /// <summary>
    /// Lowers two branches from the same variables and merges what they assign into phis. Variables
    /// declared inside a branch end with it (C# scoping), so only variables that existed before merge.
    /// </summary>
    internal void LowerBranches(IrOperand condition, Action whenTrue, Action? whenFalse, int source)
    {
        var before = new Dictionary<VariableKey, IrOperand>(State.Variables);

        State.Builder.OpenBlock();
        whenTrue();
        var thenBlock = State.Builder.CloseBlock();
        var afterThen = State.Variables;

        State.Variables = new Dictionary<VariableKey, IrOperand>(before);
        State.Builder.OpenBlock();
        whenFalse?.Invoke();
        var elseBlock = State.Builder.CloseBlock();
        var afterElse = State.Variables;

        State.Variables = new Dictionary<VariableKey, IrOperand>(before);
        var phis = new List<IrPhi>();
        foreach (var key in before.Keys.OrderBy(k => before[k].ValueId).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            var first = afterThen[key];
            var second = afterElse[key];
            if (first == second)
            {
                State.Variables[key] = first;
                continue;
            }

            var phi = State.Builder.NewValue(key.Kind, key.Name, isVariable: true);
            phis.Add(new IrPhi(phi.Id, first, second));
            State.Variables[key] = IrOperand.Value(phi.Id, key.Kind);
        }

        State.Builder.Add(new IrIf(condition, thenBlock, elseBlock, phis.ToEquatableArray(), source));
    }

    internal void LowerFor(IForLoopOperation loop)
    {
        var syntax = (ForStatementSyntax)loop.Syntax;
        var source = State.Builder.BeginSource(StatementLowerer.HeaderText(syntax));
        foreach (var before in loop.Before)
        {
            switch (before)
            {
                case IVariableDeclarationGroupOperation group:
                    Lowerers.Statements.LowerDeclarations(group);
                    break;
                case IExpressionStatementOperation statement:
                    Lowerers.Statements.LowerExpressionStatement(statement.Operation);
                    break;
                default:
                    Lowerers.Statements.LowerExpressionStatement(before);
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
                Lowerers.Statements.LowerStatement(loop.Body);
                State.Builder.BeginSource(StatementLowerer.HeaderText(syntax));
                foreach (var step in loop.AtLoopBottom)
                {
                    Lowerers.Statements.LowerExpressionStatement(step is IExpressionStatementOperation e ? e.Operation : step);
                }
            });
    }

    internal void LowerWhile(IWhileLoopOperation loop)
    {
        var syntax = (StatementSyntax)loop.Syntax;
        var source = State.Builder.BeginSource(StatementLowerer.HeaderText(syntax));
        LowerLoop(loop, source, loop.Condition, conditionAtEnd: !loop.ConditionIsTop, body: () => Lowerers.Statements.LowerStatement(loop.Body));
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
            State.Variables[flags.Break] = IrOperand.Bool(false);
        }

        var carried = Carried(loop, flags, usesBreak, usesReturn);

        // Header: evaluated before every iteration and once more at the exit.
        State.Builder.OpenBlock();
        State.Builder.ResumeSource(source);
        var stops = new List<VariableKey>();
        if (usesBreak)
        {
            stops.Add(flags.Break);
        }

        if (usesReturn)
        {
            stops.Add(Facts.ReturnedKey);
        }

        IrOperand? test = stops.Count > 0 ? NoneSet(stops) : null;
        if (condition is not null && !conditionAtEnd)
        {
            var userCondition = test is null
                ? Lowerers.Expressions.Lower(condition, "condition")
                : LowerLazyAnd(test, () => Lowerers.Expressions.Lower(condition, "condition"), source);
            test = userCondition;
        }

        var header = State.Builder.CloseBlock();
        test ??= IrOperand.Bool(true);

        // Body.
        State.Builder.OpenBlock();
        State.Loops.Push(flags);
        if (usesContinue)
        {
            State.Variables[flags.Continue] = IrOperand.Bool(false);
        }

        body();
        if (conditionAtEnd && condition is not null)
        {
            State.Builder.ResumeSource(source);
            if (Lowerers.Expressions.Lower(condition, "condition") is { } again)
            {
                var stop = State.Builder.Emit(Operations.ById(OperationId.Not), new[] { again }, "stop");
                State.Variables[flags.Break] = State.Builder.Emit(Operations.ById(OperationId.Or), new[] { State.Variables[flags.Break], stop }, "stop");
            }
        }

        State.Loops.Pop();
        var bodyBlock = State.Builder.CloseBlock();

        var phis = carried.Select(c => new IrPhi(c.phi.Id, c.entry, State.Variables[c.key])).ToEquatableArray();
        foreach (var (key, phi, _) in carried)
        {
            State.Variables[key] = IrOperand.Value(phi.Id, key.Kind);
        }

        var count = State.Builder.NewValue(ValueKind.Int, "iterations", isVariable: false);
        State.Builder.Add(new IrLoop(phis, header, test, bodyBlock, count.Id, source));
    }

    /// <summary>
    /// The variables a loop carries from one iteration to the next, each given the phi it has inside the loop: what
    /// the loop assigns, its break flag, and the returned flag and result when it may return.
    /// </summary>
    private List<(VariableKey key, IrValue phi, IrOperand entry)> Carried(ILoopOperation loop, LoopFlags flags, bool usesBreak, bool usesReturn)
    {
        // A built array is never carried: assigning its variable is NLPSYM115, reported at the assignment.
        var carriedKeys = AssignedIn(loop).Where(k => State.Variables.TryGetValue(k, out var entry) && !Lowerers.Arrays.IsBuiltArray(entry)).ToList();
        if (usesBreak)
        {
            carriedKeys.Add(flags.Break);
        }

        if (usesReturn)
        {
            carriedKeys.Add(Facts.ReturnedKey);
            carriedKeys.AddRange(Facts.ResultKeys);
        }

        return carriedKeys.Distinct().Select(key =>
        {
            var phi = State.Builder.NewValue(key.Kind, key.Name, isVariable: true);
            var entry = State.Variables[key];
            State.Variables[key] = IrOperand.Value(phi.Id, key.Kind);
            return (key, phi, entry);
        }).ToList();
    }

    /// <summary><c>a &amp;&amp; b()</c> where b is lowered only on the path where a holds.</summary>
    internal IrOperand? LowerLazyAnd(IrOperand left, Func<IrOperand?> right, int source)
    {
        var key = VariableKey.Synthetic("both", ValueKind.Bool);
        State.Variables[key] = IrOperand.Bool(false);
        var failed = false;
        LowerBranches(left, () =>
        {
            var value = right();
            if (value is null)
            {
                failed = true;
                return;
            }

            State.Variables[key] = value;
        }, null, source);
        var result = State.Variables[key];
        State.Variables.Remove(key);
        return failed ? null : result;
    }

    /// <summary><c>a || b()</c> where b is lowered only on the path where a fails.</summary>
    internal IrOperand? LowerLazyOr(IrOperand left, Func<IrOperand?> right, int source)
    {
        var key = VariableKey.Synthetic("either", ValueKind.Bool);
        State.Variables[key] = IrOperand.Bool(true);
        var failed = false;
        LowerBranches(left, () => { }, () =>
        {
            var value = right();
            if (value is null)
            {
                failed = true;
                return;
            }

            State.Variables[key] = value;
        }, source);
        var result = State.Variables[key];
        State.Variables.Remove(key);
        return failed ? null : result;
    }

    /// <summary><c>c ? a() : b()</c> with each arm lowered only on its own path.</summary>
    internal IrOperand? LowerChoice(IrOperand condition, ValueKind kind, Func<IrOperand?> whenTrue, Func<IrOperand?> whenFalse, int source)
    {
        var key = VariableKey.Synthetic("choice", kind);
        State.Variables[key] = LoweredValues.Undefined(kind);
        var failed = false;
        void Arm(Func<IrOperand?> arm)
        {
            var value = arm();
            if (value is null)
            {
                failed = true;
                return;
            }

            State.Variables[key] = value;
        }

        LowerBranches(condition, () => Arm(whenTrue), () => Arm(whenFalse), source);
        var result = State.Variables[key];
        State.Variables.Remove(key);
        return failed ? null : result;
    }

    /// <summary>True when none of the flags is set: the guard of the statements after a jump.</summary>
    internal IrOperand NoneSet(IReadOnlyList<VariableKey> flags)
    {
        IrOperand? any = null;
        foreach (var flag in flags)
        {
            var value = State.Variables.TryGetValue(flag, out var v) ? v : IrOperand.Bool(false);
            any = any is null ? value : State.Builder.Emit(Operations.ById(OperationId.Or), new[] { any, value }, "jumped");
        }

        return State.Builder.Emit(Operations.ById(OperationId.Not), new[] { any! }, "proceed");
    }

    /// <summary>The flags a statement may set: early return, and break/continue of the enclosing loop.</summary>
    internal List<VariableKey> JumpFlags(SyntaxNode statement)
    {
        var flags = new List<VariableKey>();
        if (statement.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>().Any())
        {
            flags.Add(Facts.ReturnedKey);
        }

        if (State.Loops.Count > 0)
        {
            if (ContainsJump(statement, SyntaxKind.BreakStatement, includeSelf: true))
            {
                flags.Add(State.Loops.Peek().Break);
            }

            if (ContainsJump(statement, SyntaxKind.ContinueStatement, includeSelf: true))
            {
                flags.Add(State.Loops.Peek().Continue);
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
            if (target is not null && Lowerers.Statements.VariableOf(target) is { } key)
            {
                yield return key;
            }
            else if (target is not null)
            {
                // `(h, c) = Cell(…)` and `r = Cell(…)` assign several State.Variables at once.
                foreach (var component in Lowerers.Tuples.AssignedComponents(target))
                {
                    yield return component;
                }
            }
        }
    }
}
