using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>Calls to other [Differentiable] methods, recorded for the call graph.</summary>
internal sealed partial class BodyLowerer
{
    private const string DifferentiableAttributeName = "NlpSymbolic.DifferentiableAttribute";

    /// <summary>
    /// A call to another [Differentiable] method: forward through its generated <c>…Forward</c>, backward
    /// through its <c>…Pullback</c>, so its derivative is generated once, with the callee.
    /// </summary>
    private IrOperand? LowerDifferentiableCall(IInvocationOperation invocation, string hint)
    {
        var target = invocation.TargetMethod;
        if (SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition))
        {
            Report(DiagnosticDescriptors.Recursion, invocation.Syntax, target.Name);
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
            // The callee's own diagnostics explain what is wrong with it, and the recorded call gets NLPSYM111.
            invalidCode = true;
            return null;
        }

        var arguments = new List<IrOperand>();
        var differentiable = new List<bool>();
        if (!target.IsStatic)
        {
            // Another instance method of this model: its core takes the same fields first.
            if (invocation.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                || modelFields.Count == 0
                || !SymbolEqualityComparer.Default.Equals(target.ContainingType.OriginalDefinition, method.ContainingType.OriginalDefinition))
            {
                Report(DiagnosticDescriptors.UnsupportedExpression, invocation.Syntax, $"A call to the [Differentiable] instance method '{target.Name}' of another object ('{UnsupportedSyntax.Shorten(invocation.Syntax.ToString())}'; make it static and pass what it reads as parameters)");
                return null;
            }

            foreach (var (field, key) in modelFields)
            {
                arguments.Add(variables[key]);
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
                Report(DiagnosticDescriptors.UnsupportedExpression, argument.Syntax, $"An '__arglist' argument ('{UnsupportedSyntax.Shorten(argument.Syntax.ToString())}')");
                return null;
            }

            var kind = KindClassifier.Classify(parameter.Type);
            if (kind is null || parameter.RefKind != RefKind.None)
            {
                // The callee reports its parameter (NLPSYM003, NLPSYM005), and the recorded call gets NLPSYM111.
                invalidCode = true;
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
        return builder.Emit(IrStatement.CallOperation, resultKind.Value, arguments, hint, callee);
    }

    private readonly List<CallSite> calls = new();

    /// <summary>The [Differentiable] methods this body calls, each call once.</summary>
    public IReadOnlyList<CallSite> Calls => calls;

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
            new[] { target.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), method.Name }.ToEquatableArray());
        var call = new CallSite(calleeId, diagnostic);
        if (!calls.Contains(call))
        {
            calls.Add(call);
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
            Report(DiagnosticDescriptors.UnsupportedExpression, invocation.Syntax, $"Leaving out '{argument.Parameter!.Name}' (its default is null; pass a {kind!.Value.ShortName()})");
            return null;
        }

        return Lower(argument.Value, hint);
    }
}
