namespace NlpSymbolic.Generator.Model;

/// <summary>
/// A call from one [Differentiable] method to another. The caller's generated code calls the callee's
/// generated Forward and Pullback, so the caller may be generated only if the callee is.
/// </summary>
/// <param name="CalleeId">The callee's documentation id, the key its own <see cref="MethodParseResult"/> carries.</param>
/// <param name="Diagnostic">What to report at this call should the callee not be generated because of an error of ours.</param>
internal sealed record CallSite(string CalleeId, DiagnosticInfo Diagnostic)
{
    public CallSite Moved(int positions, int lines) => this with { Diagnostic = Diagnostic.Moved(positions, lines) };
}
