using System;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// A variable of the method being lowered: a local or parameter symbol, or a synthetic variable the
/// lowering introduces (the result, and the flags that replace break, continue and early return).
/// Lives only inside the parser.
/// </summary>
internal sealed class VariableKey : IEquatable<VariableKey>
{
    private VariableKey(ISymbol? symbol, string name, ValueKind kind)
    {
        Symbol = symbol;
        Name = name;
        Kind = kind;
    }

    public ISymbol? Symbol { get; }

    public string Name { get; }

    public ValueKind Kind { get; }

    public static VariableKey For(ISymbol symbol, ValueKind kind) => new(symbol, symbol.Name, kind);

    /// <summary>A fresh synthetic variable; equal only to itself.</summary>
    public static VariableKey Synthetic(string name, ValueKind kind) => new(null, name, kind);

    public bool Equals(VariableKey? other) =>
        other is not null && (Symbol is null ? ReferenceEquals(this, other) : SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol));

    public override bool Equals(object? obj) => Equals(obj as VariableKey);

    public override int GetHashCode() => Symbol is null ? System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this) : SymbolEqualityComparer.Default.GetHashCode(Symbol);
}
