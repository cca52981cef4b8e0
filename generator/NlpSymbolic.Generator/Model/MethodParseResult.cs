namespace NlpSymbolic.Generator.Model;

/// <summary>The transform's output for one attributed method: a spec to emit, or the errors that prevent it.</summary>
internal sealed record MethodParseResult(DifferentiableMethodSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
