using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Assignments to locals and parameters (<c>=</c>, <c>+=</c>, <c>++</c>): each makes a new SSA value of the
/// variable, named after it.
/// </summary>
internal sealed partial class BodyLowerer
{
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
                var step = Operations.ById((isInt, isIncrement) switch
                {
                    (true, true) => OperationId.IntAdd,
                    (true, false) => OperationId.IntSubtract,
                    (false, true) => OperationId.Add,
                    _ => OperationId.Subtract,
                });
                var one = isInt ? IrOperand.Int(1) : IrOperand.Number(1.0);
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

                Report(DiagnosticDescriptors.UnsupportedAssignmentTarget, target.Syntax, UnsupportedSyntax.DescribeTarget(target));
                break;
            }

            case IInvocationOperation or IPropertyReferenceOperation:
                // A pure operation whose value is discarded: lowering still checks it is supported.
                Lower(operation, "unused");
                break;

            default:
                Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, UnsupportedSyntax.Describe(operation));
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
                ValueKind.Scalar => OperationId.Identity,
                ValueKind.Vector => OperationId.VectorIdentity,
                ValueKind.Matrix => OperationId.MatrixIdentity,
                _ => (OperationId?)null,
            };
            if (identity is not null)
            {
                // `var y = x;` keeps a named copy of the reference so that generated code reads like the source.
                operand = builder.Emit(Operations.ById(identity.Value), new[] { operand }, variable.Name);
                builder.TryAdoptName(operand, firstNew, variable.Name);
            }
        }

        variables[variable] = operand;
    }
}
