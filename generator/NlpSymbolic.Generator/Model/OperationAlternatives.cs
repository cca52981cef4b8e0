using System.Collections.Generic;

namespace NlpSymbolic.Generator.Model;

/// <summary>
/// What to write instead of a call the catalogue (<see cref="Operations"/>) does not have, when an equivalent
/// form does exist: said in the NLPSYM103 message. Consulted only after the catalogue, so an entry goes quiet
/// by itself once its form becomes an operation.
/// </summary>
internal static class OperationAlternatives
{
    /// <summary>Signature (as in <see cref="Operations"/>) → advice; <c>{0}</c>, <c>{1}</c> are the operands as the user wrote them.</summary>
    private static readonly Dictionary<string, string> bySignature = new()
    {
        ["Matrix.TransposeThisAndMultiply(Matrix,Vector)"] = "write {0}.Transpose() * {1}",
        ["Matrix.TransposeThisAndMultiply(Matrix,Matrix)"] = "write {0}.Transpose() * {1}",
        ["Matrix.TransposeAndMultiply(Matrix,Matrix)"] = "write {0} * {1}.Transpose()",
        ["Vector.Norm(Vector,Scalar)"] = "for the Euclidean norm write {0}.L2Norm(), for its square SquaredNorm({0})",
        ["Vector.PointwisePower(Vector,Scalar)"] = "for a square write {0}.PointwiseMultiply({0})",
    };

    public static string? For(string owner, string member, IReadOnlyList<ValueKind> kinds, IReadOnlyList<string> operands)
    {
        if (!bySignature.TryGetValue($"{owner}.{member}({string.Join(",", kinds)})", out var advice))
        {
            return null;
        }

        for (var i = 0; i < operands.Count; i++)
        {
            advice = advice.Replace("{" + i + "}", operands[i]);
        }

        return advice;
    }
}
