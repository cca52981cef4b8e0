using System;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// A variable of the method being lowered: a local or parameter symbol, or a synthetic variable the
/// lowering introduces (the result, and the flags that replace break, continue and early return), or one
/// component of a tuple local (<c>r.h</c> of <c>var r = Cell(…)</c>). Lives only inside the parser.
/// </summary>
internal sealed class VariableKey : IEquatable<VariableKey>
{
    private VariableKey(ISymbol? symbol, string name, ValueKind kind, int component = -1)
    {
        Symbol = symbol;
        Name = name;
        Kind = kind;
        Component = component;
    }

    public ISymbol? Symbol { get; }

    public string Name { get; }

    public ValueKind Kind { get; }

    /// <summary>The component's index for a component of a tuple local; -1 otherwise.</summary>
    public int Component { get; }

    public static VariableKey For(ISymbol symbol, ValueKind kind) => new(symbol, symbol.Name, kind);

    /// <summary>Component <paramref name="index"/> of the tuple local <paramref name="symbol"/>, named <paramref name="name"/> in generated code.</summary>
    public static VariableKey ForComponent(ISymbol symbol, int index, string name, ValueKind kind) => new(symbol, name, kind, index);

    /// <summary>A fresh synthetic variable; equal only to itself.</summary>
    public static VariableKey Synthetic(string name, ValueKind kind) => new(null, name, kind);

    public bool Equals(VariableKey? other) =>
        other is not null && (Symbol is null ? ReferenceEquals(this, other) : SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol) && Component == other.Component);

    public override bool Equals(object? obj) => Equals(obj as VariableKey);

    public override int GetHashCode() => Symbol is null ? System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this) : SymbolEqualityComparer.Default.GetHashCode(Symbol) * 31 + Component;
}
