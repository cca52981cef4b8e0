namespace NlpSymbolic.Generator.Model;

/// <summary>
/// A call to a static function that is not [Differentiable] and not in the operation catalogue. Its derivative
/// may be declared with <c>[DerivativeOf]</c> anywhere in the compilation, which is known only once every
/// declaration has been parsed; if none is, <paramref name="Diagnostic"/> (which says how to declare one) is
/// reported at the call.
/// </summary>
/// <param name="LibraryPullback">
/// For a function of a referenced assembly: the public pullback that assembly declares beside it with
/// [DerivativeOf], if any (a declaration in this compilation takes precedence).
/// </param>
internal sealed record ExternalCall(string TargetId, DiagnosticInfo Diagnostic, string? LibraryPullback = null)
{
    public ExternalCall Moved(int positions, int lines) => this with { Diagnostic = Diagnostic.Moved(positions, lines) };
}
