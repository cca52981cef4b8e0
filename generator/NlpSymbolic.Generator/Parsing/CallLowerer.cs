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
internal sealed class CallLowerer
{
    private readonly Lowerers lowerers;

    public CallLowerer(Lowerers lowerers) => this.lowerers = lowerers;

    private LoweringState State => lowerers.State;

    internal IrOperand? LowerInvocation(IInvocationOperation invocation, string hint)
    {
        var target = invocation.TargetMethod;
        if (target.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == UserCallLowerer.DifferentiableAttributeName))
        {
            return lowerers.UserCalls.LowerDifferentiableCall(invocation, hint);
        }

        if (target.MethodKind == MethodKind.LocalFunction
            || invocation.Instance is ILocalReferenceOperation { Local.Type: var localType } && KindClassifier.Classify(localType) is null)
        {
            // The local function, or the local holding a lambda, was already reported where it is declared.
            return null;
        }

        if (KindClassifier.BuilderName(target.ContainingType) is { } factory)
        {
            return lowerers.Arrays.LowerBuilderCall(invocation, factory, hint);
        }

        if (KindClassifier.OwnerName(target.ContainingType) is "Vector" or "Matrix" && target.Name.StartsWith("Map", System.StringComparison.Ordinal))
        {
            State.Report(DiagnosticDescriptors.UnsupportedCall, invocation.Syntax, UnsupportedSyntax.Shorten(invocation.Syntax.ToString()), UnsupportedSyntax.ElementwiseAlternative(invocation));
            return null;
        }

        if (KindClassifier.OwnerName(target.ContainingType) is null)
        {
            if (target.MethodKind == MethodKind.Ordinary && (target.IsStatic || target.DeclaringSyntaxReferences.Length > 0))
            {
                return lowerers.UserCalls.LowerExternalCall(invocation, hint);
            }

            lowerers.Fence.ReportUnsupportedCall(invocation, target.ContainingType, target.Name);
            return null;
        }

        var arguments = new List<IrOperand>();
        if (!target.IsStatic && invocation.Instance is not null)
        {
            var receiver = lowerers.Expressions.Lower(invocation.Instance, hint);
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
                    var lowered = lowerers.Expressions.Lower(element, hint);
                    if (lowered is null)
                    {
                        return null;
                    }

                    arguments.Add(lowered);
                }

                continue;
            }

            var value = lowerers.Expressions.Lower(argument.Value, hint);
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
                State.Report(DiagnosticDescriptors.ExternalState, property.Syntax, $"The property '{property.Property.Name}'");
            }
            else
            {
                lowerers.Fence.ReportUnsupportedCall(property, property.Property.ContainingType, property.Property.Name);
            }

            return null;
        }

        var arguments = new List<IrOperand>();
        if (property.Instance is not null)
        {
            var receiver = lowerers.Expressions.Lower(property.Instance, hint);
            if (receiver is null)
            {
                return null;
            }

            arguments.Add(receiver);
        }

        foreach (var argument in property.Arguments)
        {
            var value = lowerers.Expressions.Lower(argument.Value, hint);
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
            lowerers.Fence.ReportUnsupportedCall(operation, target.ContainingType, target.Name);
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
            State.Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, UnsupportedSyntax.Describe(operation));
        }
        else
        {
            var shown = operation.Syntax.ToString();
            var supported = "supported here: " + Operations.DescribeSupported(owner) + " (on " + UnsupportedSyntax.OwnerDisplay(owner) + ")";
            var instead = OperationAlternatives.For(owner, member, arguments.Select(a => a.Kind).ToList(), UnsupportedSyntax.OperandTexts(operation));
            State.Report(DiagnosticDescriptors.UnsupportedCall, operation.Syntax, UnsupportedSyntax.Shorten(shown), instead is null ? supported : instead + "; " + supported);
        }

        return null;
    }
}
