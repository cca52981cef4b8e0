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
/// one-line text of the user's statement that generated code shows as a comment.
/// </summary>
internal sealed partial class BodyLowerer
{
    /// <summary>Lowers statements in order; after one that may jump, the rest run only if it did not.</summary>
    private void LowerStatements(IReadOnlyList<IOperation> statements)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            LowerStatement(statements[i]);
            var flags = JumpFlags(statements[i].Syntax);
            if (flags.Count > 0 && i < statements.Count - 1)
            {
                var rest = statements.Skip(i + 1).ToList();
                var source = builder.CurrentSource;
                var guard = NoneSet(flags);
                builder.ResumeSource(source);
                LowerBranches(guard, () => LowerStatements(rest), null, source);
                return;
            }
        }
    }

    private void LowerStatement(IOperation statement)
    {
        switch (statement)
        {
            case IBlockOperation block:
                LowerStatements(block.Operations);
                break;

            case IVariableDeclarationGroupOperation group:
                builder.BeginSource(SourceText(group.Syntax));
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        LowerDeclarator(declarator, declaration);
                    }
                }

                break;

            case IExpressionStatementOperation expressionStatement:
                builder.BeginSource(SourceText(expressionStatement.Syntax));
                LowerExpressionStatement(expressionStatement.Operation);
                break;

            case IReturnOperation returnOperation:
                builder.BeginSource(SourceText(returnOperation.Syntax));
                if (returnOperation.Syntax is ReturnStatementSyntax && returnOperation.Syntax.Parent?.Parent is not BaseMethodDeclarationSyntax)
                {
                    earlyReturns.Add(returnOperation.Syntax);
                }

                if (returnOperation.ReturnedValue is { } returned && LowerReturned(returned) is { } values)
                {
                    for (var i = 0; i < values.Count; i++)
                    {
                        variables[resultKeys[i]] = values[i];
                    }

                    variables[returnedKey] = IrOperand.Bool(true);
                    ResultSource = builder.CurrentSource;
                }

                break;

            case IConditionalOperation { Syntax: IfStatementSyntax ifSyntax } conditional:
            {
                var source = builder.BeginSource(HeaderText(ifSyntax));
                if (Lower(conditional.Condition, "condition") is { } condition)
                {
                    builder.ResumeSource(source);
                    var whenFalse = conditional.WhenFalse;
                    LowerBranches(
                        condition,
                        () => LowerStatement(conditional.WhenTrue),
                        whenFalse is null ? null : () => LowerStatement(whenFalse),
                        source);
                }

                break;
            }

            case IForLoopOperation forLoop:
                LowerFor(forLoop);
                break;

            case IWhileLoopOperation whileLoop:
                LowerWhile(whileLoop);
                break;

            case IBranchOperation { BranchKind: BranchKind.Break } when loops.Count > 0:
                builder.BeginSource("break;");
                variables[loops.Peek().Break] = IrOperand.Bool(true);
                break;

            case IBranchOperation { BranchKind: BranchKind.Continue } when loops.Count > 0:
                builder.BeginSource("continue;");
                variables[loops.Peek().Continue] = IrOperand.Bool(true);
                break;

            case IEmptyOperation:
                break;

            default:
                ReportUnsupportedStatement(statement);
                break;
        }
    }

    private void LowerDeclarator(IVariableDeclaratorOperation declarator, IVariableDeclarationOperation declaration)
    {
        var local = declarator.Symbol;
        if (local.IsRef)
        {
            Report(DiagnosticDescriptors.RefLocal, declarator.Syntax, local.Name);
            return;
        }

        var kind = KindClassifier.Classify(local.Type);
        if (kind is null && TupleShape.IsTuple(local.Type))
        {
            LowerTupleDeclarator(local, declarator.Initializer?.Value ?? declaration.Initializer?.Value, declarator.Syntax);
            return;
        }

        if (kind is null)
        {
            Report(DiagnosticDescriptors.UnsupportedType, declarator.Syntax, $"Local '{local.Name}'", local.Type.ToDisplayString());
            return;
        }

        var key = VariableKey.For(local, kind.Value);
        var initializer = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
        if (initializer is null)
        {
            // `double s;` then assigned in both branches of an if: the merge needs a value for "not yet".
            variables[key] = Undefined(kind.Value);
            return;
        }

        declaringArray = initializer is IArrayCreationOperation ? key : null;
        Assign(key, initializer);
        declaringArray = null;
    }

    /// <summary>The user's statement on one line, for the comments in generated code.</summary>
    private static string SourceText(SyntaxNode syntax)
    {
        var text = syntax.Parent is ArrowExpressionClauseSyntax arrow ? "return " + arrow.Expression + ";" : syntax.ToString();
        return SourceLine.Of(text);
    }

    /// <summary>The head of a compound statement (<c>for (…)</c>, <c>if (…)</c>) without its body.</summary>
    private static string HeaderText(StatementSyntax syntax)
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
}
