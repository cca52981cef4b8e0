namespace NlpSymbolic.Generator.Model;

/// <summary>
/// Every custom derivative of the compilation, one per function, and the errors of declarations that clash
/// (two derivatives of one function).
/// </summary>
internal sealed record CustomDerivativeTable(EquatableArray<CustomDerivative> Derivatives, EquatableArray<DiagnosticInfo> Diagnostics);
