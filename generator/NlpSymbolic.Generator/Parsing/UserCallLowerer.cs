using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Calls whose derivative is not a catalogue rule: to other [Differentiable] methods (recorded for the call graph),
/// and to functions whose derivative is declared with [DerivativeOf] rather than generated.
/// </summary>
internal sealed class UserCallLowerer : Lowerer
{
    public UserCallLowerer(Lowerers lowerers)
        : base(lowerers)
    {
    }

    internal const string DifferentiableAttributeName = "NlpSymbolic.DifferentiableAttribute";

    /// <summary>
    /// A call to another [Differentiable] method: forward through its generated <c>…Forward</c>, backward
    /// through its <c>…Pullback</c>, so its derivative is generated once, with the callee.
    /// </summary>
    internal IrOperand? LowerDifferentiableCall(IInvocationOperation invocation, string hint)
    {
        var target = invocation.TargetMethod;
        if (SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, Facts.Method.OriginalDefinition))
        {
            Lowerers.Fence.Recursion(invocation);
            return null;
        }

        RecordCall(invocation, target);
        var resultKind = KindClassifier.Classify(target.ReturnType);
        if (TupleShape.Components(target.ReturnType) is { } components && TupleShape.IsSupported(components))
        {
            // Several outputs: the call's value is taken apart by the TupleItem statements that follow it.
            resultKind = ValueKind.Tuple;
        }

        if (resultKind is not (ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix or ValueKind.Tuple) || target.IsGenericMethod)
        {
            // The callee's own State.Diagnostics explain what is wrong with it, and the recorded call gets NLPSYM111.
            State.InvalidCode = true;
            return null;
        }

        var arguments = new List<IrOperand>();
        var differentiable = new List<bool>();
        if (!target.IsStatic)
        {
            // Another instance method of this model: its core takes the same fields first.
            if (invocation.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                || Facts.ModelFields.Count == 0
                || !SymbolEqualityComparer.Default.Equals(target.ContainingType.OriginalDefinition, Facts.Method.ContainingType.OriginalDefinition))
            {
                Lowerers.Fence.InstanceCallOnAnotherObject(invocation);
                return null;
            }

            foreach (var (field, key) in Facts.ModelFields)
            {
                arguments.Add(State.Variables[key]);
                differentiable.Add(key.Kind is ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix
                    && !field.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "NlpSymbolic.NoDerivativeAttribute"));
            }
        }

        foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                // In code that compiles only __arglist(…) has no parameter; the callee may be fine, so say it here.
                Lowerers.Fence.ArglistArgument(argument);
                return null;
            }

            var kind = KindClassifier.Classify(parameter.Type);
            if (kind is null || parameter.RefKind != RefKind.None)
            {
                // The callee reports its parameter (NLPSYM003, NLPSYM005), and the recorded call gets NLPSYM111.
                State.InvalidCode = true;
                return null;
            }

            var value = LowerCallArgument(invocation, argument, kind, hint);
            if (value is null)
            {
                return null;
            }

            arguments.Add(value);
            differentiable.Add(kind.Value.IsDifferentiable()
                && !parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "NlpSymbolic.NoDerivativeAttribute"));
        }

        var qualified = target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + target.Name;
        var callee = new IrCallee(qualified, differentiable.ToEquatableArray(), resultKind.Value);
        return State.Builder.Emit(IrStatement.CallOperation, resultKind.Value, arguments, hint, callee);
    }

    /// <summary>
    /// Whether a callee gets generated is known only once every method has been parsed (its error may be in
    /// another file), so the call is recorded and the pipeline decides then: a callee without output leaves
    /// this method without output, and when an error of ours explains it, this call gets NLPSYM111.
    /// </summary>
    private void RecordCall(IInvocationOperation invocation, IMethodSymbol target)
    {
        if (target.OriginalDefinition.GetDocumentationCommentId() is not { } calleeId)
        {
            return;
        }

        var diagnostic = new DiagnosticInfo(
            DiagnosticDescriptors.CalleeNotDifferentiated.Id,
            LocationInfo.From(invocation.Syntax),
            new[] { target.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), Facts.Method.Name }.ToEquatableArray());
        var call = new CallSite(calleeId, diagnostic);
        if (!State.Calls.Contains(call))
        {
            State.Calls.Add(call);
        }
    }

    /// <summary>
    /// One argument of a call to a generated or declared pullback. A left-out vector or array argument is refused:
    /// its default can only be null, nothing to compute with or differentiate.
    /// </summary>
    private IrOperand? LowerCallArgument(IInvocationOperation invocation, IArgumentOperation argument, ValueKind? kind, string hint)
    {
        if (argument.ArgumentKind == ArgumentKind.DefaultValue && kind is not (ValueKind.Scalar or ValueKind.Int or ValueKind.Bool))
        {
            Lowerers.Fence.LeftOutBufferArgument(invocation, argument, kind!.Value);
            return null;
        }

        return Lowerers.Expressions.Lower(argument.Value, hint);
    }

    /// <summary>
    /// A call to a function that is neither [Differentiable] nor in the catalogue: forward, the function itself;
    /// backward, the pullback declared for it with [DerivativeOf], which the pipeline looks up once every
    /// declaration is known (<see cref="ExternalCalls"/>). A function that cannot have one is reported here.
    /// </summary>
    internal IrOperand? LowerExternalCall(IInvocationOperation invocation, string hint)
    {
        var target = invocation.TargetMethod;
        var inSource = target.DeclaringSyntaxReferences.Length > 0;
        var shown = target.ContainingType.Name + "." + target.Name;
        if (PullbackSignature.Unsupported(target) is { } reason)
        {
            if (inSource)
            {
                Lowerers.Fence.NoPullbackPossible(invocation, shown, reason);
            }
            else
            {
                Lowerers.Fence.ReportUnsupportedCall(invocation, target.ContainingType, target.Name);
            }

            return null;
        }

        var arguments = new List<IrOperand>();
        foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            var value = LowerCallArgument(invocation, argument, KindClassifier.Classify(argument.Parameter?.Type), hint);
            if (value is null)
            {
                return null;
            }

            arguments.Add(value);
        }

        if (target.OriginalDefinition.GetDocumentationCommentId() is not { } targetId)
        {
            State.InvalidCode = true;
            return null;
        }

        var advice = inSource
            ? $"mark '{target.Name}' [Differentiable] so that its derivative is generated, or declare it: {PullbackSignature.Declaration(target, Facts.Method.ContainingType)}"
            : $"declare it with {PullbackSignature.Declaration(target, Facts.Method.ContainingType)}";
        var call = new ExternalCall(
            targetId,
            new DiagnosticInfo(DiagnosticDescriptors.CallWithoutDerivative.Id, LocationInfo.From(invocation.Syntax), new[] { shown, advice }.ToEquatableArray())
            {
                // The code fix that declares the pullback writes exactly what the message says.
                Properties = new[]
                {
                    DiagnosticInfo.PullbackDeclarationKey, PullbackSignature.Describe(target, target.Name + "Pullback"),
                    DiagnosticInfo.DerivativeOfKey, PullbackSignature.Attribute(target, Facts.Method.ContainingType),
                }.ToEquatableArray(),
            },
            inSource ? null : LibraryPullback(target));
        if (!State.ExternalCalls.Contains(call))
        {
            State.ExternalCalls.Add(call);
        }

        var qualified = target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + target.Name;
        var callee = new IrCallee(qualified, PullbackSignature.Differentiable(target).ToEquatableArray(), KindClassifier.Classify(target.ReturnType)!.Value, targetId);
        return State.Builder.Emit(IrStatement.CallOperation, callee.ResultKind, arguments, hint, callee);
    }

    /// <summary>
    /// A library may ship a function with its derivative: a public pullback with [DerivativeOf] in the function's
    /// own type. The generator sees only this compilation's declarations as syntax, so a referenced assembly's
    /// are read from its metadata here, in the one place they can be: beside the function.
    /// </summary>
    private static string? LibraryPullback(IMethodSymbol function)
    {
        foreach (var member in function.ContainingType.GetMembers().OfType<IMethodSymbol>())
        {
            foreach (var attribute in member.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == "NlpSymbolic.DerivativeOfAttribute"))
            {
                var arguments = attribute.ConstructorArguments;
                var names = arguments.Length switch
                {
                    1 => arguments[0].Value as string == function.Name,
                    2 => SymbolEqualityComparer.Default.Equals(arguments[0].Value as ITypeSymbol, function.ContainingType) && arguments[1].Value as string == function.Name,
                    _ => false,
                };
                if (names && member.DeclaredAccessibility == Accessibility.Public && PullbackSignature.Matches(function, member))
                {
                    return function.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member.Name;
                }
            }
        }

        return null;
    }
}
