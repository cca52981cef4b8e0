namespace NlpSymbolic.Generator.Model;

/// <summary>The text of one generated file, or the internal error that prevented it.</summary>
internal sealed record GeneratedSource(string HintName, string? Source, DiagnosticInfo? Error);
