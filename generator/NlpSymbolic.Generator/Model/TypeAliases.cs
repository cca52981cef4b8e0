using System.Collections.Generic;
using System.Linq;

namespace NlpSymbolic.Generator.Model;

/// <summary>
/// Every <c>using</c> alias a generated file may declare (Emission's <c>TypeNames</c> writes them, Parsing's
/// <c>ShadowedAliases</c> looks each name up at the method). Here, between the rooms, so neither reaches into the
/// other. <see cref="TypeAlias.InBody"/> marks the ones written among the method's own statements (a static class
/// whose members the body calls, e.g. an entry <c>new("Math", "global::System.Math", InBody: true)</c> for the
/// operation templates): the method's locals are in scope there, so a user's local of that name is renamed rather
/// than shadowing the alias.
/// </summary>
internal static class TypeAliases
{
    public static IReadOnlyList<TypeAlias> All { get; } = new TypeAlias[]
    {
        new("Vector", "global::MathNet.Numerics.LinearAlgebra.Vector<double>", InBody: false),
        new("Matrix", "global::MathNet.Numerics.LinearAlgebra.Matrix<double>", InBody: false),
        new("Workspace", "global::NlpSymbolic.Workspace", InBody: false),
        new("ParameterSet", "global::NlpSymbolic.Training.ParameterSet", InBody: false),
    };

    /// <summary>The names the parser looks up.</summary>
    public static IEnumerable<string> Names => All.Select(a => a.Name);
}

/// <param name="InBody">Written among the method's statements, where its locals are in scope.</param>
internal sealed record TypeAlias(string Name, string Target, bool InBody);
