using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>Maps Roslyn types to the value kinds the generator understands; null means unsupported.</summary>
internal static class KindClassifier
{
    private const string VectorOfT = "MathNet.Numerics.LinearAlgebra.Vector<T>";
    private const string MatrixOfT = "MathNet.Numerics.LinearAlgebra.Matrix<T>";

    public static ValueKind? Classify(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                return null;
            case { SpecialType: SpecialType.System_Double }:
                return ValueKind.Scalar;
            case { SpecialType: SpecialType.System_Int32 }:
                return ValueKind.Int;
            case { SpecialType: SpecialType.System_Boolean }:
                return ValueKind.Bool;
            case IArrayTypeSymbol { Rank: 1 } array:
                return Classify(array.ElementType) switch
                {
                    ValueKind.Scalar => ValueKind.ScalarArray,
                    ValueKind.Vector => ValueKind.VectorArray,
                    ValueKind.Int => ValueKind.IntArray,
                    _ => null,
                };
            case INamedTypeSymbol named when IsOfDouble(named, VectorOfT):
                return ValueKind.Vector;
            case INamedTypeSymbol named when IsOfDouble(named, MatrixOfT):
                return ValueKind.Matrix;
            default:
                return null;
        }
    }

    private static bool IsOfDouble(INamedTypeSymbol type, string definition) =>
        type.TypeArguments.Length == 1
        && type.TypeArguments[0].SpecialType == SpecialType.System_Double
        && type.OriginalDefinition.ToDisplayString() == definition;

    /// <summary>
    /// <c>VectorBuilder</c> or <c>MatrixBuilder</c> for the factories of <c>Vector&lt;double&gt;.Build</c> and
    /// <c>Matrix&lt;double&gt;.Build</c> (owners in operation signatures), null for anything else.
    /// </summary>
    public static string? BuilderName(INamedTypeSymbol? type)
    {
        if (type is not { TypeArguments.Length: 1 } || type.TypeArguments[0].SpecialType != SpecialType.System_Double)
        {
            return null;
        }

        return type.OriginalDefinition.ToDisplayString() switch
        {
            "MathNet.Numerics.LinearAlgebra.VectorBuilder<T>" => "VectorBuilder",
            "MathNet.Numerics.LinearAlgebra.MatrixBuilder<T>" => "MatrixBuilder",
            _ => null,
        };
    }

    /// <summary>The short owner name used in operation signatures, or null for types with no operations.</summary>
    public static string? OwnerName(INamedTypeSymbol? type)
    {
        var definition = type?.OriginalDefinition.ToDisplayString();
        return definition switch
        {
            VectorOfT => "Vector",
            MatrixOfT => "Matrix",
            "System.Math" => "Math",
            "NlpSymbolic.Functions" => "Functions",
            "System.Array" => "Array",
            _ => null,
        };
    }
}
