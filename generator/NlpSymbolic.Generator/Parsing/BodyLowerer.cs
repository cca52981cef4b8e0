using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Lowers the statements of a straight-line method body into SSA IR. Each user variable gets a new SSA
/// value on every assignment; each sub-expression becomes one IR statement. Anything outside the supported
/// fence is reported at its own syntax and lowering goes on, so one build shows every problem.
/// </summary>
internal sealed partial class BodyLowerer
{
    private readonly IrBuilder builder = new();
    private readonly List<DiagnosticInfo> diagnostics = new();
    private readonly Dictionary<ISymbol, IrOperand> variables = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> assignedOnce = new(SymbolEqualityComparer.Default);
    private readonly IMethodSymbol method;
    private IrOperand? result;
    private int resultSource = -1;

    public BodyLowerer(IMethodSymbol method) => this.method = method;

    public IReadOnlyList<DiagnosticInfo> Diagnostics => diagnostics;

    public IrBuilder Builder => builder;

    public IrOperand? Result => result;

    public int ResultSource => resultSource;

    public IrValue AddParameter(IParameterSymbol parameter, ValueKind kind)
    {
        var value = builder.NewValue(kind, parameter.Name, isVariable: true);
        variables[parameter] = IrOperand.Value(value.Id, kind);
        assignedOnce.Add(parameter);
        return value;
    }

    public void LowerBody(IBlockOperation body)
    {
        var statements = body.Operations;
        for (var i = 0; i < statements.Length; i++)
        {
            var isLast = i == statements.Length - 1;
            LowerStatement(statements[i], isLast);
        }

        if (result is null && diagnostics.Count == 0)
        {
            // A body that does not end in a return does not compile, and the compiler already says so.
            return;
        }
    }

    private void LowerStatement(IOperation statement, bool isLast)
    {
        switch (statement)
        {
            case IBlockOperation block when block.Syntax is BlockSyntax:
                for (var i = 0; i < block.Operations.Length; i++)
                {
                    LowerStatement(block.Operations[i], isLast && i == block.Operations.Length - 1);
                }

                break;

            case IBlockOperation block:
                // An expression body arrives as an implicit block holding one return.
                foreach (var inner in block.Operations)
                {
                    LowerStatement(inner, isLast);
                }

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
                if (!isLast)
                {
                    Report(DiagnosticDescriptors.EarlyReturn, returnOperation.Syntax);
                    return;
                }

                if (returnOperation.ReturnedValue is { } returned)
                {
                    result = Lower(returned, "result");
                    resultSource = builder.CurrentSource;
                }

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
        if (local.RefKind != RefKind.None)
        {
            // A ref local aliases another variable: SSA lowering would lose every write through either name.
            Report(DiagnosticDescriptors.UnsupportedStatement, declarator.Syntax, $"A ref local ('{local.Name}')");
            return;
        }

        var kind = KindClassifier.Classify(local.Type);
        if (kind is null)
        {
            Report(DiagnosticDescriptors.UnsupportedType, declarator.Syntax, $"Local '{local.Name}'", local.Type.ToDisplayString());
            return;
        }

        var initializer = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
        if (initializer is null)
        {
            return;
        }

        Assign(local, kind.Value, initializer);
    }

    private void LowerExpressionStatement(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment when VariableOf(assignment.Target) is { } variable:
                Assign(variable.Symbol, variable.Kind, assignment.Value);
                break;

            case ICompoundAssignmentOperation compound when VariableOf(compound.Target) is { } variable:
            {
                var firstNew = builder.ValueCount;
                if (!variables.TryGetValue(variable.Symbol, out var current))
                {
                    return;
                }

                var right = Lower(compound.Value, variable.Symbol.Name);
                if (right is null)
                {
                    return;
                }

                var combined = LowerBinary(compound, compound.OperatorKind, compound.OperatorMethod, current, right, variable.Symbol.Name);
                if (combined is not null)
                {
                    Bind(variable.Symbol, variable.Kind, combined, firstNew);
                }

                break;
            }

            case IIncrementOrDecrementOperation increment when VariableOf(increment.Target) is { Kind: ValueKind.Int or ValueKind.Scalar } variable:
            {
                var firstNew = builder.ValueCount;
                if (!variables.TryGetValue(variable.Symbol, out var current))
                {
                    return;
                }

                var isIncrement = increment.Kind == OperationKind.Increment;
                var isInt = variable.Kind == ValueKind.Int;
                var operation2 = Operations.ById((isInt ? "Int" : string.Empty) + (isIncrement ? "Add" : "Subtract"));
                var one = IrOperand.Constant(isInt ? "1" : "1.0", variable.Kind);
                var next = builder.Emit(operation2, new[] { current, one }, variable.Symbol.Name);
                Bind(variable.Symbol, variable.Kind, next, firstNew);
                break;
            }

            case ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation:
            {
                var target = operation switch
                {
                    IAssignmentOperation a => a.Target,
                    IIncrementOrDecrementOperation inc => inc.Target,
                    _ => operation,
                };
                Report(DiagnosticDescriptors.UnsupportedAssignmentTarget, target.Syntax, DescribeTarget(target));
                break;
            }

            case IInvocationOperation or IPropertyReferenceOperation:
                // A pure operation whose value is discarded: lowering still checks it is supported.
                Lower(operation, "unused");
                break;

            default:
                Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, Describe(operation));
                break;
        }
    }

    private (ISymbol Symbol, ValueKind Kind)? VariableOf(IOperation target)
    {
        ISymbol? symbol = target switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
        if (symbol is null)
        {
            return null;
        }

        var kind = KindClassifier.Classify(target.Type);
        return kind is null ? null : (symbol, kind.Value);
    }

    private void Assign(ISymbol variable, ValueKind kind, IOperation value)
    {
        var firstNew = builder.ValueCount;
        var operand = Lower(value, variable.Name);
        if (operand is not null)
        {
            Bind(variable, kind, operand, firstNew);
        }
    }

    private void Bind(ISymbol variable, ValueKind kind, IrOperand operand, int firstNew)
    {
        var isFirstVersion = assignedOnce.Add(variable);
        if (!builder.TryAdoptName(operand, firstNew, variable.Name, isFirstVersion))
        {
            var identity = kind switch
            {
                ValueKind.Scalar => "Identity",
                ValueKind.Vector => "VectorIdentity",
                ValueKind.Matrix => "MatrixIdentity",
                _ => null,
            };
            if (identity is not null)
            {
                // `var y = x;` keeps a named copy of the reference so that generated code reads like the source.
                operand = builder.Emit(Operations.ById(identity), new[] { operand }, variable.Name);
                builder.TryAdoptName(operand, firstNew, variable.Name, isFirstVersion);
            }
        }

        variables[variable] = operand;
    }

    private void ReportUnsupportedStatement(IOperation statement)
    {
        var syntax = statement.Syntax;
        var (what, location) = syntax switch
        {
            ForStatementSyntax s => ("A 'for' loop", (SyntaxNodeOrToken)s.ForKeyword),
            ForEachStatementSyntax s => ("A 'foreach' loop", s.ForEachKeyword),
            WhileStatementSyntax s => ("A 'while' loop", s.WhileKeyword),
            DoStatementSyntax s => ("A 'do' loop", s.DoKeyword),
            IfStatementSyntax s => ("An 'if' statement", s.IfKeyword),
            SwitchStatementSyntax s => ("A 'switch' statement", s.SwitchKeyword),
            TryStatementSyntax s => ("A 'try' statement", s.TryKeyword),
            UsingStatementSyntax s => ("A 'using' statement", s.UsingKeyword),
            LockStatementSyntax s => ("A 'lock' statement", s.LockKeyword),
            ThrowStatementSyntax s => ("A 'throw' statement", s.ThrowKeyword),
            GotoStatementSyntax s => ("A 'goto' statement", s.GotoKeyword),
            BreakStatementSyntax s => ("A 'break' statement", s.BreakKeyword),
            ContinueStatementSyntax s => ("A 'continue' statement", s.ContinueKeyword),
            LabeledStatementSyntax s => ("A labeled statement", s.Identifier),
            LocalFunctionStatementSyntax s => ("A local function", s.Identifier),
            CheckedStatementSyntax s => ("A 'checked' block", s.Keyword),
            UnsafeStatementSyntax s => ("An 'unsafe' block", s.UnsafeKeyword),
            FixedStatementSyntax s => ("A 'fixed' statement", s.FixedKeyword),
            YieldStatementSyntax s => ("A 'yield' statement", s.YieldKeyword),
            _ => ("This statement", (SyntaxNodeOrToken)syntax),
        };
        diagnostics.Add(new DiagnosticInfo(
            DiagnosticDescriptors.UnsupportedStatement.Id,
            LocationInfo.From(location.GetLocation()),
            new[] { what }.ToEquatableArray()));
    }

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode at, params string[] arguments) =>
        diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(at), arguments.ToEquatableArray()));

    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.Compiled);

    /// <summary>The user's statement on one line, for the comments in generated code.</summary>
    private static string SourceText(SyntaxNode syntax)
    {
        var text = syntax is ArrowExpressionClauseSyntax arrow ? "return " + arrow.Expression + ";" : syntax.ToString();
        if (syntax.Parent is ArrowExpressionClauseSyntax parentArrow)
        {
            text = "return " + parentArrow.Expression + ";";
        }

        return Whitespace.Replace(text, " ").Trim();
    }
}
