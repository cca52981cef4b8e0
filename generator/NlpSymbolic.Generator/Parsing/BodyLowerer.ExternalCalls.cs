using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>Calls to functions whose derivative is declared with [DerivativeOf] rather than generated.</summary>
internal sealed partial class BodyLowerer
{
    /// <summary>
    /// A call to a function that is neither [Differentiable] nor in the catalogue: forward, the function itself;
    /// backward, the pullback declared for it with [DerivativeOf], which the pipeline looks up once every
    /// declaration is known (<see cref="ExternalCalls"/>). A function that cannot have one is reported here.
    /// </summary>
    private IrOperand? LowerExternalCall(IInvocationOperation invocation, string hint)
    {
        var target = invocation.TargetMethod;
        var inSource = target.DeclaringSyntaxReferences.Length > 0;
        var shown = target.ContainingType.Name + "." + target.Name;
        if (PullbackSignature.Unsupported(target) is { } reason)
        {
            if (inSource)
            {
                var fix = target.IsStatic
                    ? $"a derivative, generated ([Differentiable]) or declared ([DerivativeOf]), needs a static method that takes double, Vector<double>, Matrix<double> (arrays, int, bool) by value and returns one of the first three, but {reason}"
                    : $"make '{target.Name}' static, passing what it reads as parameters, then mark it [Differentiable] or declare its derivative with [DerivativeOf]";
                Report(DiagnosticDescriptors.CallWithoutDerivative, invocation.Syntax, shown, fix);
            }
            else
            {
                ReportUnsupportedCall(invocation, target.ContainingType, target.Name);
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
            invalidCode = true;
            return null;
        }

        var advice = inSource
            ? $"mark '{target.Name}' [Differentiable] so that its derivative is generated, or declare it: {PullbackSignature.Declaration(target, method.ContainingType)}"
            : $"declare it with {PullbackSignature.Declaration(target, method.ContainingType)}";
        var call = new ExternalCall(
            targetId,
            new DiagnosticInfo(DiagnosticDescriptors.CallWithoutDerivative.Id, LocationInfo.From(invocation.Syntax), new[] { shown, advice }.ToEquatableArray())
            {
                // The code fix that declares the pullback writes exactly what the message says.
                Properties = new[]
                {
                    DiagnosticInfo.PullbackDeclarationKey, PullbackSignature.Describe(target, target.Name + "Pullback"),
                    DiagnosticInfo.DerivativeOfKey, PullbackSignature.Attribute(target, method.ContainingType),
                }.ToEquatableArray(),
            },
            inSource ? null : LibraryPullback(target));
        if (!externalCalls.Contains(call))
        {
            externalCalls.Add(call);
        }

        var qualified = target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + target.Name;
        var callee = new IrCallee(qualified, PullbackSignature.Differentiable(target).ToEquatableArray(), KindClassifier.Classify(target.ReturnType)!.Value, targetId);
        return builder.Emit(IrStatement.CallOperation, callee.ResultKind, arguments, hint, callee);
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

    private readonly List<ExternalCall> externalCalls = new();

    /// <summary>The calls to functions whose derivative must be declared with [DerivativeOf], each once.</summary>
    public IReadOnlyList<ExternalCall> ExternalCalls => externalCalls;
}
