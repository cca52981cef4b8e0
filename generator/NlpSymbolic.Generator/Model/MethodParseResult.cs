namespace NlpSymbolic.Generator.Model;

/// <summary>The transform's output for one attributed method: a spec to emit, or the errors that prevent it.</summary>
/// <param name="MethodId">The method's documentation id, by which its callers name it in <see cref="CallSite"/>.</param>
/// <param name="Calls">The [Differentiable] methods its body calls (empty when the body was not lowered).</param>
/// <param name="Model">
/// For an instance method of a partial model class: the class, whose Gradients class is generated even when
/// the method itself has errors (so that code using it keeps compiling).
/// </param>
/// <param name="ExternalCalls">Calls to functions whose derivative must be declared with [DerivativeOf] (see <see cref="ExternalCall"/>).</param>
internal sealed record MethodParseResult(
    DifferentiableMethodSpec? Spec,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string? MethodId = null,
    EquatableArray<CallSite> Calls = default,
    ModelTypeSpec? Model = null,
    EquatableArray<ExternalCall> ExternalCalls = default);
