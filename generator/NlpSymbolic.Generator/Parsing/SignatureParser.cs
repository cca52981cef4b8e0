using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>What a method's signature says, before its body is looked at (see <see cref="SignatureParser"/>).</summary>
internal sealed class Signature
{
    public List<ContainingTypeSpec> ContainingTypes { get; } = new();

    /// <summary>The result's kind (<see cref="ValueKind.Tuple"/> for several outputs); null when it has none a method may return.</summary>
    public ValueKind? ReturnKind { get; set; }

    /// <summary>The components of a tuple result, else null.</summary>
    public IReadOnlyList<TupleComponent>? ResultComponents { get; set; }

    /// <summary>A type that does not bind (half-typed, unknown name): the compiler's error to report, not ours.</summary>
    public bool HasCompileErrors { get; set; }

    /// <summary>The parameters of supported types, in order, with whether each is differentiable.</summary>
    public List<(IParameterSymbol Symbol, ValueKind Kind, bool IsDifferentiable)> Parameters { get; } = new();
}

/// <summary>
/// The fence around a method's signature: it must be static (or of a model class), in partial types that are not
/// file-local, not generic, with a body, returning and taking kinds the generator supports. Each problem is
/// reported at its own syntax.
/// </summary>
internal static class SignatureParser
{
    private const string NoDerivativeAttributeName = "NlpSymbolic.NoDerivativeAttribute";

    public static Signature Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, bool isModelMethod, DiagnosticList diagnostics)
    {
        var signature = new Signature();
        if (!method.IsStatic && !isModelMethod)
        {
            diagnostics.Report(DiagnosticDescriptors.MethodMustBeStatic, syntax.Identifier.GetLocation(), method.Name);
        }

        ContainingTypes(method, syntax, signature, diagnostics);
        if (method.IsGenericMethod)
        {
            diagnostics.Report(DiagnosticDescriptors.GenericMethod, syntax.TypeParameterList?.GetLocation() ?? syntax.Identifier.GetLocation(), method.Name);
        }

        if (syntax.Body is null && syntax.ExpressionBody is null)
        {
            diagnostics.Report(
                method.PartialImplementationPart is not null ? DiagnosticDescriptors.AttributeOnPartialDefinition : DiagnosticDescriptors.MethodWithoutBody,
                syntax.Identifier.GetLocation(),
                method.Name);
        }

        Result(method, syntax, signature, diagnostics);
        Parameters(method, syntax, signature, diagnostics);
        return signature;
    }

    public static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType),
        _ => false,
    };

    private static void ContainingTypes(IMethodSymbol method, MethodDeclarationSyntax syntax, Signature signature, DiagnosticList diagnostics)
    {
        for (var node = syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax type)
            {
                if (type.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.FileKeyword)) is { RawKind: not 0 } fileModifier)
                {
                    diagnostics.Report(DiagnosticDescriptors.FileLocalType, fileModifier.GetLocation(), type.Identifier.ValueText, method.Name);
                }

                if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Report(DiagnosticDescriptors.TypeMustBePartial, type.Identifier.GetLocation(), type.Identifier.ValueText, method.Name);
                }

                signature.ContainingTypes.Insert(0, new ContainingTypeSpec(DeclarationNames.TypeKeyword(type), type.Identifier.Text + type.TypeParameterList));
            }
        }
    }

    private static void Result(IMethodSymbol method, MethodDeclarationSyntax syntax, Signature signature, DiagnosticList diagnostics)
    {
        signature.HasCompileErrors = ContainsErrorType(method.ReturnType);
        signature.ReturnKind = KindClassifier.Classify(method.ReturnType);
        var resultComponents = TupleShape.Components(method.ReturnType);
        if (resultComponents is not null && !signature.HasCompileErrors)
        {
            // Several outputs: each component is a result of its own, with its own seed in dResult.
            var bad = resultComponents.Select((c, i) => (c, i)).FirstOrDefault(p => p.c.Kind is null);
            if (bad.c is not null)
            {
                SyntaxNode at = syntax.ReturnType is TupleTypeSyntax tupleSyntax && bad.i < tupleSyntax.Elements.Count ? tupleSyntax.Elements[bad.i] : syntax.ReturnType;
                diagnostics.Report(DiagnosticDescriptors.UnsupportedTupleType, at.GetLocation(), $"The result of '{method.Name}'", method.ReturnType.ToDisplayString(), $" (its component '{bad.c.Accessor(bad.i)}' is {bad.c.Type.ToDisplayString()})");
            }
            else
            {
                signature.ReturnKind = ValueKind.Tuple;
                signature.ResultComponents = resultComponents;
            }
        }
        else if (signature.ReturnKind is not (ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix) && !signature.HasCompileErrors)
        {
            diagnostics.Report(DiagnosticDescriptors.UnsupportedReturnType, syntax.ReturnType.GetLocation(), method.Name, method.ReturnType.ToDisplayString());
        }
    }

    private static void Parameters(IMethodSymbol method, MethodDeclarationSyntax syntax, Signature signature, DiagnosticList diagnostics)
    {
        foreach (var parameter in method.Parameters)
        {
            var parameterSyntax = syntax.ParameterList.Parameters[parameter.Ordinal];
            var modifier = parameterSyntax.Modifiers.FirstOrDefault(m =>
                m.IsKind(SyntaxKind.RefKeyword) || m.IsKind(SyntaxKind.OutKeyword) || m.IsKind(SyntaxKind.InKeyword)
                || m.IsKind(SyntaxKind.ParamsKeyword) || m.IsKind(SyntaxKind.ThisKeyword) || m.IsKind(SyntaxKind.ScopedKeyword)
                || m.IsKind(SyntaxKind.ReadOnlyKeyword));
            if (modifier != default)
            {
                var fix = modifier.IsKind(SyntaxKind.OutKeyword)
                    ? "an 'out' parameter is a result: return it instead"
                    : $"remove '{modifier.ValueText}'";
                diagnostics.Report(DiagnosticDescriptors.UnsupportedParameterModifier, modifier.GetLocation(), parameter.Name, modifier.ValueText, fix);
                continue;
            }

            var kind = KindClassifier.Classify(parameter.Type);
            var typeLocation = parameterSyntax.Type?.GetLocation() ?? parameterSyntax.GetLocation();
            if (kind is null && ContainsErrorType(parameter.Type))
            {
                signature.HasCompileErrors = true;
            }
            else if (kind is null && TupleShape.IsTuple(parameter.Type))
            {
                diagnostics.Report(DiagnosticDescriptors.UnsupportedTupleType, typeLocation, $"Parameter '{parameter.Name}'", parameter.Type.ToDisplayString(), " (pass its components as separate parameters)");
            }
            else if (kind is null)
            {
                diagnostics.Report(DiagnosticDescriptors.UnsupportedParameterType, typeLocation, parameter.Name, parameter.Type.ToDisplayString());
            }
            else
            {
                var noDerivative = parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NoDerivativeAttributeName);
                signature.Parameters.Add((parameter, kind.Value, kind.Value.IsDifferentiable() && !noDerivative));
            }
        }
    }
}
