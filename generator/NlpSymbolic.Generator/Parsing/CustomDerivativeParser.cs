using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Reads one method carrying <c>[DerivativeOf]</c>: finds the function it names (among overloads, the one whose
/// pullback signature it has) and checks everything generated code relies on when it calls it.
/// </summary>
internal static class CustomDerivativeParser
{
    private const string DifferentiableAttributeName = "NlpSymbolic.DifferentiableAttribute";

    public static CustomDerivativeDeclaration Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        try
        {
            return ParseCore(context, syntax, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            var info = new DiagnosticInfo(
                DiagnosticDescriptors.InternalError.Id,
                LocationInfo.From(syntax.Identifier.GetLocation()),
                new[] { syntax.Identifier.ValueText, exception.GetType().Name + ": " + exception.Message }.ToEquatableArray());
            return new CustomDerivativeDeclaration(null, null, null, new[] { info }.ToEquatableArray());
        }
    }

    private static CustomDerivativeDeclaration ParseCore(GeneratorAttributeSyntaxContext context, MethodDeclarationSyntax syntax, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pullback = (IMethodSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var at = attribute.ApplicationSyntaxReference?.GetSyntax() is { } attributeSyntax ? LocationInfo.From(attributeSyntax) : LocationInfo.From(syntax.Identifier.GetLocation());
        CustomDerivativeDeclaration Fail(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            new(null, null, at, new[] { new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray()) }.ToEquatableArray());

        // `typeof(Missing)`, a name that is not a constant, …: the compiler reports those.
        var arguments = attribute.ConstructorArguments;
        var (type, name) = arguments.Length switch
        {
            1 => (pullback.ContainingType as ITypeSymbol, arguments[0].Value as string),
            2 => (arguments[0].Value as ITypeSymbol, arguments[1].Value as string),
            _ => (null, null),
        };
        if (type is not INamedTypeSymbol owner || type.TypeKind == TypeKind.Error || name is null)
        {
            return new CustomDerivativeDeclaration(null, null, at, EquatableArray<DiagnosticInfo>.Empty);
        }

        var pullbackName = pullback.ContainingType.Name + "." + pullback.Name;
        var candidates = owner.GetMembers(name).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        if (candidates.Count == 0)
        {
            return Fail(DiagnosticDescriptors.DerivativeTargetNotFound, at, pullbackName, owner.Name + "." + name, $"'{owner.ToDisplayString()}' has no method named '{name}'");
        }

        var supported = candidates.Where(c => PullbackSignature.Unsupported(c) is null).ToList();
        if (supported.Count == 0)
        {
            return Fail(DiagnosticDescriptors.DerivativeTargetNotFound, at, pullbackName, owner.Name + "." + name, PullbackSignature.Unsupported(candidates[0])!);
        }

        var function = supported.Where(c => PullbackSignature.Matches(c, pullback)).ToList();
        if (function.Count != 1)
        {
            // No overload fits (several overloads cannot fit one signature: the pullback's leading parameters are the function's).
            var expected = string.Join(" or ", supported.Select(c => PullbackSignature.Describe(c, pullback.Name)));
            return Fail(DiagnosticDescriptors.DerivativeSignatureMismatch, LocationInfo.From(syntax.Identifier.GetLocation()), pullbackName, owner.Name + "." + name, expected);
        }

        var target = function[0];
        var targetName = owner.Name + "." + target.Name + "(" + string.Join(", ", target.Parameters.Select(p => KindClassifier.Classify(p.Type)!.Value.ShortName())) + ")";
        if (target.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttributeName))
        {
            return Fail(DiagnosticDescriptors.DuplicateDerivative, at, targetName, $"it is [Differentiable], so its derivative is generated (remove [Differentiable] from '{target.Name}' to use '{pullbackName}' instead, or remove [DerivativeOf])");
        }

        if (RequiredAccessibility(target, pullback, context.SemanticModel.Compilation) is { } required)
        {
            return Fail(DiagnosticDescriptors.DerivativeNotAccessible, LocationInfo.From(syntax.Identifier.GetLocation()), pullbackName, targetName, required);
        }

        if (target.OriginalDefinition.GetDocumentationCommentId() is not { } targetId)
        {
            return new CustomDerivativeDeclaration(null, null, at, EquatableArray<DiagnosticInfo>.Empty);
        }

        var qualified = pullback.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + pullback.Name;
        return new CustomDerivativeDeclaration(new CustomDerivative(targetId, qualified), targetName, at, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// Generated code calls the pullback wherever the function is called, so the pullback must be reachable from
    /// there: as accessible as the function when beside it, internal or public anywhere else (every caller is in
    /// this compilation). Returns what to make it, or null when it is accessible enough.
    /// </summary>
    private static string? RequiredAccessibility(IMethodSymbol function, IMethodSymbol pullback, Compilation compilation)
    {
        var besideIt = SymbolEqualityComparer.Default.Equals(function.ContainingType, pullback.ContainingType);
        var required = besideIt && SymbolEqualityComparer.Default.Equals(function.ContainingAssembly, compilation.Assembly)
            ? Effective(function)
            : Accessibility.Internal;
        if (besideIt && required == Accessibility.Private)
        {
            return null;
        }

        return Effective(pullback) >= required ? null : required switch
        {
            Accessibility.Public => "public",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "internal",
        };
    }

    /// <summary>The least accessibility along the symbol and the types it is nested in.</summary>
    private static Accessibility Effective(ISymbol symbol)
    {
        var result = Accessibility.Public;
        for (ISymbol? s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s.DeclaredAccessibility != Accessibility.NotApplicable && s.DeclaredAccessibility < result)
            {
                result = s.DeclaredAccessibility;
            }
        }

        return result;
    }
}
