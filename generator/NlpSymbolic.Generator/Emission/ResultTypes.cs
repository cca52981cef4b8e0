using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// The C# types of a method's result and of its seed <c>dResult</c>. For a tuple result they are the same tuple,
/// except that the seed's vector and matrix components are nullable: null means no gradient flows from that output.
/// </summary>
internal static class ResultTypes
{
    public static string Return(IrMethod method, TypeNames types) => method.IsTuple ? Tuple(method, types, seed: false) : types.Of(method.ReturnKind);

    public static string Seed(IrMethod method, TypeNames types) => method.IsTuple ? Tuple(method, types, seed: true) : types.Of(method.ReturnKind);

    /// <summary><c>dResult.h</c>, or <c>dResult.Item2</c> for an unnamed component.</summary>
    public static string Component(IrMethod method, string tuple, int index) =>
        tuple + "." + NameAllocator.Escape(method.Components[index].Accessor(index));

    private static string Tuple(IrMethod method, TypeNames types, bool seed) =>
        "(" + string.Join(", ", method.Components.Select(c =>
            types.Of(c.Kind)
            + (seed && c.Kind != ValueKind.Scalar ? "?" : string.Empty)
            + (c.Name is null ? string.Empty : " " + NameAllocator.Escape(c.Name)))) + ")";
}
