using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// The door out of Roslyn: turns one [Differentiable] method into a <see cref="DifferentiableMethodSpec"/>
/// of plain values, or into the diagnostics that explain why it cannot be differentiated.
/// </summary>
internal static class DifferentiableMethodParser
{
    private const string NoDerivativeAttributeName = "NlpSymbolic.NoDerivativeAttribute";

    /// <summary>The method's parse, from <paramref name="cache"/> when nothing it depends on changed since it was last parsed.</summary>
    public static MethodParseResult Parse(GeneratorAttributeSyntaxContext context, ParseCache cache, CancellationToken cancellationToken) =>
        cache.Parse(context, c => Parse(c, cancellationToken, cache));

    public static MethodParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken, ParseCache? cache = null)
    {
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var methodId = context.TargetSymbol.GetDocumentationCommentId();
        try
        {
            var fields = ((IMethodSymbol)context.TargetSymbol).IsStatic ? null : ModelFields(((IMethodSymbol)context.TargetSymbol).ContainingType);
            var result = ParseCore(context, syntax, fields, cache, cancellationToken) with { MethodId = methodId };
            return fields is null || ModelMemberClash(((IMethodSymbol)context.TargetSymbol).ContainingType) is not null
                ? result
                : result with { Model = ModelOf(context.SemanticModel, syntax, (IMethodSymbol)context.TargetSymbol, fields) };
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The generator must never throw; a crash becomes a diagnostic (and a bug to fix).
            var info = new DiagnosticInfo(
                DiagnosticDescriptors.InternalError.Id,
                LocationInfo.From(syntax.Identifier.GetLocation()),
                new[] { syntax.Identifier.ValueText, exception.GetType().Name + ": " + exception.Message }.ToEquatableArray());
            return new MethodParseResult(null, new[] { info }.ToEquatableArray(), methodId);
        }
    }

    private static MethodParseResult ParseCore(
        GeneratorAttributeSyntaxContext context,
        MethodDeclarationSyntax syntax,
        List<(IFieldSymbol Symbol, ModelField Field)>? modelFields,
        ParseCache? cache,
        CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var diagnostics = new List<DiagnosticInfo>();
        void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
            diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(location), arguments.ToEquatableArray()));

        if (!method.IsStatic && modelFields is null)
        {
            Report(DiagnosticDescriptors.MethodMustBeStatic, syntax.Identifier.GetLocation(), method.Name);
        }

        var containingTypes = new List<ContainingTypeSpec>();
        for (var node = syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax type)
            {
                if (type.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.FileKeyword)) is { RawKind: not 0 } fileModifier)
                {
                    Report(DiagnosticDescriptors.FileLocalType, fileModifier.GetLocation(), type.Identifier.ValueText, method.Name);
                }

                if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    Report(DiagnosticDescriptors.TypeMustBePartial, type.Identifier.GetLocation(), type.Identifier.ValueText, method.Name);
                }

                containingTypes.Insert(0, new ContainingTypeSpec(TypeKeyword(type), type.Identifier.Text + type.TypeParameterList));
            }
        }

        if (method.IsGenericMethod)
        {
            Report(DiagnosticDescriptors.GenericMethod, syntax.TypeParameterList?.GetLocation() ?? syntax.Identifier.GetLocation(), method.Name);
        }

        if (syntax.Body is null && syntax.ExpressionBody is null)
        {
            Report(
                method.PartialImplementationPart is not null ? DiagnosticDescriptors.AttributeOnPartialDefinition : DiagnosticDescriptors.MethodWithoutBody,
                syntax.Identifier.GetLocation(),
                method.Name);
        }

        // A type that does not bind (half-typed, unknown name) is the compiler's error to report, not ours.
        var signatureHasCompileErrors = ContainsErrorType(method.ReturnType);
        var returnKind = KindClassifier.Classify(method.ReturnType);
        var resultComponents = TupleShape.Components(method.ReturnType);
        if (resultComponents is not null && !signatureHasCompileErrors)
        {
            // Several outputs: each component is a result of its own, with its own seed in dResult.
            var bad = resultComponents.Select((c, i) => (c, i)).FirstOrDefault(p => p.c.Kind is null);
            if (bad.c is not null)
            {
                SyntaxNode at = syntax.ReturnType is TupleTypeSyntax tupleSyntax && bad.i < tupleSyntax.Elements.Count ? tupleSyntax.Elements[bad.i] : syntax.ReturnType;
                Report(DiagnosticDescriptors.UnsupportedTupleType, at.GetLocation(), $"The result of '{method.Name}'", method.ReturnType.ToDisplayString(), $" (its component '{bad.c.Accessor(bad.i)}' is {bad.c.Type.ToDisplayString()})");
            }
            else
            {
                returnKind = ValueKind.Tuple;
            }
        }
        else if (returnKind is not (ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix) && !signatureHasCompileErrors)
        {
            Report(DiagnosticDescriptors.UnsupportedReturnType, syntax.ReturnType.GetLocation(), method.Name, method.ReturnType.ToDisplayString());
        }

        var lowerer = new BodyLowerer(method, returnKind ?? ValueKind.Scalar, returnKind == ValueKind.Tuple ? resultComponents : null);
        var fieldParameters = new List<IrParameter>();
        foreach (var (symbol, field) in modelFields ?? new List<(IFieldSymbol, ModelField)>())
        {
            // The model's fields come first: the static core takes them as leading arguments.
            var value = lowerer.AddField(symbol, field.Kind);
            fieldParameters.Add(new IrParameter(value.Id, field.Name, field.Kind, field.IsDifferentiable));
        }

        var parameters = new List<IrParameter>();
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
                Report(DiagnosticDescriptors.UnsupportedParameterModifier, modifier.GetLocation(), parameter.Name, modifier.ValueText, fix);
                continue;
            }

            var kind = KindClassifier.Classify(parameter.Type);
            if (kind is null && ContainsErrorType(parameter.Type))
            {
                signatureHasCompileErrors = true;
                continue;
            }

            if (kind is null && TupleShape.IsTuple(parameter.Type))
            {
                Report(DiagnosticDescriptors.UnsupportedTupleType, parameterSyntax.Type?.GetLocation() ?? parameterSyntax.GetLocation(), $"Parameter '{parameter.Name}'", parameter.Type.ToDisplayString(), " (pass its components as separate parameters)");
                continue;
            }

            if (kind is null)
            {
                Report(DiagnosticDescriptors.UnsupportedParameterType, parameterSyntax.Type?.GetLocation() ?? parameterSyntax.GetLocation(), parameter.Name, parameter.Type.ToDisplayString());
                continue;
            }

            var noDerivative = parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NoDerivativeAttributeName);
            var value = lowerer.AddParameter(parameter, kind.Value);
            parameters.Add(new IrParameter(value.Id, parameter.Name, kind.Value, kind.Value.IsDifferentiable() && !noDerivative));
        }

        if (diagnostics.Count == 0 && !signatureHasCompileErrors && parameters.Concat(fieldParameters).Count(p => p.IsDifferentiable) == 0)
        {
            Report(DiagnosticDescriptors.NoDifferentiableParameter, syntax.Identifier.GetLocation(), method.Name);
        }

        CheckBackwardName(method, parameters, fieldParameters, syntax, Report);
        if (modelFields is not null && ModelMemberClash(method.ContainingType) is { } clash)
        {
            Report(DiagnosticDescriptors.BackwardNameTaken, syntax.Identifier.GetLocation(), method.ContainingType.Name, clash);
        }

        if (diagnostics.Any(d => IsError(d)) || returnKind is null || signatureHasCompileErrors)
        {
            return new MethodParseResult(null, diagnostics.ToEquatableArray());
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (containingTypes.Count == 0 || method.ContainingType.IsImplicitlyDeclared || HasMissingName(method))
        {
            // A method outside any type, or a name still being typed (`namespace N.`): the compiler reports it,
            // and nothing can be generated into a type that has no name yet.
            return new MethodParseResult(null, diagnostics.ToEquatableArray());
        }

        if (HasCompileErrors(context, syntax, cache, cancellationToken))
        {
            // Half-typed or unbound code: the compiler reports it, and anything said about the half-bound
            // operations (types shown as '?', conversions that do not exist) would blame the wrong thing.
            return new MethodParseResult(null, diagnostics.ToEquatableArray());
        }

        if (context.SemanticModel.GetOperation(syntax, cancellationToken) is not IMethodBodyOperation bodyOperation
            || (bodyOperation.BlockBody ?? bodyOperation.ExpressionBody) is not { } body)
        {
            return new MethodParseResult(null, diagnostics.ToEquatableArray());
        }

        lowerer.LowerBody(body);
        diagnostics.AddRange(lowerer.Diagnostics);
        var calls = lowerer.Calls.ToEquatableArray();
        var externalCalls = lowerer.ExternalCalls.ToEquatableArray();
        if (diagnostics.Any(d => IsError(d)) || lowerer.HasInvalidCode || lowerer.Result is null || lowerer.Body is null)
        {
            return new MethodParseResult(null, diagnostics.ToEquatableArray(), Calls: calls, ExternalCalls: externalCalls);
        }

        var identifiers = syntax.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken))
            .Select(t => t.ValueText)
            .Concat(containingTypes.Select(t => t.NameWithTypeParameters))
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal);

        var builder = lowerer.Builder;
        var ir = new IrMethod(
            method.Name,
            Accessibility(method),
            returnKind.Value,
            fieldParameters.Concat(parameters).ToEquatableArray(),
            builder.Values,
            lowerer.Body,
            lowerer.Result,
            lowerer.ResultSource,
            builder.SourceTexts,
            identifiers.ToEquatableArray(),
            lowerer.ResultComponents.ToEquatableArray());

        var ns = method.ContainingNamespace is { IsGlobalNamespace: false } containing
            ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty)
            : null;
        var typeHint = TypeHintName(ns, method);
        var hintName = HintName(typeHint, method, parameters);
        var model = modelFields is null ? null : ModelOf(context.SemanticModel, syntax, method, modelFields);
        EquatableArray<string> Shadowed() => ShadowedAliases.At(context.SemanticModel, syntax.Body?.OpenBraceToken.Span.End ?? syntax.ExpressionBody!.Expression.SpanStart, method.ContainingType);
        var shadowed = cache is null || ShadowedAliases.DeclaresLocalNamedLikeAnAlias(syntax) ? Shadowed() : cache.ForDeclaration(context, "shadowed aliases", Shadowed);
        var spec = new DifferentiableMethodSpec(ns, containingTypes.ToEquatableArray(), ir, hintName, typeHint, model, ShadowedAliases: shadowed);
        return new MethodParseResult(spec, diagnostics.ToEquatableArray(), Calls: calls, ExternalCalls: externalCalls);
    }

    /// <summary>
    /// Compile errors anywhere in the method (some, like a misplaced yield, are reported at its name): what
    /// <c>GetDiagnostics</c> over its span says, asked stage by stage so that the declaration stage, which completes
    /// the whole containing type, can come from <paramref name="cache"/> when only a body changed.
    /// </summary>
    private static bool HasCompileErrors(GeneratorAttributeSyntaxContext context, MethodDeclarationSyntax syntax, ParseCache? cache, CancellationToken cancellationToken)
    {
        var model = context.SemanticModel;
        bool DeclarationErrors() => AnyError(model.GetDeclarationDiagnostics(syntax.Span, cancellationToken));
        return AnyError(model.GetSyntaxDiagnostics(syntax.Span, cancellationToken))
            || (cache is null ? DeclarationErrors() : cache.ForDeclaration(context, "declaration errors", DeclarationErrors))
            || AnyError(model.GetMethodBodyDiagnostics(syntax.Span, cancellationToken));
    }

    private static bool AnyError(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && !d.IsWarningAsError);

    private static bool HasMissingName(IMethodSymbol method)
    {
        for (ISymbol? symbol = method.ContainingType; symbol is not null && symbol is not INamespaceSymbol { IsGlobalNamespace: true }; symbol = symbol.ContainingSymbol)
        {
            if (string.IsNullOrEmpty(symbol.Name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType),
        _ => false,
    };

    private static bool IsError(DiagnosticInfo info) =>
        DiagnosticDescriptors.ById(info.DescriptorId).DefaultSeverity == DiagnosticSeverity.Error;

    private static void CheckBackwardName(
        IMethodSymbol method,
        List<IrParameter> parameters,
        List<IrParameter> fields,
        MethodDeclarationSyntax syntax,
        Action<DiagnosticDescriptor, Location, string[]> report)
    {
        var gradients = parameters.Count(p => p.IsDifferentiable);
        var all = fields.Concat(parameters).ToList();
        var allGradients = all.Count(p => p.IsDifferentiable);
        var isModel = !method.IsStatic;

        // An instance method's NameBackward takes the Gradients object after the seed; its static core, Forward
        // and Pullback take the fields first.
        var generated = new[]
        {
            (Name: method.Name + "Backward", Count: parameters.Count + 1 + (isModel ? 1 : 0) + gradients, Skip: 0, Kinds: parameters),
            (Name: method.Name + "BackwardCore", Count: isModel ? all.Count + 1 + allGradients : -1, Skip: 0, Kinds: all),
            (Name: method.Name + "Pullback", Count: all.Count + 1 + allGradients, Skip: 0, Kinds: all),
            (Name: method.Name + "Forward", Count: all.Count + 1, Skip: 1, Kinds: all),
            (Name: method.Name + "Value", Count: parameters.Count, Skip: 0, Kinds: parameters),

            // The private body both call; any member of that name would be ambiguous or hidden by it.
            (Name: method.Name + "ForwardAndReverse", Count: int.MaxValue, Skip: 0, Kinds: all),
        };
        foreach (var (name, count, skip, kinds) in generated)
        {
            if (count < 0)
            {
                continue;
            }

            foreach (var member in method.ContainingType.GetMembers(name))
            {
                var clashes = member is not IMethodSymbol other
                    || count == int.MaxValue
                    || (other.Parameters.Length == count
                        && other.Parameters.Skip(skip).Take(kinds.Count).Select(p => KindClassifier.Classify(p.Type))
                            .SequenceEqual(kinds.Select(p => (ValueKind?)p.Kind)));
                if (clashes)
                {
                    report(DiagnosticDescriptors.BackwardNameTaken, syntax.Identifier.GetLocation(), new[] { method.ContainingType.Name, name });
                    return;
                }
            }
        }
    }

    /// <summary>
    /// The fields an instance method of <paramref name="type"/> reads as inputs, or null when its instance
    /// methods cannot be differentiated (NLPSYM001): only a non-generic, non-static class with at least one
    /// parameter field (double, Vector&lt;double&gt; or Matrix&lt;double&gt; without [NoDerivative]) is a model.
    /// A struct is not: the generated Gradients and wrappers would work on a copy.
    /// </summary>
    private static List<(IFieldSymbol Symbol, ModelField Field)>? ModelFields(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind != TypeKind.Class || type.IsStatic || type.IsGenericType || type.IsImplicitlyDeclared)
        {
            return null;
        }

        var fields = new List<(IFieldSymbol, ModelField)>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsStatic || field.IsConst || field.IsImplicitlyDeclared || field.RefKind != RefKind.None)
            {
                continue;
            }

            var kind = KindClassifier.Classify(field.Type);
            var noDerivative = field.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NoDerivativeAttributeName);
            var isParameter = kind is ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix && !noDerivative;
            var isConstant = kind is ValueKind.Int or ValueKind.Bool or ValueKind.IntArray
                || (noDerivative && kind is not null);
            if (isParameter || isConstant)
            {
                fields.Add((field, new ModelField(field.Name, kind!.Value, isParameter)));
            }
        }

        return fields.Any(f => f.Item2.IsDifferentiable) ? fields : null;
    }

    /// <summary>A member the user declared with the name of one the model class gets (Gradients, CreateParameterSet).</summary>
    private static string? ModelMemberClash(INamedTypeSymbol type) =>
        new[] { "Gradients", "CreateParameterSet" }.FirstOrDefault(name => !type.GetMembers(name).IsEmpty || !type.GetTypeMembers(name).IsEmpty);

    /// <summary>The model class to emit Gradients for, when generated members can be added to it.</summary>
    private static ModelTypeSpec? ModelOf(SemanticModel semanticModel, MethodDeclarationSyntax syntax, IMethodSymbol method, List<(IFieldSymbol Symbol, ModelField Field)> fields)
    {
        var containingTypes = new List<ContainingTypeSpec>();
        for (var node = syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax type)
            {
                if (!type.Modifiers.Any(SyntaxKind.PartialKeyword) || type.Modifiers.Any(SyntaxKind.FileKeyword))
                {
                    return null;
                }

                containingTypes.Insert(0, new ContainingTypeSpec(TypeKeyword(type), type.Identifier.Text + type.TypeParameterList));
            }
        }

        if (containingTypes.Count == 0 || HasMissingName(method))
        {
            return null;
        }

        var ns = method.ContainingNamespace is { IsGlobalNamespace: false } containing
            ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty)
            : null;
        var parts = new List<string>();
        if (ns is not null)
        {
            parts.Add(ns.Replace("@", string.Empty));
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            parts.Insert(ns is null ? 0 : 1, type.MetadataName);
        }

        return new ModelTypeSpec(
            ns,
            containingTypes.ToEquatableArray(),
            method.ContainingType.Name,
            fields.Select(f => f.Field).ToEquatableArray(),
            string.Join(".", parts) + ".Gradients.g.cs",
            ShadowedAliases.At(semanticModel, syntax.Parent is TypeDeclarationSyntax declaration ? declaration.OpenBraceToken.Span.End : syntax.SpanStart, method.ContainingType));
    }

    private static string TypeKeyword(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => type.Keyword.ValueText,
    };

    private static MethodAccessibility Accessibility(IMethodSymbol method) => method.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => MethodAccessibility.Public,
        Microsoft.CodeAnalysis.Accessibility.Internal => MethodAccessibility.Internal,
        Microsoft.CodeAnalysis.Accessibility.Protected => MethodAccessibility.Protected,
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => MethodAccessibility.ProtectedInternal,
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => MethodAccessibility.PrivateProtected,
        _ => MethodAccessibility.Private,
    };

    /// <summary>
    /// A file name unique per method: the type's part (<see cref="TypeHintName"/>), then the method with its parameter
    /// kinds listed in parentheses, characters no identifier can contain, so no two methods share one.
    /// </summary>
    private static string HintName(string typeHint, IMethodSymbol method, List<IrParameter> parameters) =>
        typeHint + "." + method.Name + "(" + string.Join(",", parameters.Select(p => p.Kind.ToString())) + ").g.cs";

    /// <summary>The containing type's part of the hint names: namespace and types, with metadata names that keep generic arity (<c>Model`1</c>).</summary>
    private static string TypeHintName(string? ns, IMethodSymbol method)
    {
        var parts = new List<string>();
        if (ns is not null)
        {
            // Keyword-named namespaces are escaped ('@class'), and '@' is not allowed in hint names.
            parts.Add(ns.Replace("@", string.Empty));
        }

        var types = new List<string>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            types.Insert(0, type.MetadataName);
        }

        parts.AddRange(types);
        return string.Join(".", parts);
    }
}
