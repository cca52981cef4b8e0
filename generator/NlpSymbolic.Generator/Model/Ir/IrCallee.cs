namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// A method called from a [Differentiable] one: another [Differentiable] method, whose generated <c>…Forward</c>
/// and <c>…Pullback</c> beside it generated code calls, or a function with a declared derivative
/// (<paramref name="CustomTargetId"/>). <paramref name="QualifiedName"/> is <c>global::Ns.Type.Method</c>.
/// </summary>
/// <param name="Differentiable">Per argument: whether the callee takes a gradient argument for it.</param>
/// <param name="CustomTargetId">
/// For a function with a hand-written derivative (<c>[DerivativeOf]</c>): its documentation id. Generated code
/// then calls the function itself forward and the pullback that <see cref="DifferentiableMethodSpec.CustomDerivatives"/>
/// names for this id backward.
/// </param>
internal sealed record IrCallee(string QualifiedName, EquatableArray<bool> Differentiable, ValueKind ResultKind, string? CustomTargetId = null);
