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
    /// <summary>The method's parse, from <paramref name="cache"/> when nothing it depends on changed since it was last parsed.</summary>
    public static MethodParseResult Parse(GeneratorAttributeSyntaxContext context, ParseCache cache, CancellationToken cancellationToken) =>
        cache.Parse(context, c => Parse(c, cancellationToken, cache));

    public static MethodParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken, ParseCache? cache = null)
    {
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var methodId = context.TargetSymbol.GetDocumentationCommentId();
        try
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            var fields = method.IsStatic ? null : ModelClassParser.ModelFields(method.ContainingType);
            var result = ParseCore(context, syntax, fields, cache, cancellationToken) with { MethodId = methodId };
            return fields is null || ModelClassParser.ModelMemberClash(method.ContainingType) is not null
                ? result
                : result with { Model = ModelClassParser.ModelOf(context.SemanticModel, syntax, method, fields) };
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

    /// <summary>
    /// The signature's fence (<see cref="SignatureParser"/>), the generated names' clashes, then, when nothing stops it,
    /// the body lowered to IR (<see cref="Lower"/>).
    /// </summary>
    private static MethodParseResult ParseCore(
        GeneratorAttributeSyntaxContext context,
        MethodDeclarationSyntax syntax,
        List<(IFieldSymbol Symbol, ModelField Field)>? modelFields,
        ParseCache? cache,
        CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var diagnostics = new DiagnosticList();
        var signature = SignatureParser.Parse(method, syntax, modelFields is not null, diagnostics);
        var lowerer = new BodyLowerer(method, signature.ReturnKind ?? ValueKind.Scalar, signature.ResultComponents);

        // The model's fields come first: the static core takes them as leading arguments.
        var fieldParameters = (modelFields ?? new List<(IFieldSymbol, ModelField)>())
            .Select(f => new IrParameter(lowerer.AddField(f.Symbol, f.Field.Kind).Id, f.Field.Name, f.Field.Kind, f.Field.IsDifferentiable))
            .ToList();
        var parameters = signature.Parameters
            .Select(p => new IrParameter(lowerer.AddParameter(p.Symbol, p.Kind).Id, p.Symbol.Name, p.Kind, p.IsDifferentiable))
            .ToList();

        if (diagnostics.Items.Count == 0 && !signature.HasCompileErrors && parameters.Concat(fieldParameters).Count(p => p.IsDifferentiable) == 0)
        {
            diagnostics.Report(DiagnosticDescriptors.NoDifferentiableParameter, syntax.Identifier.GetLocation(), method.Name);
        }

        BackwardNameCheck.Check(method, parameters, fieldParameters, syntax, (descriptor, location, arguments) => diagnostics.Report(descriptor, location, arguments));
        if (modelFields is not null && ModelClassParser.ModelMemberClash(method.ContainingType) is { } clash)
        {
            diagnostics.Report(DiagnosticDescriptors.BackwardNameTaken, syntax.Identifier.GetLocation(), method.ContainingType.Name, clash);
        }

        if (diagnostics.HasErrors || signature.ReturnKind is null || signature.HasCompileErrors)
        {
            return new MethodParseResult(null, diagnostics.ToEquatableArray());
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (signature.ContainingTypes.Count == 0 || method.ContainingType.IsImplicitlyDeclared || DeclarationNames.HasMissingName(method))
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

        return Lower(context, syntax, signature, lowerer, body, fieldParameters, parameters, modelFields, cache, diagnostics);
    }

    /// <summary>The body lowered to IR and the spec of plain values that leaves Parsing.</summary>
    private static MethodParseResult Lower(
        GeneratorAttributeSyntaxContext context,
        MethodDeclarationSyntax syntax,
        Signature signature,
        BodyLowerer lowerer,
        IBlockOperation body,
        List<IrParameter> fieldParameters,
        List<IrParameter> parameters,
        List<(IFieldSymbol Symbol, ModelField Field)>? modelFields,
        ParseCache? cache,
        DiagnosticList diagnostics)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        lowerer.LowerBody(body);
        diagnostics.AddRange(lowerer.Diagnostics);
        var calls = lowerer.Calls.ToEquatableArray();
        var externalCalls = lowerer.ExternalCalls.ToEquatableArray();
        if (diagnostics.HasErrors || lowerer.HasInvalidCode || lowerer.Result is null || lowerer.Body is null)
        {
            return new MethodParseResult(null, diagnostics.ToEquatableArray(), Calls: calls, ExternalCalls: externalCalls);
        }

        var identifiers = syntax.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken))
            .Select(t => t.ValueText)
            .Concat(signature.ContainingTypes.Select(t => t.NameWithTypeParameters))
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal);

        var builder = lowerer.Builder;
        var ir = new IrMethod(
            method.Name,
            DeclarationNames.Accessibility(method),
            signature.ReturnKind!.Value,
            fieldParameters.Concat(parameters).ToEquatableArray(),
            builder.Values,
            lowerer.Body,
            lowerer.Result,
            lowerer.ResultSource,
            builder.SourceTexts,
            identifiers.ToEquatableArray(),
            lowerer.ResultComponents.ToEquatableArray());

        var ns = DeclarationNames.Namespace(method);
        var typeHint = DeclarationNames.TypeHintName(ns, method);
        var hintName = DeclarationNames.HintName(typeHint, method, parameters);
        var model = modelFields is null ? null : ModelClassParser.ModelOf(context.SemanticModel, syntax, method, modelFields);
        EquatableArray<string> Shadowed() => ShadowedAliases.At(context.SemanticModel, syntax.Body?.OpenBraceToken.Span.End ?? syntax.ExpressionBody!.Expression.SpanStart, method.ContainingType);
        var shadowed = cache is null || ShadowedAliases.DeclaresLocalNamedLikeAnAlias(syntax) ? Shadowed() : cache.ShadowedAliases(context, Shadowed);
        var spec = new DifferentiableMethodSpec(ns, signature.ContainingTypes.ToEquatableArray(), ir, hintName, typeHint, model, ShadowedAliases: shadowed);
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
            || (cache is null ? DeclarationErrors() : cache.HasDeclarationErrors(context, DeclarationErrors))
            || AnyError(model.GetMethodBodyDiagnostics(syntax.Span, cancellationToken));
    }

    private static bool AnyError(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && !d.IsWarningAsError);
}
