namespace NlpSymbolic.CodeFixes;

/// <summary>The generator's diagnostics these fixes answer (the generator's catalogue is the source; a test keeps them equal).</summary>
internal static class DiagnosticIds
{
    public const string TypeMustBePartial = "NLPSYM002";
    public const string UnsupportedCall = "NLPSYM103";
    public const string CallWithoutDerivative = "NLPSYM123";
    public const string GradientNeverWritten = "NLPSYM202";

    /// <summary>The diagnostic properties the generator attaches to NLPSYM123 (see the generator's DiagnosticInfo).</summary>
    public const string PullbackDeclarationKey = "PullbackDeclaration";
    public const string DerivativeOfKey = "DerivativeOf";
}
