using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>Operators and conversions, looked up in the catalogue by their member name (<c>op_Addition</c>, …).</summary>
internal sealed partial class BodyLowerer
{
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
            return operand is null ? null : EmitOrReport(conversion, "builtin", "convert", new[] { operand }, hint);
        }

        if (targetKind is null)
        {
            return UnsupportedType(conversion, conversion.Syntax.ToString());
        }

        if (conversion.Operand is ILocalReferenceOperation && sourceKind is null)
        {
            // A local of an unsupported type is reported once, at its declaration.
            return null;
        }

        if (conversion.Operand.Type is not null && sourceKind is null)
        {
            return UnsupportedType(conversion.Operand, conversion.Operand.Syntax.ToString());
        }

        Report(DiagnosticDescriptors.UnsupportedExpression, conversion.Syntax, $"The conversion from '{conversion.Operand.Type?.ToDisplayString()}' to '{conversion.Type?.ToDisplayString()}'");
        return null;
    }

    private IrOperand? LowerBinary(
        IOperation operation, BinaryOperatorKind kind, IMethodSymbol? operatorMethod, IrOperand left, IrOperand right, string hint)
    {
        if (operatorMethod is not null)
        {
            return LowerCall(operation, operatorMethod, new[] { left, right }, hint);
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
        return EmitOrReport(operation, "builtin", member, new[] { left, right }, hint);
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
            return LowerCall(unary, unary.OperatorMethod, new[] { operand }, hint);
        }

        return unary.OperatorKind switch
        {
            UnaryOperatorKind.Plus => operand,
            UnaryOperatorKind.Minus => EmitOrReport(unary, "builtin", "op_UnaryNegation", new[] { operand }, hint),
            UnaryOperatorKind.Not => EmitOrReport(unary, "builtin", "op_LogicalNot", new[] { operand }, hint),
            _ => EmitOrReport(unary, "builtin", unary.OperatorKind.ToString(), new[] { operand }, hint),
        };
    }
}
