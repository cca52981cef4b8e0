namespace NlpSymbolic.Generator.Differentiation;

/// <summary>The derivative of one operation: <paramref name="Math"/> states it, <paramref name="Terms"/> implement it.</summary>
internal sealed record AdjointRule(string Operation, string Math, params AdjointTerm[] Terms);
