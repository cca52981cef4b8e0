namespace NlpSymbolic.Generator.Model;

/// <summary>
/// Methods whose own code could be generated but that call, directly or not, a method that is not generated,
/// and the NLPSYM111 errors at the calls that explain it.
/// </summary>
/// <param name="HintNames">The generated files to leave out.</param>
internal sealed record BlockedMethods(EquatableArray<string> HintNames, EquatableArray<DiagnosticInfo> Diagnostics);
