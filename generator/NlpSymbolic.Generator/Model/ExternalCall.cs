namespace NlpSymbolic.Generator.Model;

/// <summary>
/// A call to a static function that is not [Differentiable] and not in the operation catalogue. Its derivative
/// may be declared with <c>[DerivativeOf]</c> anywhere in the compilation, which is known only once every
/// declaration has been parsed; if none is, <paramref name="Diagnostic"/> (which says how to declare one) is
/// reported at the call.
/// </summary>
internal sealed record ExternalCall(string TargetId, DiagnosticInfo Diagnostic);
