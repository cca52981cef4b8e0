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
}
