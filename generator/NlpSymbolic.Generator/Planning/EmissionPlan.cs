using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Planning;

/// <summary>
/// Everything Emission needs to know about one method besides C# spelling, decided before anything is printed:
/// the adjoint program, what the forward sweep tapes for the reverse sweep, which int and bool temporaries each
/// forward sweep writes into their one use, and whether the generated methods use a workspace. Equatable, so
/// the pipeline caches it, and a test can build one by hand.
/// </summary>
/// <param name="InlinedWithTape">The values written into their use in <c>NameForwardAndReverse</c>'s forward sweep.</param>
/// <param name="InlinedWithoutTape">The values written into their use in <c>NameForward</c> (nothing is taped there, so more can be).</param>
/// <param name="UsesWorkspace">Whether <c>NameForwardAndReverse</c>'s sweeps call the workspace (it then takes one).</param>
/// <param name="ChecksGradientShapes">Whether <c>NameBackward</c> checks a vector or matrix gradient's shape (with the workspace).</param>
internal sealed record EmissionPlan(
    AdjointProgram Program,
    TapePlan Tape,
    EquatableArray<int> InlinedWithTape,
    EquatableArray<int> InlinedWithoutTape,
    bool UsesWorkspace,
    bool ChecksGradientShapes);
