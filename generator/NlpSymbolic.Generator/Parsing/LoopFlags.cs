namespace NlpSymbolic.Generator.Parsing;

/// <summary>The synthetic variables that replace <c>break</c> and <c>continue</c> of one loop.</summary>
internal sealed record LoopFlags(VariableKey Break, VariableKey Continue);
