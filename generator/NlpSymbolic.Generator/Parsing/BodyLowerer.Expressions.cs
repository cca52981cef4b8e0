using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

internal sealed partial class BodyLowerer
{
    /// <summary>Lowers an expression to an operand; null after reporting why it cannot be lowered.</summary>
    private IrOperand? Lower(IOperation operation, string hint)
    {
        if (operation.ConstantValue.HasValue && KindClassifier.Classify(operation.Type) is { } constantKind
            && ConstantOf(operation.ConstantValue.Value) is { } constant)
        {
            return IrOperand.Of(constant, constantKind);
        }

        if (TupleShape.IsTuple(operation.Type))
        {
            // Only deconstruction, a component (r.h) or a return takes a tuple apart; here it would be one value.
            Report(DiagnosticDescriptors.UnsupportedTupleUse, operation.Syntax, $"Using the tuple '{UnsupportedSyntax.Shorten(operation.Syntax.ToString())}' as one value");
            return null;
        }

        switch (operation)
        {
            case ITupleBinaryOperation:
                Report(DiagnosticDescriptors.UnsupportedTupleUse, operation.Syntax, $"Comparing tuples ('{UnsupportedSyntax.Shorten(operation.Syntax.ToString())}'; compare their components)");
                return null;

            case IFieldReferenceOperation { Instance: { } tuple } component when TupleShape.IsTuple(tuple.Type):
                return LowerTupleComponent(tuple, component.Field, hint);

            case ILocalReferenceOperation local:
                return LowerLocal(local, operation);

            case IParameterReferenceOperation parameter:
                return KindClassifier.Classify(parameter.Parameter.Type) is { } parameterKind
                    && variables.TryGetValue(VariableKey.For(parameter.Parameter, parameterKind), out var parameterValue) ? parameterValue : null;

            case IConversionOperation conversion:
                return LowerConversion(conversion, hint);

            case IBinaryOperation { OperatorMethod: null, OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                return LowerLogical(logical, hint);

            case IBinaryOperation binary:
                return LowerBinaryOperation(binary, hint);

            case IUnaryOperation unary:
                return LowerUnary(unary, hint);

            case IInvocationOperation invocation:
                return LowerInvocation(invocation, hint);

            case IPropertyReferenceOperation property:
                return LowerProperty(property, hint);

            case IArrayElementReferenceOperation element when element.Indices.Length == 1:
                return LowerElement(element, hint);

            case IConditionalOperation { WhenFalse: not null } conditional:
                return LowerConditional(conditional, hint);

            case IFieldReferenceOperation when ModelFieldOf(operation) is { } modelField:
                return variables[modelField];

            case IFieldReferenceOperation field:
                Report(DiagnosticDescriptors.ExternalState, operation.Syntax, $"The field '{field.Field.Name}'");
                return null;

            case IInstanceReferenceOperation:
                Report(DiagnosticDescriptors.ExternalState, operation.Syntax, "'this'");
                return null;

            case IArrayCreationOperation creation:
                return LowerArrayCreation(creation, hint);

            case IInvalidOperation:
                // The compiler reports the error; generating nothing keeps us quiet and correct.
                invalidCode = true;
                return null;

            default:
                Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, UnsupportedSyntax.Describe(operation));
                return null;
        }
    }

    /// <summary>A local's current SSA value.</summary>
    private IrOperand? LowerLocal(ILocalReferenceOperation local, IOperation operation)
    {
        // A local of an unsupported type was reported at its declaration; any other miss is our bug.
        if (KindClassifier.Classify(local.Local.Type) is not { } localKind)
        {
            return null;
        }

        if (variables.TryGetValue(VariableKey.For(local.Local, localKind), out var localValue) && !IsUndefined(localValue))
        {
            return localValue;
        }

        if (diagnostics.Count == 0 && !invalidCode)
        {
            // Nothing reported explains the missing value (its declaration was not rejected): our bug, said out loud.
            Report(DiagnosticDescriptors.InternalError, operation.Syntax, method.Name, $"no value for local '{local.Local.Name}' here");
        }

        return null;
    }

    /// <summary><c>a op b</c>: both operands lowered (each reports its own problems), then the operation.</summary>
    private IrOperand? LowerBinaryOperation(IBinaryOperation binary, string hint)
    {
        var left = Lower(binary.LeftOperand, hint);
        var right = Lower(binary.RightOperand, hint);
        return left is null || right is null
            ? null
            : LowerBinary(binary, binary.OperatorKind, binary.OperatorMethod, left, right, hint);
    }

    /// <summary><c>a &amp;&amp; b</c> and <c>a || b</c>: the right operand only where C# evaluates it.</summary>
    private IrOperand? LowerLogical(IBinaryOperation logical, string hint)
    {
        var left = Lower(logical.LeftOperand, hint);
        if (left is null)
        {
            return null;
        }

        var source = builder.CurrentSource;
        return logical.OperatorKind == BinaryOperatorKind.ConditionalAnd
            ? LowerLazyAnd(left, () => Lower(logical.RightOperand, hint), source)
            : LowerLazyOr(left, () => Lower(logical.RightOperand, hint), source);
    }

    /// <summary><c>a[i]</c>: an element of a built array, or of an array the operation catalogue reads.</summary>
    private IrOperand? LowerElement(IArrayElementReferenceOperation element, string hint)
    {
        var array = Lower(element.ArrayReference, hint);
        var index = Lower(element.Indices[0], hint);
        return array is null || index is null
            ? null
            : IsBuiltArray(array) ? ReadElement(array, index, hint)
            : EmitOrReport(element, "builtin", "element", new[] { array, index }, hint);
    }

    /// <summary><c>c ? a : b</c>: a choice between two lowered arms.</summary>
    private IrOperand? LowerConditional(IConditionalOperation conditional, string hint)
    {
        var kind = KindClassifier.Classify(conditional.Type);
        var condition = Lower(conditional.Condition, hint);
        if (kind is null)
        {
            return UnsupportedType(conditional, conditional.Syntax.ToString());
        }

        if (new[] { conditional.WhenTrue, conditional.WhenFalse }.FirstOrDefault(IsBuiltArrayReference) is ILocalReferenceOperation builtArm)
        {
            Report(DiagnosticDescriptors.BuiltArrayAliased, conditional.Syntax, builtArm.Local.Name, "chosen by ?:");
            return null;
        }

        return condition is null
            ? null
            : LowerChoice(condition, kind.Value, () => Lower(conditional.WhenTrue, hint), () => Lower(conditional.WhenFalse!, hint), builder.CurrentSource);
    }

    private bool invalidCode;

    /// <summary>True when the body has compile errors of its own; then nothing is generated and nothing reported.</summary>
    public bool HasInvalidCode => invalidCode;
}
