using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>One component of a tuple type: its declared name (null when unnamed), and its kind when it is one a tuple may hold.</summary>
internal sealed record TupleComponent(string? Name, ValueKind? Kind, ITypeSymbol Type)
{
    /// <summary>How C# reads it from the tuple: its name, or <c>Item1</c>, <c>Item2</c>….</summary>
    public string Accessor(int index) => Name ?? "Item" + (index + 1);
}

/// <summary>
/// Tuple types as the generator sees them: a tuple may return several outputs of a [Differentiable] method, so its
/// components may be double, Vector&lt;double&gt; or Matrix&lt;double&gt; (the kinds a result may have), nothing else.
/// </summary>
internal static class TupleShape
{
    /// <summary>The components of a tuple type, in order; null when <paramref name="type"/> is not a tuple.</summary>
    public static IReadOnlyList<TupleComponent>? Components(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { IsTupleType: true } tuple)
        {
            return null;
        }

        return tuple.TupleElements
            .Select(e => new TupleComponent(
                e.IsExplicitlyNamedTupleElement ? e.Name : null,
                KindClassifier.Classify(e.Type) is ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix ? KindClassifier.Classify(e.Type) : null,
                e.Type))
            .ToList();
    }

    public static bool IsTuple(ITypeSymbol? type) => type is INamedTypeSymbol { IsTupleType: true };

    /// <summary>Whether every component has a kind a tuple may hold.</summary>
    public static bool IsSupported(IReadOnlyList<TupleComponent> components) => components.All(c => c.Kind is not null);

    /// <summary>The position of a tuple's element field (<c>r.h</c> or <c>r.Item2</c>) among its components.</summary>
    public static int IndexOf(IFieldSymbol field)
    {
        var underlying = field.CorrespondingTupleField ?? field;
        if (field.ContainingType is not INamedTypeSymbol { IsTupleType: true } tuple)
        {
            return -1;
        }

        var elements = tuple.TupleElements;
        for (var i = 0; i < elements.Length; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(elements[i].CorrespondingTupleField ?? elements[i], underlying))
            {
                return i;
            }
        }

        return -1;
    }
}
