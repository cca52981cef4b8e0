namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// A [Differentiable] method called from another one. <paramref name="QualifiedName"/> is
/// <c>global::Ns.Type.Method</c>; generated code calls <c>…Forward</c> and <c>…Pullback</c> beside it.
/// </summary>
/// <param name="Differentiable">Per argument: whether the callee takes a gradient argument for it.</param>
internal sealed record IrCallee(string QualifiedName, EquatableArray<bool> Differentiable, ValueKind ResultKind);
