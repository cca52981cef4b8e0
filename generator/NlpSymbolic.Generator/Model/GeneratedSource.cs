namespace NlpSymbolic.Generator.Model;

/// <summary>The text of one generated file, or the internal error that prevented it.</summary>
/// <param name="Text">The same text with what the type's <c>BackwardSources</c> constant needs; null without a source.</param>
/// <param name="MethodId">The method's documentation id, by which an internal error finds where to be reported.</param>
internal sealed record GeneratedSource(string HintName, string? Source, DiagnosticInfo? Error, BackwardSourceText? Text = null, string? MethodId = null);
