using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Statements: a block, declarations, returns, <c>if</c>, loops, <c>break</c> and <c>continue</c>, each with the
/// one-line text of the user's statement that generated code shows as a comment; and assignments to locals and
/// parameters (<c>=</c>, <c>+=</c>, <c>++</c>), each making a new SSA value of the variable, named after it.
/// </summary>
internal sealed class StatementLowerer : Lowerer
{
    public StatementLowerer(Lowerers lowerers)
        : base(lowerers)
    {
    }

    /// <summary>Lowers statements in order; after one that may jump, the rest run only if it did not.</summary>
    internal void LowerStatements(IReadOnlyList<IOperation> statements)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            LowerStatement(statements[i]);
            var flags = Lowerers.ControlFlow.JumpFlags(statements[i].Syntax);
            if (flags.Count > 0 && i < statements.Count - 1)
            {
                var rest = statements.Skip(i + 1).ToList();
                var source = State.Builder.CurrentSource;
                var guard = Lowerers.ControlFlow.NoneSet(flags);
                State.Builder.ResumeSource(source);
                Lowerers.ControlFlow.LowerBranches(guard, () => LowerStatements(rest), null, source);
                return;
            }
        }
    }

    internal void LowerStatement(IOperation statement)
    {
        switch (statement)
        {
            case IBlockOperation block:
                LowerStatements(block.Operations);
                break;

            case IVariableDeclarationGroupOperation group:
                State.Builder.BeginSource(SourceText(group.Syntax));
                LowerDeclarations(group);
                break;

            case IExpressionStatementOperation expressionStatement:
                State.Builder.BeginSource(SourceText(expressionStatement.Syntax));
                LowerExpressionStatement(expressionStatement.Operation);
                break;

            case IReturnOperation returnOperation:
                LowerReturn(returnOperation);
                break;

            case IConditionalOperation { Syntax: IfStatementSyntax ifSyntax } conditional:
                LowerIf(conditional, ifSyntax);
                break;

            case IForLoopOperation forLoop:
                Lowerers.ControlFlow.LowerFor(forLoop);
                break;

            case IWhileLoopOperation whileLoop:
                Lowerers.ControlFlow.LowerWhile(whileLoop);
                break;

            case IBranchOperation { BranchKind: BranchKind.Break } when State.Loops.Count > 0:
                State.Builder.BeginSource("break;");
                State.Variables[State.Loops.Peek().Break] = IrOperand.Bool(true);
                break;

            case IBranchOperation { BranchKind: BranchKind.Continue } when State.Loops.Count > 0:
                State.Builder.BeginSource("continue;");
                State.Variables[State.Loops.Peek().Continue] = IrOperand.Bool(true);
                break;

            case IEmptyOperation:
                break;

            default:
                Lowerers.Fence.ReportUnsupportedStatement(statement);
                break;
        }
    }

    /// <summary><c>var a = …, b = …;</c>: each declarator in order.</summary>
    internal void LowerDeclarations(IVariableDeclarationGroupOperation group)
    {
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                LowerDeclarator(declarator, declaration);
            }
        }
    }

    /// <summary><c>return e;</c>: the result variables take e's values and the returned flag is set.</summary>
    private void LowerReturn(IReturnOperation returnOperation)
    {
        State.Builder.BeginSource(SourceText(returnOperation.Syntax));
        if (returnOperation.Syntax is ReturnStatementSyntax && returnOperation.Syntax.Parent?.Parent is not BaseMethodDeclarationSyntax)
        {
            State.EarlyReturns.Add(returnOperation.Syntax);
        }

        if (returnOperation.ReturnedValue is { } returned && Lowerers.Tuples.LowerReturned(returned) is { } values)
        {
            for (var i = 0; i < values.Count; i++)
            {
                State.Variables[Facts.ResultKeys[i]] = values[i];
            }

            State.Variables[Facts.ReturnedKey] = IrOperand.Bool(true);
            State.ResultSource = State.Builder.CurrentSource;
        }
    }

    private void LowerIf(IConditionalOperation conditional, IfStatementSyntax ifSyntax)
    {
        var source = State.Builder.BeginSource(HeaderText(ifSyntax));
        if (Lowerers.Expressions.Lower(conditional.Condition, "condition") is { } condition)
        {
            State.Builder.ResumeSource(source);
            var whenFalse = conditional.WhenFalse;
            Lowerers.ControlFlow.LowerBranches(
                condition,
                () => LowerStatement(conditional.WhenTrue),
                whenFalse is null ? null : () => LowerStatement(whenFalse),
                source);
        }
    }

    private void LowerDeclarator(IVariableDeclaratorOperation declarator, IVariableDeclarationOperation declaration)
    {
        var local = declarator.Symbol;
        if (local.IsRef)
        {
            Lowerers.Fence.RefLocal(declarator.Syntax, local);
            return;
        }

        var kind = KindClassifier.Classify(local.Type);
        if (kind is null && TupleShape.IsTuple(local.Type))
        {
            Lowerers.Tuples.LowerTupleDeclarator(local, declarator.Initializer?.Value ?? declaration.Initializer?.Value, declarator.Syntax);
            return;
        }

        if (kind is null)
        {
            Lowerers.Fence.UnsupportedLocal(declarator.Syntax, local);
            return;
        }

        var key = VariableKey.For(local, kind.Value);
        var initializer = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
        if (initializer is null)
        {
            // `double s;` then assigned in both branches of an if: the merge needs a value for "not yet".
            State.Variables[key] = LoweredValues.Undefined(kind.Value);
            return;
        }

        State.DeclaringArray = initializer is IArrayCreationOperation ? key : null;
        Assign(key, initializer);
        State.DeclaringArray = null;
    }

    /// <summary>The user's statement on one line, for the comments in generated code.</summary>
    private static string SourceText(SyntaxNode syntax)
    {
        var text = syntax.Parent is ArrowExpressionClauseSyntax arrow ? "return " + arrow.Expression + ";" : syntax.ToString();
        return SourceLine.Of(text);
    }

    /// <summary>The head of a compound statement (<c>for (…)</c>, <c>if (…)</c>) without its body.</summary>
    internal static string HeaderText(StatementSyntax syntax)
    {
        var text = syntax switch
        {
            IfStatementSyntax s => "if (" + s.Condition + ")",
            ForStatementSyntax s => s.SyntaxTree.GetText().ToString(TextSpan.FromBounds(s.SpanStart, s.CloseParenToken.Span.End)),
            WhileStatementSyntax s => "while (" + s.Condition + ")",
            DoStatementSyntax s => "do … while (" + s.Condition + ");",
            _ => syntax.ToString(),
        };
        return SourceLine.Of(text);
    }

    internal void LowerExpressionStatement(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment when VariableOf(assignment.Target) is { } variable:
                Assign(variable, assignment.Value);
                break;

            case ISimpleAssignmentOperation assignment when Lowerers.Tuples.TupleLocalKeys(assignment.Target) is { } components:
                Lowerers.Tuples.AssignTuple(components, assignment.Value);
                break;

            case IDeconstructionAssignmentOperation deconstruction:
                Lowerers.Tuples.LowerDeconstruction(deconstruction);
                break;

            case IInvocationOperation when TupleShape.IsTuple(operation.Type):
                // A tuple result discarded: the call is still lowered, for its checks.
                Lowerers.Tuples.LowerTuple(operation, "unused");
                break;

            case ICompoundAssignmentOperation compound when VariableOf(compound.Target) is { } variable:
                LowerCompoundAssignment(compound, variable);
                break;

            case IIncrementOrDecrementOperation increment when VariableOf(increment.Target) is { Kind: ValueKind.Int or ValueKind.Scalar } variable:
                LowerIncrement(increment, variable);
                break;

            case ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation:
                LowerOtherTarget(operation);
                break;

            case IInvocationOperation or IPropertyReferenceOperation:
                // A pure operation whose value is discarded: lowering still checks it is supported.
                Lowerers.Expressions.Lower(operation, "unused");
                break;

            default:
                Lowerers.Fence.UnsupportedExpression(operation);
                break;
        }
    }

    /// <summary><c>s += x</c> on a local or parameter: the operator on its current value and the right side.</summary>
    private void LowerCompoundAssignment(ICompoundAssignmentOperation compound, VariableKey variable)
    {
        var firstNew = State.Builder.ValueCount;
        if (!State.Variables.TryGetValue(variable, out var current))
        {
            return;
        }

        var right = Lowerers.Expressions.Lower(compound.Value, variable.Name);
        if (right is null)
        {
            return;
        }

        var combined = Lowerers.Expressions.LowerBinary(compound, compound.OperatorKind, compound.OperatorMethod, current, right, variable.Name);
        if (combined is not null)
        {
            Bind(variable, combined, firstNew);
        }
    }

    /// <summary><c>i++</c> / <c>x--</c> on an int or double variable: a new value one step on.</summary>
    private void LowerIncrement(IIncrementOrDecrementOperation increment, VariableKey variable)
    {
        var firstNew = State.Builder.ValueCount;
        if (!State.Variables.TryGetValue(variable, out var current))
        {
            return;
        }

        var isIncrement = increment.Kind == OperationKind.Increment;
        var isInt = variable.Kind == ValueKind.Int;
        var step = Operations.ById((isInt, isIncrement) switch
        {
            (true, true) => OperationId.IntAdd,
            (true, false) => OperationId.IntSubtract,
            (false, true) => OperationId.Add,
            _ => OperationId.Subtract,
        });
        var one = isInt ? IrOperand.Int(1) : IrOperand.Number(1.0);
        var next = State.Builder.Emit(step, new[] { current, one }, variable.Name);
        Bind(variable, next, firstNew);
    }

    /// <summary>A write to anything but a variable: an element of a built array, or else reported at its target.</summary>
    private void LowerOtherTarget(IOperation operation)
    {
        if (Lowerers.Arrays.TryLowerElementWrite(operation))
        {
            return;
        }

        var target = operation switch
        {
            IAssignmentOperation a => a.Target,
            IIncrementOrDecrementOperation inc => inc.Target,
            _ => operation,
        };
        if (Lowerers.Arrays.ReportsBuiltBufferWrite(target))
        {
            return;
        }

        Lowerers.Fence.UnsupportedTarget(target);
    }

    internal VariableKey? VariableOf(IOperation target)
    {
        if (Lowerers.Tuples.ComponentOf(target) is { } component)
        {
            return component;
        }

        ISymbol? symbol = target switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
        var kind = KindClassifier.Classify(target.Type);
        return symbol is null || kind is null ? null : VariableKey.For(symbol, kind.Value);
    }

    private void Assign(VariableKey variable, IOperation value)
    {
        if (State.Variables.TryGetValue(variable, out var current) && Lowerers.Arrays.IsBuiltArray(current))
        {
            Lowerers.Fence.BuiltArrayAliased(value.Parent?.Syntax ?? value.Syntax, variable.Name, "assigned again");
            return;
        }

        var firstNew = State.Builder.ValueCount;
        var operand = Lowerers.Expressions.Lower(value, variable.Name);
        if (operand is not null && Lowerers.Arrays.IsBuiltArray(operand) && !State.BuiltArrays[operand.ValueId].Equals(variable))
        {
            Lowerers.Fence.BuiltArrayAliased(value.Syntax, State.BuiltArrays[operand.ValueId].Name, $"assigned to '{variable.Name}'");
            return;
        }

        if (operand is not null)
        {
            Bind(variable, operand, firstNew);
        }
    }

    internal void Bind(VariableKey variable, IrOperand operand, int firstNew)
    {
        if (!State.Builder.TryAdoptName(operand, firstNew, variable.Name))
        {
            var identity = variable.Kind switch
            {
                ValueKind.Scalar => OperationId.Identity,
                ValueKind.Vector => OperationId.VectorIdentity,
                ValueKind.Matrix => OperationId.MatrixIdentity,
                _ => (OperationId?)null,
            };
            if (identity is not null)
            {
                // `var y = x;` keeps a named copy of the reference so that generated code reads like the source.
                operand = State.Builder.Emit(Operations.ById(identity.Value), new[] { operand }, variable.Name);
                State.Builder.TryAdoptName(operand, firstNew, variable.Name);
            }
        }

        State.Variables[variable] = operand;
    }
}
