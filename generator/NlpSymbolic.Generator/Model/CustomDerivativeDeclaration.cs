namespace NlpSymbolic.Generator.Model;

/// <summary>
/// One method carrying <c>[DerivativeOf]</c>, as the parser saw it: the derivative it declares when its
/// signature is right, and the diagnostics of its own declaration.
/// </summary>
/// <param name="TargetName">The function as users read it (<c>Quantizer.Round(double)</c>), for the duplicate message.</param>
/// <param name="Location">The attribute, where a duplicate is reported.</param>
internal sealed record CustomDerivativeDeclaration(
    CustomDerivative? Derivative,
    string? TargetName,
    LocationInfo? Location,
    EquatableArray<DiagnosticInfo> Diagnostics);
