using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Calls and properties of Vector, Matrix, System.Math and NlpSymbolic.Functions: each becomes the catalogue's
/// operation for its owner, member and argument kinds.
/// </summary>
internal sealed class CallLowerer : Lowerer
{
    public CallLowerer(Lowerers lowerers)
        : base(lowerers)
    {
    }

    internal IrOperand? LowerInvocation(IInvocationOperation invocation, string hint)
    {
        var target = invocation.TargetMethod;
        if (target.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == UserCallLowerer.DifferentiableAttributeName))
        {
            return Lowerers.UserCalls.LowerDifferentiableCall(invocation, hint);
        }

        if (target.MethodKind == MethodKind.LocalFunction
            || invocation.Instance is ILocalReferenceOperation { Local.Type: var localType } && KindClassifier.Classify(localType) is null)
        {
            // The local function, or the local holding a lambda, was already reported where it is declared.
            return null;
        }

        if (KindClassifier.BuilderName(target.ContainingType) is { } factory)
        {
            return Lowerers.Arrays.LowerBuilderCall(invocation, factory, hint);
        }

        if (KindClassifier.OwnerName(target.ContainingType) is "Vector" or "Matrix" && target.Name.StartsWith("Map", System.StringComparison.Ordinal))
        {
            Lowerers.Fence.ElementwiseMap(invocation);
            return null;
        }

        if (KindClassifier.OwnerName(target.ContainingType) is null)
        {
            if (target.MethodKind == MethodKind.Ordinary && (target.IsStatic || target.DeclaringSyntaxReferences.Length > 0))
            {
                return Lowerers.UserCalls.LowerExternalCall(invocation, hint);
            }

            Lowerers.Fence.ReportUnsupportedCall(invocation, target.ContainingType, target.Name);
            return null;
        }

        var arguments = new List<IrOperand>();
        if (!target.IsStatic && invocation.Instance is not null)
        {
            var receiver = Lowerers.Expressions.Lower(invocation.Instance, hint);
            if (receiver is null)
            {
                return null;
            }

            arguments.Add(receiver);
        }

        if (LowerArguments(invocation, hint) is not { } lowered)
        {
            return null;
        }

        arguments.AddRange(lowered);
        return LowerCall(invocation, target, arguments, hint);
    }

    /// <summary>
    /// The arguments in parameter order; a params array written out (<c>Concat(a, b)</c>, or
    /// <c>Concat(new[] { a, b })</c>) becomes its elements.
    /// </summary>
    internal List<IrOperand>? LowerArguments(IInvocationOperation invocation, string hint)
    {
        var arguments = new List<IrOperand>();
        foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            if ((argument.ArgumentKind == ArgumentKind.ParamArray || argument.Parameter?.IsParams == true)
                && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    var lowered = Lowerers.Expressions.Lower(element, hint);
                    if (lowered is null)
                    {
                        return null;
                    }

                    arguments.Add(lowered);
                }

                continue;
            }

            var value = Lowerers.Expressions.Lower(argument.Value, hint);
            if (value is null)
            {
                return null;
            }

            arguments.Add(value);
        }

        return arguments;
    }

    internal IrOperand? LowerProperty(IPropertyReferenceOperation property, string hint)
    {
        var owner = KindClassifier.OwnerName(property.Property.ContainingType);
        if (owner is null)
        {
            if (property.Instance is null or IInstanceReferenceOperation)
            {
                Lowerers.Fence.ExternalProperty(property);
            }
            else
            {
                Lowerers.Fence.ReportUnsupportedCall(property, property.Property.ContainingType, property.Property.Name);
            }

            return null;
        }

        var arguments = new List<IrOperand>();
        if (property.Instance is not null)
        {
            var receiver = Lowerers.Expressions.Lower(property.Instance, hint);
            if (receiver is null)
            {
                return null;
            }

            arguments.Add(receiver);
        }

        foreach (var argument in property.Arguments)
        {
            var value = Lowerers.Expressions.Lower(argument.Value, hint);
            if (value is null)
            {
                return null;
            }

            arguments.Add(value);
        }

        var member = property.Property.IsIndexer ? "get_Item" : property.Property.Name;
        return EmitOrReport(property, owner, member, arguments, hint);
    }

    internal IrOperand? LowerCall(IOperation operation, IMethodSymbol target, IReadOnlyList<IrOperand> arguments, string hint)
    {
        var owner = KindClassifier.OwnerName(target.ContainingType);
        if (owner is null)
        {
            Lowerers.Fence.ReportUnsupportedCall(operation, target.ContainingType, target.Name);
            return null;
        }

        return EmitOrReport(operation, owner, target.Name, arguments, hint);
    }

    internal IrOperand? EmitOrReport(IOperation operation, string owner, string member, IReadOnlyList<IrOperand> arguments, string hint)
    {
        var definition = Operations.Find(owner, member, arguments.Select(a => a.Kind).ToList());
        if (definition is not null)
        {
            // a·a and vᵀv are squares: one operation whose rule adds 2·dy·a, not two halves of a product.
            if (arguments.Count == 2 && !arguments[0].IsConstant && arguments[0] == arguments[1]
                && definition.Squared is { } square)
            {
                return State.Builder.Emit(Operations.ById(square), new[] { arguments[0] }, hint);
            }

            return State.Builder.Emit(definition, arguments, hint);
        }

        if (owner == "builtin")
        {
            Lowerers.Fence.UnsupportedExpression(operation);
        }
        else
        {
            Lowerers.Fence.NotInCatalogue(operation, owner, member, arguments);
        }

        return null;
    }
}
