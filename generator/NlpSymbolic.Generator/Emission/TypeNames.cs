using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// How one generated file spells the types it names: <c>Vector</c> for
/// <c>global::MathNet.Numerics.LinearAlgebra.Vector&lt;double&gt;</c> and so on, through a block of
/// <c>using</c> aliases at the top of the file (<see cref="UsingBlock"/>), which lists only the aliases the file
/// used.
/// </summary>
/// <remarks>
/// An alias directive of the compilation unit loses to every name C# looks up before it: type parameters,
/// parameters, members and nested types of the containing types and their bases, members of the containing
/// namespaces, and a <c>global using</c> alias of the same name (an error). The parser looks each alias name up
/// at the method (<c>Parsing/ShadowedAliases</c>) and records the ones taken there; for those this class gives
/// the <c>global::</c> name instead, so a user's <c>class Vector</c> in the method's namespace is never
/// captured. Namespaces the user imports do not count: an alias wins over a <c>using</c> of a namespace.
/// </remarks>
internal sealed class TypeNames
{
    private static IReadOnlyList<TypeAlias> Aliases => TypeAliases.All;

    private readonly HashSet<string> shadowed;
    private readonly SortedSet<string> used = new(System.StringComparer.Ordinal);

    /// <param name="shadowed">The alias names that mean something else where the generated code is written.</param>
    public TypeNames(IEnumerable<string> shadowed) => this.shadowed = new HashSet<string>(shadowed);

    /// <summary>The alias names that must stay free among the method's locals (see <see cref="Alias.InBody"/>).</summary>
    public IEnumerable<string> ReservedInBody => Aliases.Where(a => a.InBody && !shadowed.Contains(a.Name)).Select(a => a.Name);

    public string Vector => Name("Vector");

    public string Matrix => Name("Matrix");

    public string Workspace => Name("Workspace");

    public string ParameterSet => Name("ParameterSet");

    /// <summary>The C# type of a value of <paramref name="kind"/>.</summary>
    public string Of(ValueKind kind) => kind switch
    {
        ValueKind.Scalar => "double",
        ValueKind.Vector => Vector,
        ValueKind.Matrix => Matrix,
        ValueKind.ScalarArray => "double[]",
        ValueKind.VectorArray => Vector + "[]",
        ValueKind.Int => "int",
        ValueKind.IntArray => "int[]",
        ValueKind.Tuple => throw new System.InvalidOperationException("A tuple's type is its components' (see ResultTypes)."),
        _ => "bool",
    };

    /// <summary>The alias <paramref name="alias"/> (one of <see cref="Aliases"/>), or its target where the alias is taken.</summary>
    public string Name(string alias)
    {
        var entry = Aliases.First(a => a.Name == alias);
        if (shadowed.Contains(alias))
        {
            return entry.Target;
        }

        used.Add(alias);
        return alias;
    }

    /// <summary>The <c>using</c> directives of the aliases this file used, in alphabetical order; empty when none.</summary>
    public IEnumerable<string> UsingBlock() =>
        used.Select(name => $"using {name} = {Aliases.First(a => a.Name == name).Target};");
}
