using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// The reverse sweep of a method. The result's adjoint is the seed (<c>dResult</c>); when the result is a
/// parameter the seed is added to its gradient by the first statement.
/// </summary>
internal sealed record AdjointProgram(
    DifferentiableMethodSpec Spec,
    EquatableArray<int> ActiveValues,
    AdjointBlock Body)
{
    public IrMethod Method => Spec.Method;

    /// <summary>
    /// The result, when a statement computes it, takes the seed itself as its adjoint: nothing runs after
    /// it, so nothing adds to it. A result merged by control flow (a phi) gets its own adjoint.
    /// </summary>
    public static bool IsSeeded(int id, IrMethod method) =>
        !method.Result.IsConstant && method.Result.ValueId == id
        && method.Parameters.All(p => p.ValueId != id)
        && IrWalker.Statements(method.Body).Any(s => s.Target == id);
}
