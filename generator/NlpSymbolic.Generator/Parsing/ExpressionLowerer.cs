using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Expressions: constants, locals, parameters, model fields, and operators and conversions, looked up in the catalogue
/// by their member name (<c>op_Addition</c>, …); calls, tuples and built arrays are handed to their own lowerers.
/// </summary>
internal sealed class ExpressionLowerer : Lowerer
{
    public ExpressionLowerer(Lowerers lowerers)
        : base(lowerers)
    {
    }

    /// <summary>Lowers an expression to an operand; null after reporting why it cannot be lowered.</summary>
    internal IrOperand? Lower(IOperation operation, string hint)
    {
        if (operation.ConstantValue.HasValue && KindClassifier.Classify(operation.Type) is { } constantKind
            && LoweredValues.ConstantOf(operation.ConstantValue.Value) is { } constant)
        {
            return IrOperand.Of(constant, constantKind);
        }

        if (TupleShape.IsTuple(operation.Type))
        {
            // Only deconstruction, a component (r.h) or a return takes a tuple apart; here it would be one value.
            Lowerers.Fence.TupleAsOneValue(operation);
            return null;
        }

        switch (operation)
        {
            case ITupleBinaryOperation:
                Lowerers.Fence.TupleComparison(operation);
                return null;

            case IFieldReferenceOperation { Instance: { } tuple } component when TupleShape.IsTuple(tuple.Type):
                return Lowerers.Tuples.LowerTupleComponent(tuple, component.Field, hint);

            case ILocalReferenceOperation local:
                return LowerLocal(local, operation);

            case IParameterReferenceOperation parameter:
                return KindClassifier.Classify(parameter.Parameter.Type) is { } parameterKind
                    && State.Variables.TryGetValue(VariableKey.For(parameter.Parameter, parameterKind), out var parameterValue) ? parameterValue : null;

            case IConversionOperation conversion:
                return LowerConversion(conversion, hint);

            case IBinaryOperation { OperatorMethod: null, OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                return LowerLogical(logical, hint);

            case IBinaryOperation binary:
                return LowerBinaryOperation(binary, hint);

            case IUnaryOperation unary:
                return LowerUnary(unary, hint);

            case IInvocationOperation invocation:
                return Lowerers.Calls.LowerInvocation(invocation, hint);

            case IPropertyReferenceOperation property:
                return Lowerers.Calls.LowerProperty(property, hint);

            case IArrayElementReferenceOperation element when element.Indices.Length == 1:
                return LowerElement(element, hint);

            case IConditionalOperation { WhenFalse: not null } conditional:
                return LowerConditional(conditional, hint);

            case IFieldReferenceOperation when Facts.ModelFieldOf(operation) is { } modelField:
                return State.Variables[modelField];

            case IFieldReferenceOperation field:
                Lowerers.Fence.ExternalField(field);
                return null;

            case IInstanceReferenceOperation:
                Lowerers.Fence.ExternalThis(operation);
                return null;

            case IArrayCreationOperation creation:
                return Lowerers.Arrays.LowerArrayCreation(creation, hint);

            case IInvalidOperation:
                // The compiler reports the error; generating nothing keeps us quiet and correct.
                State.InvalidCode = true;
                return null;

            default:
                Lowerers.Fence.UnsupportedExpression(operation);
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

        if (State.Variables.TryGetValue(VariableKey.For(local.Local, localKind), out var localValue) && !LoweredValues.IsUndefined(localValue))
        {
            return localValue;
        }

        if (State.Diagnostics.Count == 0 && !State.InvalidCode)
        {
            // Nothing reported explains the missing value (its declaration was not rejected): our bug, said out loud.
            State.Report(DiagnosticDescriptors.InternalError, operation.Syntax, Facts.Method.Name, $"no value for local '{local.Local.Name}' here");
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

        var source = State.Builder.CurrentSource;
        return logical.OperatorKind == BinaryOperatorKind.ConditionalAnd
            ? Lowerers.ControlFlow.LowerLazyAnd(left, () => Lower(logical.RightOperand, hint), source)
            : Lowerers.ControlFlow.LowerLazyOr(left, () => Lower(logical.RightOperand, hint), source);
    }

    /// <summary><c>a[i]</c>: an element of a built array, or of an array the operation catalogue reads.</summary>
    private IrOperand? LowerElement(IArrayElementReferenceOperation element, string hint)
    {
        var array = Lower(element.ArrayReference, hint);
        var index = Lower(element.Indices[0], hint);
        return array is null || index is null
            ? null
            : Lowerers.Arrays.IsBuiltArray(array) ? Lowerers.Arrays.ReadElement(array, index, hint)
            : Lowerers.Calls.EmitOrReport(element, "builtin", "element", new[] { array, index }, hint);
    }

    /// <summary><c>c ? a : b</c>: a choice between two lowered arms.</summary>
    private IrOperand? LowerConditional(IConditionalOperation conditional, string hint)
    {
        var kind = KindClassifier.Classify(conditional.Type);
        var condition = Lower(conditional.Condition, hint);
        if (kind is null)
        {
            return Lowerers.Fence.UnsupportedType(conditional, conditional.Syntax.ToString());
        }

        if (new[] { conditional.WhenTrue, conditional.WhenFalse }.FirstOrDefault(arm => arm is not null && Lowerers.Arrays.IsBuiltArrayReference(arm)) is ILocalReferenceOperation builtArm)
        {
            Lowerers.Fence.BuiltArrayAliased(conditional.Syntax, builtArm.Local.Name, "chosen by ?:");
            return null;
        }

        return condition is null
            ? null
            : Lowerers.ControlFlow.LowerChoice(condition, kind.Value, () => Lower(conditional.WhenTrue, hint), () => Lower(conditional.WhenFalse!, hint), State.Builder.CurrentSource);
    }

    private IrOperand? LowerConversion(IConversionOperation conversion, string hint)
    {
        var targetKind = KindClassifier.Classify(conversion.Type);
        var sourceKind = KindClassifier.Classify(conversion.Operand.Type);
        if (conversion.OperatorMethod is null && targetKind is not null && targetKind == sourceKind)
        {
            return Lower(conversion.Operand, hint);
        }

        if (conversion.OperatorMethod is null && targetKind == ValueKind.Scalar && sourceKind == ValueKind.Int)
        {
            var operand = Lower(conversion.Operand, hint);
            return operand is null ? null : Lowerers.Calls.EmitOrReport(conversion, "builtin", "convert", new[] { operand }, hint);
        }

        if (targetKind is null)
        {
            return Lowerers.Fence.UnsupportedType(conversion, conversion.Syntax.ToString());
        }

        if (conversion.Operand is ILocalReferenceOperation && sourceKind is null)
        {
            // A local of an unsupported type is reported once, at its declaration.
            return null;
        }

        if (conversion.Operand.Type is not null && sourceKind is null)
        {
            return Lowerers.Fence.UnsupportedType(conversion.Operand, conversion.Operand.Syntax.ToString());
        }

        Lowerers.Fence.UnsupportedConversion(conversion);
        return null;
    }

    internal IrOperand? LowerBinary(
        IOperation operation, BinaryOperatorKind kind, IMethodSymbol? operatorMethod, IrOperand left, IrOperand right, string hint)
    {
        if (operatorMethod is not null)
        {
            return Lowerers.Calls.LowerCall(operation, operatorMethod, new[] { left, right }, hint);
        }

        var member = kind switch
        {
            BinaryOperatorKind.Add => "op_Addition",
            BinaryOperatorKind.Subtract => "op_Subtraction",
            BinaryOperatorKind.Multiply => "op_Multiply",
            BinaryOperatorKind.Divide => "op_Division",
            BinaryOperatorKind.Remainder => "op_Modulus",
            BinaryOperatorKind.LessThan => "op_LessThan",
            BinaryOperatorKind.LessThanOrEqual => "op_LessThanOrEqual",
            BinaryOperatorKind.GreaterThan => "op_GreaterThan",
            BinaryOperatorKind.GreaterThanOrEqual => "op_GreaterThanOrEqual",
            BinaryOperatorKind.Equals => "op_Equality",
            BinaryOperatorKind.NotEquals => "op_Inequality",
            BinaryOperatorKind.ConditionalAnd => "op_ConditionalAnd",
            BinaryOperatorKind.ConditionalOr => "op_ConditionalOr",
            _ => kind.ToString(),
        };
        return Lowerers.Calls.EmitOrReport(operation, "builtin", member, new[] { left, right }, hint);
    }

    private IrOperand? LowerUnary(IUnaryOperation unary, string hint)
    {
        var operand = Lower(unary.Operand, hint);
        if (operand is null)
        {
            return null;
        }

        if (unary.OperatorMethod is not null)
        {
            return Lowerers.Calls.LowerCall(unary, unary.OperatorMethod, new[] { operand }, hint);
        }

        return unary.OperatorKind switch
        {
            UnaryOperatorKind.Plus => operand,
            UnaryOperatorKind.Minus => Lowerers.Calls.EmitOrReport(unary, "builtin", "op_UnaryNegation", new[] { operand }, hint),
            UnaryOperatorKind.Not => Lowerers.Calls.EmitOrReport(unary, "builtin", "op_LogicalNot", new[] { operand }, hint),
            _ => Lowerers.Calls.EmitOrReport(unary, "builtin", unary.OperatorKind.ToString(), new[] { operand }, hint),
        };
    }
}
