using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Lowers a method body into structured SSA IR. Each assignment makes a new SSA value; each
/// sub-expression becomes one IR statement; branches and loops become <see cref="IrIf"/> and
/// <see cref="IrLoop"/> with phis for the variables they assign. <c>break</c>, <c>continue</c> and early
/// <c>return</c> become flags that guard the rest of the block, so the IR has no jumps. Anything outside
/// the supported fence is reported at its own syntax and lowering goes on, so one build shows every problem.
/// </summary>
internal sealed partial class BodyLowerer
{
    private readonly IrBuilder builder = new();
    private readonly List<DiagnosticInfo> diagnostics = new();
    private readonly IMethodSymbol method;
    /// <summary>The result, or one variable per component of a tuple result.</summary>
    private readonly IReadOnlyList<VariableKey> resultKeys;
    private readonly IReadOnlyList<TupleComponent>? resultComponents;
    private readonly VariableKey returnedKey = VariableKey.Synthetic("returned", ValueKind.Bool);
    private readonly Stack<LoopFlags> loops = new();
    private Dictionary<VariableKey, IrOperand> variables = new();

    public BodyLowerer(IMethodSymbol method, ValueKind returnKind, IReadOnlyList<TupleComponent>? resultComponents = null)
    {
        this.method = method;
        this.resultComponents = resultComponents;
        resultKeys = resultComponents is null
            ? new[] { VariableKey.Synthetic("result", returnKind) }
            : resultComponents.Select((c, i) => VariableKey.Synthetic(c.Name is null ? "result" + (i + 1) : "result_" + c.Name, c.Kind!.Value)).ToArray();
        foreach (var key in resultKeys)
        {
            variables[key] = resultComponents is null ? Undefined(key.Kind) : UnassignedComponent(key.Kind);
        }

        variables[returnedKey] = IrOperand.Constant("false", ValueKind.Bool);
    }

    public IReadOnlyList<DiagnosticInfo> Diagnostics => diagnostics;

    public IrBuilder Builder => builder;

    public IrOperand? Result { get; private set; }

    /// <summary>For a method returning a tuple: each component and the value returned in it (else empty).</summary>
    public IReadOnlyList<IrResultComponent> ResultComponents { get; private set; } = new IrResultComponent[0];

    public int ResultSource { get; private set; } = -1;

    public IrBlock? Body { get; private set; }

    public IrValue AddParameter(IParameterSymbol parameter, ValueKind kind)
    {
        var value = builder.NewValue(kind, parameter.Name, isVariable: true);
        var key = VariableKey.For(parameter, kind);
        variables[key] = IrOperand.Value(value.Id, kind);
        return value;
    }

    private readonly List<(IFieldSymbol Field, VariableKey Key)> modelFields = new();

    /// <summary>A field of the model class, read by an instance method as an implicit leading parameter.</summary>
    public IrValue AddField(IFieldSymbol field, ValueKind kind)
    {
        var value = builder.NewValue(kind, field.Name, isVariable: true);
        var key = VariableKey.For(field, kind);
        variables[key] = IrOperand.Value(value.Id, kind);
        modelFields.Add((field, key));
        return value;
    }

    /// <summary>The model field a reference names, when it is one of this instance's (<c>W</c> or <c>this.W</c>).</summary>
    private VariableKey? ModelFieldOf(IOperation operation) =>
        operation is IFieldReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } reference
            ? modelFields.Where(f => SymbolEqualityComparer.Default.Equals(f.Field, reference.Field.OriginalDefinition)).Select(f => f.Key).FirstOrDefault()
            : null;

    public void LowerBody(IBlockOperation body)
    {
        LowerStatements(body.Operations);
        Body = builder.CloseBlock();
        var results = resultKeys.Select(k => variables[k]).ToList();
        if (results.Any(IsUndefined))
        {
            return;
        }

        if (resultComponents is null && resultKeys[0].Kind is not ValueKind.Scalar && MayBeUndefined(results[0]) && earlyReturns.Count > 0)
        {
            // A vector result merged with "no result yet" would need an adjoint without a shape.
            Report(DiagnosticDescriptors.EarlyReturnOfBuffer, earlyReturns[0], resultKeys[0].Kind.ShortName());
            return;
        }

        if (resultComponents is null)
        {
            Result = results[0];
            return;
        }

        ResultComponents = resultComponents.Select((c, i) => new IrResultComponent(c.Name, c.Kind!.Value, results[i])).ToList();
        Result = IrOperand.Constant("default", ValueKind.Tuple);
    }

    private readonly List<SyntaxNode> earlyReturns = new();

    /// <summary>Whether a merge feeding the result has a path on which no return assigned it.</summary>
    private bool MayBeUndefined(IrOperand result)
    {
        var phis = IrWalker.Phis(Body!).ToDictionary(p => p.Target);
        var seen = new HashSet<int>();
        var pending = new Stack<IrOperand>();
        pending.Push(result);
        while (pending.Count > 0)
        {
            var operand = pending.Pop();
            if (IsUndefined(operand))
            {
                return true;
            }

            if (!operand.IsLiteral && seen.Add(operand.ValueId) && phis.TryGetValue(operand.ValueId, out var phi))
            {
                pending.Push(phi.First);
                pending.Push(phi.Second);
            }
        }

        return false;
    }

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

                    variables[returnedKey] = IrOperand.Constant("true", ValueKind.Bool);
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
                variables[loops.Peek().Break] = IrOperand.Constant("true", ValueKind.Bool);
                break;

            case IBranchOperation { BranchKind: BranchKind.Continue } when loops.Count > 0:
                builder.BeginSource("continue;");
                variables[loops.Peek().Continue] = IrOperand.Constant("true", ValueKind.Bool);
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

    private void LowerExpressionStatement(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment when VariableOf(assignment.Target) is { } variable:
                Assign(variable, assignment.Value);
                break;

            case ISimpleAssignmentOperation assignment when TupleLocalKeys(assignment.Target) is { } components:
                AssignTuple(components, assignment.Value);
                break;

            case IDeconstructionAssignmentOperation deconstruction:
                LowerDeconstruction(deconstruction);
                break;

            case IInvocationOperation when TupleShape.IsTuple(operation.Type):
                // A tuple result discarded: the call is still lowered, for its checks.
                LowerTuple(operation, "unused");
                break;

            case ICompoundAssignmentOperation compound when VariableOf(compound.Target) is { } variable:
            {
                var firstNew = builder.ValueCount;
                if (!variables.TryGetValue(variable, out var current))
                {
                    return;
                }

                var right = Lower(compound.Value, variable.Name);
                if (right is null)
                {
                    return;
                }

                var combined = LowerBinary(compound, compound.OperatorKind, compound.OperatorMethod, current, right, variable.Name);
                if (combined is not null)
                {
                    Bind(variable, combined, firstNew);
                }

                break;
            }

            case IIncrementOrDecrementOperation increment when VariableOf(increment.Target) is { Kind: ValueKind.Int or ValueKind.Scalar } variable:
            {
                var firstNew = builder.ValueCount;
                if (!variables.TryGetValue(variable, out var current))
                {
                    return;
                }

                var isIncrement = increment.Kind == OperationKind.Increment;
                var isInt = variable.Kind == ValueKind.Int;
                var step = Operations.ById((isInt ? "Int" : string.Empty) + (isIncrement ? "Add" : "Subtract"));
                var one = IrOperand.Constant(isInt ? "1" : "1.0", variable.Kind);
                var next = builder.Emit(step, new[] { current, one }, variable.Name);
                Bind(variable, next, firstNew);
                break;
            }

            case ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation:
            {
                if (TryLowerElementWrite(operation))
                {
                    break;
                }

                var target = operation switch
                {
                    IAssignmentOperation a => a.Target,
                    IIncrementOrDecrementOperation inc => inc.Target,
                    _ => operation,
                };
                if (ReportsBuiltBufferWrite(target))
                {
                    break;
                }

                if (ModelFieldOf(target) is { } field)
                {
                    Report(DiagnosticDescriptors.ModelFieldAssignment, target.Syntax, field.Name);
                    break;
                }

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

    private VariableKey? VariableOf(IOperation target)
    {
        if (ComponentOf(target) is { } component)
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
        if (variables.TryGetValue(variable, out var current) && IsBuiltArray(current))
        {
            Report(DiagnosticDescriptors.BuiltArrayAliased, value.Parent?.Syntax ?? value.Syntax, variable.Name, "assigned again");
            return;
        }

        var firstNew = builder.ValueCount;
        var operand = Lower(value, variable.Name);
        if (operand is not null && IsBuiltArray(operand) && !builtArrays[operand.ValueId].Equals(variable))
        {
            Report(DiagnosticDescriptors.BuiltArrayAliased, value.Syntax, builtArrays[operand.ValueId].Name, $"assigned to '{variable.Name}'");
            return;
        }

        if (operand is not null)
        {
            Bind(variable, operand, firstNew);
        }
    }

    private void Bind(VariableKey variable, IrOperand operand, int firstNew)
    {
        if (!builder.TryAdoptName(operand, firstNew, variable.Name))
        {
            var identity = variable.Kind switch
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
                builder.TryAdoptName(operand, firstNew, variable.Name);
            }
        }

        variables[variable] = operand;
    }

    /// <summary>The value of a variable on a path that has not assigned it yet (only ever merged, never used).</summary>
    private static IrOperand Undefined(ValueKind kind) => IrOperand.Constant(kind switch
    {
        ValueKind.Scalar => "default(double)",
        ValueKind.Int => "default(int)",
        ValueKind.Bool => "default(bool)",
        _ => "null!",
    }, kind);

    /// <summary>
    /// A tuple result's component before a return assigns it: for a vector or matrix, the runtime's empty
    /// <c>Unassigned</c> value rather than null, so that the adjoint of a merge with it has a shape (empty) on the
    /// paths where the merge chose it, and early returns of tuples need no NLPSYM110.
    /// </summary>
    private static IrOperand UnassignedComponent(ValueKind kind) => kind switch
    {
        ValueKind.Vector => IrOperand.Constant(UnassignedVector, kind),
        ValueKind.Matrix => IrOperand.Constant(UnassignedMatrix, kind),
        _ => Undefined(kind),
    };

    private const string UnassignedVector = "global::NlpSymbolic.Workspace.UnassignedVector";
    private const string UnassignedMatrix = "global::NlpSymbolic.Workspace.UnassignedMatrix";

    private static bool IsUndefined(IrOperand operand) =>
        operand.IsLiteral && (operand.Literal is "null!" or UnassignedVector or UnassignedMatrix || operand.Literal!.StartsWith("default(", System.StringComparison.Ordinal));

    private void ReportUnsupportedStatement(IOperation statement)
    {
        var syntax = statement.Syntax;
        var (what, location) = syntax switch
        {
            ForEachStatementSyntax s => ("A 'foreach' loop (use a for loop over the index)", (SyntaxNodeOrToken)s.ForEachKeyword),
            SwitchStatementSyntax s => ("A 'switch' statement (use if/else)", s.SwitchKeyword),
            TryStatementSyntax s => ("A 'try' statement", s.TryKeyword),
            UsingStatementSyntax s => ("A 'using' statement", s.UsingKeyword),
            LockStatementSyntax s => ("A 'lock' statement", s.LockKeyword),
            ThrowStatementSyntax s => ("A 'throw' statement", s.ThrowKeyword),
            GotoStatementSyntax s => ("A 'goto' statement", s.GotoKeyword),
            BreakStatementSyntax s => ("A 'break' outside a loop", s.BreakKeyword),
            ContinueStatementSyntax s => ("A 'continue' outside a loop", s.ContinueKeyword),
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
        var text = syntax.Parent is ArrowExpressionClauseSyntax arrow ? "return " + arrow.Expression + ";" : syntax.ToString();
        return Whitespace.Replace(text, " ").Trim();
    }

    /// <summary>The head of a compound statement (<c>for (…)</c>, <c>if (…)</c>) without its body.</summary>
    private static string HeaderText(StatementSyntax syntax)
    {
        var text = syntax switch
        {
            IfStatementSyntax s => "if (" + s.Condition + ")",
            ForStatementSyntax s => s.ToString().Substring(0, s.CloseParenToken.Span.End - s.SpanStart),
            WhileStatementSyntax s => "while (" + s.Condition + ")",
            DoStatementSyntax s => "do … while (" + s.Condition + ");",
            _ => syntax.ToString(),
        };
        return Whitespace.Replace(text, " ").Trim();
    }
}
