namespace NlpSymbolic.Generator.Model;

/// <summary>
/// A hand-written pullback declared with <c>[DerivativeOf]</c>: generated code calls
/// <paramref name="PullbackName"/> (<c>global::Ns.Type.Method</c>) where a [Differentiable] method calls the
/// function whose documentation id is <paramref name="TargetId"/>. No location, so moving the declaration
/// leaves its callers cached.
/// </summary>
internal sealed record CustomDerivative(string TargetId, string PullbackName);
